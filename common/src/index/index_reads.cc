// IndexWriter's reads: what the index holds for a path, under a directory, in its
// metadata; the stat sweep an update run starts with.
#include <algorithm>

#include "index/document_mapping.h"
#include "index/index_writer_impl.h"

namespace longjing {
namespace {

// The roots in the text set_roots stores (schema::kRootsKey's value), one a line.
std::vector<std::string> roots_in(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void IndexWriter::preload_status() {
  StatTable table;
  for (const Shard& shard : impl_->shards) {
    try {
      const Xapian::Database& db = shard.reader();
      // Each value stream is one sequential sweep of its part of the table.
      std::unordered_map<Xapian::docid, StatTable::Stat> by_id;
      for (auto it = db.valuestream_begin(schema::kMtimeSlot);
           it != db.valuestream_end(schema::kMtimeSlot); ++it) {
        by_id[it.get_docid()].mtime = *it;
      }
      for (auto it = db.valuestream_begin(schema::kSizeSlot);
           it != db.valuestream_end(schema::kSizeSlot); ++it) {
        by_id[it.get_docid()].size = *it;
      }
      for (auto it = db.valuestream_begin(schema::kPathSlot);
           it != db.valuestream_end(schema::kPathSlot); ++it) {
        const auto found = by_id.find(it.get_docid());
        if (found != by_id.end()) table.add(shard.path_of(*it), std::move(found->second));
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

std::vector<std::string> IndexWriter::paths_under(const std::string& root) const {
  std::string dir_path = root;
  if (dir_path.empty() || dir_path.back() != '/') dir_path += '/';
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
      for (auto it = db.valuestream_begin(schema::kPathSlot);
           it != db.valuestream_end(schema::kPathSlot); ++it) {
        const std::string path = shard.path_of(*it);
        if (path.compare(0, dir_path.size(), dir_path) == 0) paths.push_back(path);
      }
    } catch (const Xapian::Error& e) {
      throw DatabaseError(describe_xapian_error("cannot read database " + shard.path, e));
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> IndexWriter::roots() const {
  try {
    return roots_in(impl_->shards.front().reader().get_metadata(std::string(schema::kRootsKey)));
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot read database " + impl_->shards.front().path, e));
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

std::uint64_t IndexWriter::document_count() const {
  std::uint64_t n = 0;
  for (const Shard& shard : impl_->shards) n += shard.reader().get_doccount();
  n += impl_->dry_added.size();
  n -= std::min<std::uint64_t>(n, impl_->dry_removed.size());
  return n;
}

}  // namespace longjing
