// Internal: what IndexWriter's files share (index_writer.cc opens, locks, recovers and
// writes; index_reads.cc answers what the index holds): one shard and the writer's state.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/fnv.h"
#include "base/root_metadata.h"
#include "base/xapian_errors.h"
#include "index/stat_table.h"
#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/index_writer.h"
#include "longjing/schema.h"

namespace longjing {

// The block size of a full build's staging databases (Xapian's largest; the index they
// are compacted into keeps Xapian's 8 KB). Each staging commit rewrites every block it
// touches; larger blocks cut the kernel's copying: a build of mixed 8 KB 172.6 / 187.7 s
// CPU, 32 KB 168.5 / 177.0 s, 64 KB 156.9 / 176.3 s, the same index (bench/RESULTS.md).
inline constexpr unsigned kStagingBlockSize = 65536;

// One Xapian database of the index (the whole index, or one of its shards).
struct Shard {
  std::string path;
  bool writable = true;
  Xapian::WritableDatabase db;  // when writable
  Xapian::Database read_only;   // when not
  schema::RootsByTerm roots;    // the roots its path values name (read at open, then kept)
  // Words for the spelling table since the last commit, each with the number of documents
  // that hold it: Xapian looks every word it is given up in the table (a B-tree search
  // once per commit for a word it has not met since), so it is given each word once per
  // commit, not once per document (flush_spelling).
  std::unordered_map<std::string, Xapian::termcount> spelling_pending;

  const Xapian::Database& reader() const {
    return writable ? static_cast<const Xapian::Database&>(db) : read_only;
  }

  Xapian::WritableDatabase& writer() {
    if (!writable) throw DatabaseError("database " + path + " was opened read-only");
    return db;
  }

  // Hands spelling_pending to Xapian's spelling table, to be written with the next commit.
  void flush_spelling() {
    for (const auto& [word, documents] : spelling_pending) writer().add_spelling(word, documents);
    spelling_pending.clear();
  }

  // The document indexed for `file_path`, if any: among those of its id term (one, unless
  // two paths share a hash), the one whose path value is `file_path`.
  std::optional<Xapian::Document> find(const std::string& file_path) const {
    const std::string term = schema::id_term(file_path);
    for (auto it = reader().postlist_begin(term); it != reader().postlist_end(term); ++it) {
      Xapian::Document doc = reader().get_document(*it);
      if (path_of(doc.get_value(schema::kPathSlot)) == file_path) return doc;
    }
    return std::nullopt;
  }

  // The path a kPathSlot value of this shard stands for ("" for a root it does not record,
  // which no path equals).
  std::string path_of(std::string_view value) const {
    return schema::path_of_value(value, roots).value_or(std::string());
  }

  // Opens the database once; throws Xapian::DatabaseLockError when it is locked.
  void open(OpenMode mode) {
    open_tables(mode);
    roots = read_root_terms(reader());
  }

  void open_tables(OpenMode mode) {
    if (mode == OpenMode::kDryRun) {
      writable = false;
      std::error_code ec;
      // No database yet: an empty one, which holds no document and no metadata.
      read_only = std::filesystem::exists(path, ec) ? Xapian::Database(path) : Xapian::Database();
      if (read_only.size() > 0) check_schema(false);
      return;
    }
    if (mode == OpenMode::kReadOnly || mode == OpenMode::kReadAnyVersion) {
      writable = false;
      read_only = Xapian::Database(path);
      if (mode == OpenMode::kReadOnly) check_schema(false);
      return;
    }
    writable = true;
    read_only = Xapian::Database();
    db = Xapian::WritableDatabase(path,
                                  mode == OpenMode::kRebuild ? Xapian::DB_CREATE_OR_OVERWRITE
                                  : mode == OpenMode::kStaging
                                      ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC
                                      : Xapian::DB_CREATE_OR_OPEN,
                                  mode == OpenMode::kStaging ? kStagingBlockSize : 0);
    check_schema(true);
  }

  // Refuses a database of another schema version; stamps a new, empty one, and commits
  // at once so that readers never meet a database without a version (even if this
  // process is killed before its first batch).
  void check_schema(bool stamp_new) {
    const std::string version = reader().get_metadata(std::string(schema::kSchemaKey));
    const std::string expected = std::to_string(schema::kSchemaVersion);
    if (version.empty() && reader().get_doccount() == 0) {
      if (stamp_new) {
        db.set_metadata(std::string(schema::kSchemaKey), expected);
        db.commit();
      }
    } else if (version != expected) {
      throw DatabaseError(incompatible_schema_message(path, version));
    }
  }
};

struct IndexWriter::Impl {
  std::string path;
  bool dry_run = false;  // OpenMode::kDryRun
  // A dry run's changes, counted instead of made.
  std::set<std::string> dry_added, dry_removed;

  // Stores metadata in every shard (index_writer.cc).
  void set_everywhere(const std::string& key, const std::string& value, const char* what);
  std::vector<Shard> shards;
  Analyzer analyzer;
  // Every indexed path's stat values, read in one sweep (preload_status); a path written
  // since is looked up in the database again. `added` holds the paths written since that
  // the table does not know, for paths_under().
  StatTable preloaded;
  std::vector<std::string> added;

  void forget(const std::string& file_path, bool removed) {
    if (preloaded.empty()) return;
    if (!removed && !preloaded.contains(file_path)) added.push_back(file_path);
    preloaded.forget(file_path, removed);
  }

  // The shard a path lives in: a stable hash of the path, so it never moves.
  Shard& shard_for(const std::string& file_path) {
    return shards[shards.size() == 1 ? 0 : fnv1a64(file_path) % shards.size()];
  }
  const Shard& shard_for(const std::string& file_path) const {
    return shards[shards.size() == 1 ? 0 : fnv1a64(file_path) % shards.size()];
  }
};

}  // namespace longjing
