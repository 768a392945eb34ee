#include "longjing/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <unordered_map>

#include "fnv.h"
#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/normalizer.h"
#include "staged_build.h"
#include "stat_table.h"
#include "xapian_errors.h"

namespace longjing {
namespace {

std::string sortable(double v) { return Xapian::sortable_serialise(v); }

// How one piece of text goes into the document.
struct TextField {
  std::string prefix;                         // term prefix ("" for the body's term space)
  unsigned wdf = 1;                           // within-document frequency per occurrence
  bool dictionary_words = false;              // add ICU dictionary words (XW) for CJK runs
  std::set<std::string>* spelling = nullptr;  // collects words for the spelling table
  bool positions = true;  // false: words only filter, unstemmed; phrases are ANDs
};

// Adds the Analyzer's terms of `text` to `doc`: field.prefix + term for every token, with
// positions where the token has one, and Z + field.prefix + stem for stemmed words.
// Returns the position after the text.
std::uint32_t add_text(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                       std::uint32_t first_position, const TextField& field) {
  AnalyzeOptions options;
  options.dictionary_words = field.dictionary_words;
  options.stems = field.positions;  // path and source words match as they are
  const std::string stem_prefix = std::string(schema::kStemPrefix) + field.prefix;
  const std::string word_prefix = std::string(schema::kDictionaryWordPrefix);
  return analyzer.analyze(text, first_position, options, [&](const Token& token) {
    if (token.kind == Token::Kind::kCjkWord) {
      doc.add_term(word_prefix + token.term, field.wdf);
      return;
    }
    const unsigned wdf = token.alternative ? 0 : field.wdf;
    if (token.positional && field.positions) {
      doc.add_posting(field.prefix + token.term, token.position, wdf);
    } else {
      doc.add_term(field.prefix + token.term, wdf);
    }
    if (!token.stem.empty()) doc.add_term(stem_prefix + token.stem, field.wdf);
    if (field.spelling != nullptr && token.kind == Token::Kind::kWord && !token.stem.empty()) {
      field.spelling->insert(token.term);
    }
  });
}

// L terms for the language tag and each shorter tag it extends ("zh-hans" → zh, zh-hans).
void add_language_terms(Xapian::Document& doc, const std::string& language) {
  const std::string tag = normalize_string(language);
  for (std::size_t dash = tag.find('-'); dash != std::string::npos;
       dash = tag.find('-', dash + 1)) {
    std::string term(schema::kLanguagePrefix);  // appended: see html_format.cc on -Wrestrict
    term.append(tag, 0, dash);
    doc.add_boolean_term(term);
  }
  doc.add_boolean_term(std::string(schema::kLanguagePrefix) + tag);
}

Xapian::Document build_document(const schema::StoredDocument& stored, const Analyzer& analyzer,
                                std::set<std::string>& spelling) {
  const Article& a = stored.article;
  Xapian::Document doc;
  doc.set_data(schema::encode_document(stored));

  // Title: its own S space (for title:, outside the document length), and the body space.
  add_text(doc, analyzer, a.title, 1, {std::string(schema::kTitlePrefix), schema::kTitleFieldWdf});
  const std::uint32_t title_end =
      add_text(doc, analyzer, a.title, 1, {"", schema::kTitleWdf, true, &spelling});
  const std::uint32_t body_end = add_text(
      doc, analyzer, a.body, title_end + schema::kBodyPositionGap, {"", 1, true, &spelling});
  std::string tags;  // one line of words; a tag is found by its words, as text is
  for (const std::string& tag : a.tags) tags += (tags.empty() ? "" : "\n") + tag;
  if (!tags.empty())
    add_text(doc, analyzer, tags, body_end + schema::kBodyPositionGap, {"", 1, true, &spelling});
  // Source, tag and path words only filter (source:, tag:, path:): wdf 0 keeps them out
  // of the document length, so ranking does not depend on where the files happen to live;
  // they have neither positions nor stems (a short document's path gave a fifth of its terms).
  for (const auto& [text, prefix] :
       {std::pair{&a.source, schema::kSourcePrefix},
        std::pair{static_cast<const std::string*>(&tags), schema::kTagPrefix},
        std::pair{&a.path, schema::kPathWordPrefix}}) {
    add_text(doc, analyzer, *text, 1,
             {std::string(prefix), 0, false, nullptr, schema::field_has_positions(prefix)});
  }

  doc.add_boolean_term(schema::id_term(a.path));
  if (!a.language.empty()) add_language_terms(doc, a.language);
  const std::string date = schema::compact_date(a.date);
  if (!date.empty()) {
    doc.add_value(schema::kDateSlot, date);
    doc.add_boolean_term(std::string(schema::kDayPrefix) + date);
    doc.add_boolean_term(std::string(schema::kMonthPrefix) + date.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kYearPrefix) + date.substr(0, 4));
  }
  doc.add_value(schema::kDateOrMtimeSlot,
                date.empty() ? schema::compact_local_day(stored.mtime) : date);
  doc.add_value(schema::kMtimeSlot, sortable(static_cast<double>(stored.mtime)));
  doc.add_value(schema::kSizeSlot, sortable(static_cast<double>(stored.size)));
  doc.add_value(schema::kHashSlot, stored.content_hash);
  doc.add_value(schema::kPathSlot, a.path);
  return doc;
}

// One Xapian database of the index (the whole index, or one of its shards).
struct Shard {
  std::string path;
  bool writable = true;
  Xapian::WritableDatabase db;  // when writable
  Xapian::Database read_only;   // when not

