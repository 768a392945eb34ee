#include "index/stat_table.h"

#include <algorithm>

namespace longjing {

void StatTable::add(std::string_view path, Stat stat) {
  Entry e;
  e.offset = arena_.size();
  e.length = path.size();
  e.stat = std::move(stat);
  arena_.append(path);
  entries_.push_back(std::move(e));
}

void StatTable::seal() {
  std::sort(entries_.begin(), entries_.end(),
            [this](const Entry& a, const Entry& b) { return path_of(a) < path_of(b); });
}

const StatTable::Entry* StatTable::locate(std::string_view path) const {
  const auto it =
      std::lower_bound(entries_.begin(), entries_.end(), path,
                       [this](const Entry& e, std::string_view p) { return path_of(e) < p; });
  return it != entries_.end() && path_of(*it) == path ? &*it : nullptr;
}

const StatTable::Stat* StatTable::find(std::string_view path) const {
  const Entry* e = locate(path);
  return e != nullptr && e->current ? &e->stat : nullptr;
}

void StatTable::forget(std::string_view path, bool removed) {
  auto* e = const_cast<Entry*>(locate(path));
  if (e == nullptr) return;
  e->current = false;
  e->removed = removed;
}

std::vector<std::string> StatTable::paths_under(std::string_view prefix) const {
  std::vector<std::string> paths;
  auto it = std::lower_bound(entries_.begin(), entries_.end(), prefix,
                             [this](const Entry& e, std::string_view p) { return path_of(e) < p; });
  for (; it != entries_.end() && path_of(*it).substr(0, prefix.size()) == prefix; ++it) {
    if (!it->removed) paths.emplace_back(path_of(*it));
  }
  return paths;
}

}  // namespace longjing
