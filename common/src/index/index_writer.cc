// IndexWriter's lifecycle and writes: opening the shards (the lock, the schema version, a
// staged build a killed run left), laying out a new index, putting, touching and removing
// documents, the metadata it keeps, commits. Its reads are in index_reads.cc, the mapping of
// a stored document to a Xapian one in document_mapping.cc.
#include "longjing/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <unordered_map>

#include "base/xapian_errors.h"
#include "index/document_mapping.h"
#include "index/index_writer_impl.h"
#include "index/staged_build.h"
#include "longjing/error.h"

namespace longjing {
namespace {

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

IndexWriter::IndexWriter(const std::string& db_path, OpenMode mode,
                         std::chrono::milliseconds lock_timeout, unsigned shards)
    : impl_(std::make_unique<Impl>()) {
  using Clock = std::chrono::steady_clock;
  impl_->path = db_path;
  impl_->dry_run = mode == OpenMode::kDryRun;
  const bool writes =
      mode != OpenMode::kReadOnly && mode != OpenMode::kReadAnyVersion && mode != OpenMode::kDryRun;
  if (writes) {
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
  if (writes) complete_interrupted_install(db_path, count);
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
        throw DatabaseError(describe_xapian_error(
            "cannot open database " + shard.path + (writes ? " for writing" : ""), e));
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

IndexWriter::~IndexWriter() {
  // Xapian commits the documents still pending as the databases close; their words go
  // with them. An error here is swallowed as Xapian's own would be.
  for (Shard& shard : impl_->shards) {
    try {
      shard.flush_spelling();
    } catch (const std::exception&) {
    } catch (const Xapian::Error&) {
    }
  }
}

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

void IndexWriter::put(const schema::StoredDocument& doc, bool is_new) {
  if (impl_->dry_run) {
    const std::string& path = doc.article.path;
    if (impl_->dry_removed.erase(path) == 0 && !impl_->shard_for(path).find(path))
      impl_->dry_added.insert(path);
    return;
  }
  impl_->forget(doc.article.path, false);
  if (!doc.root.empty()) {
    // With the document, so that its path value and path: words name a root the index
    // records whenever the document is there.
    const std::string term = schema::root_term(doc.root);
    if (impl_->shards.front().roots.count(term) == 0) {
      impl_->set_everywhere(std::string(schema::kRootTermKey) + ":" + term, doc.root,
                            "a root's path");
      for (Shard& each : impl_->shards) each.roots.emplace(term, doc.root);
    }
  }
  Shard& shard = impl_->shard_for(doc.article.path);
  try {
    std::set<std::string> spelling;
    Xapian::Document built = build_document(doc, impl_->analyzer, spelling);
    const auto indexed = is_new ? std::nullopt : shard.find(doc.article.path);
    if (indexed) {
      shard.writer().replace_document(indexed->get_docid(), built);
    } else {
      shard.writer().add_document(built);
    }
    for (const std::string& word : spelling) ++shard.spelling_pending[word];
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error(
        "cannot write " + doc.article.path + " to database " + shard.path, e));
  }
}

void IndexWriter::touch(const std::string& path, std::int64_t mtime, std::uint64_t size) {
  if (impl_->dry_run) return;
  impl_->forget(path, false);
  Shard& shard = impl_->shard_for(path);
  try {
    auto doc = shard.find(path);
    if (!doc) return;
    doc->add_value(schema::kMtimeSlot, sortable(static_cast<double>(mtime)));
    doc->add_value(schema::kSizeSlot, sortable(static_cast<double>(size)));
    shard.writer().replace_document(doc->get_docid(), *doc);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot update " + path + " in database " + shard.path, e));
  }
}

bool IndexWriter::remove(const std::string& path) {
  if (impl_->dry_run) {
    if (impl_->dry_added.erase(path) > 0) return true;
    return impl_->shard_for(path).find(path).has_value() && impl_->dry_removed.insert(path).second;
  }
  impl_->forget(path, true);
  Shard& shard = impl_->shard_for(path);
  try {
    const auto indexed = shard.find(path);
    if (!indexed) return false;
    shard.writer().delete_document(indexed->get_docid());
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot delete " + path + " from database " + shard.path, e));
  }
}

// Stores metadata `key` = `value` in every shard (where it differs), so that any shard,
// served alone, has it; `what` names it in an error. Nothing in a dry run.
void IndexWriter::Impl::set_everywhere(const std::string& key, const std::string& value,
                                       const char* what) {
  if (dry_run) return;
  for (Shard& shard : shards) {
    try {
      if (shard.writer().get_metadata(key) != value) shard.writer().set_metadata(key, value);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error(
          std::string("cannot store ") + what + " in database " + shard.path, e));
    }
  }
}

void IndexWriter::set_aliases(const std::string& root, const std::string& alias_text) {
  impl_->set_everywhere(std::string(schema::kAliasesKey) + ":" + root, alias_text, "aliases");
}

void IndexWriter::set_roots(const std::vector<std::string>& roots) {
  std::string text;
  for (const std::string& root : roots) text += root + "\n";
  impl_->set_everywhere(std::string(schema::kRootsKey), text, "the roots");
}

void IndexWriter::set_root_settings(const std::string& root, const std::string& text) {
  impl_->set_everywhere(std::string(schema::kRootSettingsKey) + ":" + root, text,
                        "a root's settings");
}

void IndexWriter::commit() {
  if (impl_->dry_run) return;
  for (Shard& shard : impl_->shards) {
    try {
      shard.flush_spelling();
      shard.writer().commit();
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error("cannot commit to database " + shard.path, e));
    }
  }
}

}  // namespace longjing