  const Xapian::Database& reader() const {
    return writable ? static_cast<const Xapian::Database&>(db) : read_only;
  }

  Xapian::WritableDatabase& writer() {
    if (!writable) throw DatabaseError("database " + path + " was opened read-only");
    return db;
  }

  // The document indexed for `file_path`, if any.
  std::optional<Xapian::Document> find(const std::string& file_path) const {
    const std::string term = schema::id_term(file_path);
    Xapian::PostingIterator it = reader().postlist_begin(term);
    if (it == reader().postlist_end(term)) return std::nullopt;
    return reader().get_document(*it);
  }

  // Opens the database once; throws Xapian::DatabaseLockError when it is locked.
  void open(OpenMode mode) {
    if (mode == OpenMode::kReadOnly) {
      writable = false;
      read_only = Xapian::Database(path);
      check_schema(false);
      return;
    }
    writable = true;
    read_only = Xapian::Database();
    db = Xapian::WritableDatabase(path, mode == OpenMode::kRebuild ? Xapian::DB_CREATE_OR_OVERWRITE
                                        : mode == OpenMode::kStaging
                                            ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC
                                            : Xapian::DB_CREATE_OR_OPEN);
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

// The stub file that makes a directory of shards open as one database (Xapian's own
// format: "auto shard-N" lines).
std::string stub_path(const std::string& db_path) { return db_path + "/XAPIANDB"; }

// Shards of an existing index: the stub's line count, 1 for a plain database, 0 for none.
unsigned existing_shards(const std::string& db_path) {
  std::ifstream stub(stub_path(db_path));
  if (stub) {
    unsigned n = 0;
    for (std::string line; std::getline(stub, line);)
      n += line.rfind("auto shard-", 0) == 0 ? 1 : 0;
    return n;
  }
  std::error_code ec;
  return std::filesystem::exists(db_path + "/iamglass", ec) ? 1 : 0;
}

// Lays out a new index of `shards` databases at db_path (rebuild: whatever was there goes).
void lay_out(const std::string& db_path, unsigned shards) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    const bool ours = name == "XAPIANDB" || name == ".build" || name.rfind("shard-", 0) == 0 ||
                      name.find(".glass") != std::string::npos || name == "iamglass" ||
                      name == "flintlock";
    if (ours) fs::remove_all(entry.path(), ec);
  }
  if (shards > 1) {
    std::ofstream stub(stub_path(db_path));
    for (unsigned k = 0; k < shards; ++k) stub << "auto shard-" << k << "\n";
    if (!stub) throw DatabaseError("cannot write " + stub_path(db_path));
  }
}

}  // namespace

