// IndexWriter: turns stored documents into Xapian documents and writes them. One writer
// per database at a time (Xapian's lock); commits are explicit.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "longjing/schema.h"

namespace longjing {

// What the index knows about a file, compared with the file on disk.
enum class FileStatus {
  kNew,        // no document for this path
  kUnchanged,  // same size and mtime as indexed
  kChanged,    // size or mtime differ: the content must be read (its hash may still match)
};

// How to open the database.
enum class OpenMode {
  kUpdate,          // keep what is indexed (create the database if there is none)
  kRebuild,         // start from an empty database, whatever was there
  kStaging,         // kRebuild without waiting for the disk on commit: for the staging
                    // databases of a full build (a power cut may cost the build, never the index)
  kReadOnly,        // read what is indexed, take no lock, write nothing; the database must exist
  kReadAnyVersion,  // kReadOnly whatever the schema version: for the roots and settings of
                    // an index to rebuild (what else it holds may be read otherwise)
  kDryRun,          // a writer that writes nothing: reads what is indexed (nothing, when there is
                    // no database), takes no lock; put, touch, remove and the metadata change
                    // nothing, but remove says whether there was a document and
                    // document_count what the index would hold after the changes
};

// Writes documents into one database (or its shards) under the database's lock; see
// the file comment. Not thread-safe: one thread writes.
class IndexWriter {
 public:
  // Opens the database at `db_path` for writing, creating it (and its parent directories)
  // if needed. When another writer holds the lock, retries every 100 ms for up to
  // `lock_timeout`, then throws DatabaseError naming the lock file (<db_path>/flintlock).
  // Throws DatabaseError, naming the path, when the database is damaged, or (kUpdate,
  // kReadOnly) when it was built with another schema version.
  //
  // `shards` > 1 spreads documents over that many databases (db_path/shard-N, opened as
  // one through the stub file db_path/XAPIANDB), each document in the shard a stable
  // hash of its path picks; 0 keeps the layout the index has (one database when new).
  // Changing the count of an existing index needs kRebuild (else DatabaseError).
  //
  // A full build killed before its end (install_staged_build) is installed on opening
  // for writing when the index holds no documents, so its committed batches are kept.
  explicit IndexWriter(const std::string& db_path, OpenMode mode = OpenMode::kUpdate,
                       std::chrono::milliseconds lock_timeout = std::chrono::milliseconds(0),
                       unsigned shards = 0);
  // Xapian commits what is pending when the database closes, swallowing any error: call
  // commit() to make changes durable and to hear of failures.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // How the indexed copy of `path` compares with a file of this mtime and size.
  FileStatus status(const std::string& path, std::int64_t mtime, std::uint64_t size) const;

  // Reads every indexed file's mtime and size in one sweep, so that status() needs no
  // database lookup for them: for runs that look at many files (a no-op run over 344,582
  // files went from 4.0 s to a fraction of that). Costs memory per indexed file.
  void preload_status();

  // The content hash stored for `path`, or "" when it is not indexed.
  std::string stored_hash(const std::string& path) const;

  // The methods below change the database; in kReadOnly mode they throw DatabaseError.

  // Adds the document, or replaces the one with the same path. `is_new` promises that
  // there is none (a full build), which saves looking for it.
  void put(const schema::StoredDocument& doc, bool is_new = false);

  // Records a new mtime and size for an indexed file whose content did not change.
  void touch(const std::string& path, std::int64_t mtime, std::uint64_t size);

  // Deletes the document of `path`; false when there was none.
  bool remove(const std::string& path);

  // The indexed paths under directory `root` (an absolute path), in sorted order.
  std::vector<std::string> paths_under(const std::string& root) const;

  // Stores the alias table found under indexed directory `root` (alias_table.h's text
  // form); an empty text removes it. The searcher merges the tables of every root.
  void set_aliases(const std::string& root, const std::string& alias_text);

  // The roots stored by set_roots (none for an index made before roots were kept).
  std::vector<std::string> roots() const;

  // Stores the roots the index is built from (schema::kRootsKey), replacing the list.
  void set_roots(const std::vector<std::string>& roots);

  // The settings text stored for `root` by set_root_settings; empty when there is none.
  std::string root_settings(const std::string& root) const;

  // Stores the settings text of `root` (schema::kRootSettingsKey) in every shard; an empty
  // text removes it.
  void set_root_settings(const std::string& root, const std::string& text);

  // Makes every change so far durable and visible to readers. Throws DatabaseError.
  void commit();

  // Replaces this index, which must hold no documents, by the merged and compacted
  // staging databases of a full build (their paths: staging_database(db_path, n));
  // afterwards this writer only reads (document_count, paths_under). Throws DatabaseError.
  void install_staged_build();

  // Drops the staging databases of a full build that will not be installed (a rebuild
  // that was interrupted): the index stays as it is.
  void discard_staged_build();

  // Where worker `worker` of a full build of the index at `db_path` writes: open it with
  // an IndexWriter of its own (kStaging, the index's shard count).
  static std::string staging_database(const std::string& db_path, unsigned worker);

  // Databases the index is spread over (1 when it is not sharded).
  unsigned shard_count() const;

  // Documents in the database, committed or not.
  std::uint64_t document_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace longjing
