// Every indexed file's stored mtime and size by path, read in one sweep of the index
// (IndexWriter::preload_status): one arena for the paths and one sorted table, so that
// hundreds of thousands of files cost a few allocations, not several each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace longjing {

class StatTable {
 public:
  // A file's values as the index stores them (Xapian::sortable_serialise).
  struct Stat {
    std::string mtime;
    std::string size;
  };

  // Adds a path (before seal()).
  void add(std::string_view path, Stat stat);
  // Sorts the table; call once, after the last add().
  void seal();
  bool empty() const { return entries_.empty(); }

  // The stored stat of `path`; nullptr when it was not added or was written since.
  const Stat* find(std::string_view path) const;
  // True when `path` was added, whatever happened to it since.
  bool contains(std::string_view path) const { return locate(path) != nullptr; }
  // `path` was rewritten (find() no longer answers for it) or, with `removed`, deleted
  // (paths_under() leaves it out).
  void forget(std::string_view path, bool removed);
  // The paths that start with `prefix` and were not deleted, in sorted order.
  std::vector<std::string> paths_under(std::string_view prefix) const;

 private:
  struct Entry {
    std::size_t offset = 0;  // of the path in arena_
    std::size_t length = 0;
    Stat stat;
    bool current = true;  // stat still says what the index holds
    bool removed = false;
  };
  std::string_view path_of(const Entry& e) const {
    return std::string_view(arena_).substr(e.offset, e.length);
  }
  const Entry* locate(std::string_view path) const;

  std::string arena_;
  std::vector<Entry> entries_;
};

}  // namespace longjing
