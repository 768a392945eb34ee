// Cross-language names: groups of names that mean the same thing (Unitree ≡ 宇树 ≡ 宇树科技),
// applied at query time so that a query in one language finds articles in the other.
//
// Text form, one group per line: names separated by "|", "#" starts a comment, blank
// lines ignored:
//     Unitree | Unitree Robotics | 宇树 | 宇树科技
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace longjing {

// The alias groups, loaded from text (files or strings), looked up by name.
class AliasTable {
 public:
  // Adds the groups of `text`. A name already in a group joins that group with the new
  // ones. Throws Error naming `origin` and the line for a line with one name only.
  void add_text(std::string_view text, const std::string& origin);

  // Adds the groups of the file at `path`. Throws IoError when it cannot be read.
  void add_file(const std::string& path);

  // The names of the group that `name` belongs to, as written in the table (itself
  // included), or nullptr. `name` is compared after normalization for matching (case,
  // width and script folded, spaces collapsed), so 宇樹 finds the group of 宇树.
  const std::vector<std::string>* group_of(std::string_view name) const;

  // The most words any name has (for longest-match lookups in a query).
  std::size_t max_words() const { return max_words_; }
  bool empty() const { return groups_.empty(); }

  // The table in its text form (add_text reads it back).
  std::string to_text() const;

 private:
  std::vector<std::vector<std::string>> groups_;
  std::unordered_map<std::string, std::size_t> group_by_key_;
  std::size_t max_words_ = 0;
};

// The key names are compared by: normalized for matching, whitespace runs as one space.
std::string alias_key(std::string_view name);

}  // namespace longjing