struct IndexWriter::Impl {
  std::string path;
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

IndexWriter::IndexWriter(const std::string& db_path, OpenMode mode,
                         std::chrono::milliseconds lock_timeout, unsigned shards)
    : impl_(std::make_unique<Impl>()) {
  using Clock = std::chrono::steady_clock;
  impl_->path = db_path;
  if (mode != OpenMode::kReadOnly) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(db_path), ec);
    if (ec)
      throw DatabaseError("cannot create database directory " + db_path + ": " + ec.message());
  }
  const unsigned existing = existing_shards(db_path);
  unsigned count = shards == 0 ? std::max(existing, 1u) : shards;
  if (mode == OpenMode::kRebuild || mode == OpenMode::kStaging) {
    lay_out(db_path, count);
  } else if (existing > 0 && shards != 0 && shards != existing) {
    throw DatabaseError("database " + db_path + " has " + std::to_string(existing) +
                        " shard(s); to spread it over " + std::to_string(shards) +
                        ", rebuild it (indexer --rebuild --shards " + std::to_string(shards) + ")");
  } else if (existing == 0 && mode == OpenMode::kUpdate) {
    lay_out(db_path, count);
  }
  if (mode != OpenMode::kReadOnly) complete_interrupted_install(db_path, count);
  for (unsigned k = 0; k < count; ++k) {
    Shard shard;
    shard.path = count == 1 ? db_path : db_path + "/shard-" + std::to_string(k);
    impl_->shards.push_back(std::move(shard));
  }
  const auto deadline = Clock::now() + lock_timeout;
  for (Shard& shard : impl_->shards) {
    for (;;) {
      try {
        shard.open(mode);
        break;
      } catch (const Xapian::DatabaseLockError& e) {
        // Xapian reports a read-only directory as a lock error too: only "already locked"
        // means another writer.
        if (e.get_msg().find("already locked") == std::string::npos) {
          throw DatabaseError(
              describe_xapian_error("cannot open database " + shard.path + " for writing", e));
        }
        const auto now = Clock::now();
        if (now >= deadline) {
          std::string waited;
          if (lock_timeout.count() > 0) {
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%.1f",
                          static_cast<double>(lock_timeout.count()) / 1000);
            waited = " (waited " + std::string(seconds) + " s)";
          }
          throw DatabaseError("database " + db_path +
                              " is locked: another indexer is writing to it (lock file " +
                              shard.path + "/flintlock)" + waited);
        }
        std::this_thread::sleep_for(
            std::min<Clock::duration>(std::chrono::milliseconds(100), deadline - now));
      } catch (const Xapian::Error& e) {
        throw DatabaseError(
            describe_xapian_error("cannot open database " + shard.path +
                                      (mode == OpenMode::kReadOnly ? "" : " for writing"),
                                  e));
      }
    }
  }
  if (mode == OpenMode::kUpdate && has_staged_build(db_path)) {
    if (document_count() == 0) {
      try {
        install_staged_build();
      } catch (const DatabaseError&) {
        // Staging databases damaged (a power cut: they are not synced): the build starts
        // over, the index is as it was.
        longjing::discard_staged_build(db_path);
      }
      for (Shard& shard : impl_->shards) {
        if (!shard.writable) shard.open(mode);
      }
    } else {
      longjing::discard_staged_build(db_path);
    }
  }
}

IndexWriter::~IndexWriter() = default;

std::string IndexWriter::staging_database(const std::string& db_path, unsigned worker) {
  return staging_path(db_path, worker);
}

void IndexWriter::install_staged_build() {
  longjing::install_staged_build(impl_->path, shard_count());
  // The writers hold the replaced tables open; reopen the new ones (the lock goes with
  // the writers, and this run writes nothing more).
  for (Shard& shard : impl_->shards) {
    try {
      shard.db.close();
      shard.open(OpenMode::kReadOnly);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error("cannot open database " + shard.path, e));
    }
  }
}

void IndexWriter::discard_staged_build() { longjing::discard_staged_build(impl_->path); }

unsigned IndexWriter::shard_count() const { return static_cast<unsigned>(impl_->shards.size()); }

void IndexWriter::preload_status() {
  StatTable table;
  for (const Shard& shard : impl_->shards) {
    try {
      const Xapian::Database& db = shard.reader();
      // Value streams and the Q terms are each one sequential sweep of their table.
      std::unordered_map<Xapian::docid, StatTable::Stat> by_id;
      for (auto it = db.valuestream_begin(schema::kMtimeSlot);
           it != db.valuestream_end(schema::kMtimeSlot); ++it) {
        by_id[it.get_docid()].mtime = *it;
      }
      for (auto it = db.valuestream_begin(schema::kSizeSlot);
           it != db.valuestream_end(schema::kSizeSlot); ++it) {
        by_id[it.get_docid()].size = *it;
      }
      bool paths_stored = false;
      for (auto it = db.valuestream_begin(schema::kPathSlot);
           it != db.valuestream_end(schema::kPathSlot); ++it) {
        paths_stored = true;
        const auto found = by_id.find(it.get_docid());
        if (found != by_id.end()) table.add(*it, std::move(found->second));
      }
      if (paths_stored) continue;
      // An index written before paths had a value slot: find each path's document.
      const std::string prefix(schema::kIdPrefix);
      for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        if (schema::parse_term(term).text.substr(0, 1) == "#") continue;  // a hashed id
        const auto found = by_id.find(*db.postlist_begin(term));
        if (found != by_id.end())
          table.add(std::string_view(term).substr(prefix.size()), std::move(found->second));
      }
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error("cannot read database " + shard.path, e));
    }
  }
  table.seal();
  impl_->preloaded = std::move(table);
  impl_->added.clear();
}

FileStatus IndexWriter::status(const std::string& path, std::int64_t mtime,
                               std::uint64_t size) const {
  const Shard& shard = impl_->shard_for(path);
  auto compare = [&](const std::string& indexed_mtime, const std::string& indexed_size) {
    const bool same = indexed_mtime == sortable(static_cast<double>(mtime)) &&
                      indexed_size == sortable(static_cast<double>(size));
    return same ? FileStatus::kUnchanged : FileStatus::kChanged;
  };
  if (const StatTable::Stat* preloaded = impl_->preloaded.find(path)) {
    return compare(preloaded->mtime, preloaded->size);
  }
  try {
    const auto doc = shard.find(path);
    if (!doc) return FileStatus::kNew;
    return compare(doc->get_value(schema::kMtimeSlot), doc->get_value(schema::kSizeSlot));
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("cannot read database " + shard.path, e));
  }
}

std::string IndexWriter::stored_hash(const std::string& path) const {
  const Shard& shard = impl_->shard_for(path);
  try {
    const auto doc = shard.find(path);
    return doc ? doc->get_value(schema::kHashSlot) : std::string();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("cannot read database " + shard.path, e));
  }
}

void IndexWriter::put(const schema::StoredDocument& doc, bool is_new) {
  impl_->forget(doc.article.path, false);
  Shard& shard = impl_->shard_for(doc.article.path);
  try {
    std::set<std::string> spelling;
    Xapian::Document built = build_document(doc, impl_->analyzer, spelling);
    if (is_new) {
      shard.writer().add_document(built);
    } else {
      shard.writer().replace_document(schema::id_term(doc.article.path), built);
    }
    for (const std::string& word : spelling) shard.writer().add_spelling(word);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error(
        "cannot write " + doc.article.path + " to database " + shard.path, e));
  }
}

void IndexWriter::touch(const std::string& path, std::int64_t mtime, std::uint64_t size) {
  impl_->forget(path, false);
  Shard& shard = impl_->shard_for(path);
  try {
    auto doc = shard.find(path);
    if (!doc) return;
    auto stored = schema::decode_document(doc->get_data());
    if (stored) {
      stored->mtime = mtime;
      stored->size = size;
      doc->set_data(schema::encode_document(*stored));
    }
    doc->add_value(schema::kMtimeSlot, sortable(static_cast<double>(mtime)));
    doc->add_value(schema::kSizeSlot, sortable(static_cast<double>(size)));
    shard.writer().replace_document(doc->get_docid(), *doc);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot update " + path + " in database " + shard.path, e));
  }
}

bool IndexWriter::remove(const std::string& path) {
  impl_->forget(path, true);
  Shard& shard = impl_->shard_for(path);
  try {
    const std::string term = schema::id_term(path);
    if (shard.reader().get_termfreq(term) == 0) return false;
    shard.writer().delete_document(term);
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot delete " + path + " from database " + shard.path, e));
  }
}

std::vector<std::string> IndexWriter::paths_under(const std::string& root) const {
  std::string dir_path = root;
  if (dir_path.empty() || dir_path.back() != '/') dir_path += '/';
  const std::string prefix = schema::make_term(schema::TermKind::kId, dir_path);
  if (!impl_->preloaded.empty()) {  // what the database held, and what was added since
    const std::string_view dir = dir_path;
    std::vector<std::string> paths = impl_->preloaded.paths_under(dir);
    for (const std::string& p : impl_->added) {
      if (p.compare(0, dir.size(), dir) == 0) paths.push_back(p);
    }
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    return paths;
  }
  std::vector<std::string> paths;
  for (const Shard& shard : impl_->shards) {
    try {
      const Xapian::Database& db = shard.reader();
      for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        paths.emplace_back(schema::parse_term(*it).text);
      }
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error("cannot read database " + shard.path, e));
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

void IndexWriter::set_aliases(const std::string& root, const std::string& alias_text) {
  const std::string key = std::string(schema::kAliasesKey) + ":" + root;
  // Every shard keeps the table, so any one of them, served alone, expands names.
  for (Shard& shard : impl_->shards) {
    try {
      if (shard.writer().get_metadata(key) != alias_text)
        shard.writer().set_metadata(key, alias_text);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(
          describe_xapian_error("cannot store aliases in database " + shard.path, e));
    }
  }
}

std::vector<std::string> IndexWriter::roots() const {
  std::vector<std::string> out;
  try {
    const std::string text =
        impl_->shards.front().reader().get_metadata(std::string(schema::kRootsKey));
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      if (end > start) out.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot read database " + impl_->shards.front().path, e));
  }
  return out;
}

void IndexWriter::set_roots(const std::vector<std::string>& roots) {
  std::string text;
  for (const std::string& root : roots) text += root + "\n";
  const std::string key(schema::kRootsKey);
  for (Shard& shard : impl_->shards) {
    try {
      if (shard.writer().get_metadata(key) != text) shard.writer().set_metadata(key, text);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(
          describe_xapian_error("cannot store the roots in database " + shard.path, e));
    }
  }
}

std::string IndexWriter::metadata_of(const std::string& db_path, const std::string& key) {
  try {
    return Xapian::Database(db_path).get_metadata(key);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("cannot read database " + db_path, e));
  }
}

std::string IndexWriter::root_settings(const std::string& root) const {
  try {
    return impl_->shards.front().reader().get_metadata(std::string(schema::kRootSettingsKey) + ":" +
                                                       root);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot read database " + impl_->shards.front().path, e));
  }
}

void IndexWriter::set_root_settings(const std::string& root, const std::string& text) {
  const std::string key = std::string(schema::kRootSettingsKey) + ":" + root;
  for (Shard& shard : impl_->shards) {
    try {
      if (shard.writer().get_metadata(key) != text) shard.writer().set_metadata(key, text);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(
          describe_xapian_error("cannot store a root's settings in database " + shard.path, e));
    }
  }
}

void IndexWriter::commit() {
  for (Shard& shard : impl_->shards) {
    try {
      shard.writer().commit();
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error("cannot commit to database " + shard.path, e));
    }
  }
}

std::uint64_t IndexWriter::document_count() const {
  std::uint64_t n = 0;
  for (const Shard& shard : impl_->shards) n += shard.reader().get_doccount();
  return n;
}

}  // namespace longjing
