#include "longjing/alias_table.h"

#include <fstream>
#include <sstream>

#include "longjing/error.h"
#include "longjing/normalizer.h"

namespace longjing {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::size_t word_count(std::string_view key) {
  std::size_t n = key.empty() ? 0 : 1;
  for (char c : key) n += c == ' ' ? 1 : 0;
  return n;
}

}  // namespace

std::string alias_key(std::string_view name) {
  const std::string normalized = normalize_string(trim(name));
  std::string key;
  bool space = false;
  for (char c : normalized) {
    if (c == ' ' || c == '\t') {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += c;
  }
  return key;
}

void AliasTable::add_text(std::string_view text, const std::string& origin) {
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++line_number;
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    if (trim(line).empty()) continue;
    std::vector<std::string> names;
    while (true) {
      const std::size_t bar = line.find('|');
      const std::string_view name = trim(line.substr(0, bar));
      if (!name.empty()) names.emplace_back(name);
      if (bar == std::string_view::npos) break;
      line.remove_prefix(bar + 1);
    }
    if (names.size() < 2) {
      throw Error(origin + ":" + std::to_string(line_number) +
                  ": an alias line needs two or more names separated by '|'");
    }
    // Join the group of any name already known, else start a new one.
    std::size_t group = groups_.size();
    for (const std::string& name : names) {
      if (auto it = group_by_key_.find(alias_key(name)); it != group_by_key_.end()) {
        group = it->second;
        break;
      }
    }
    if (group == groups_.size()) groups_.emplace_back();
    for (std::string& name : names) {
      const std::string key = alias_key(name);
      if (group_by_key_.emplace(key, group).second) {
        max_words_ = std::max(max_words_, word_count(key));
        groups_[group].push_back(std::move(name));
      }
    }
  }
}

void AliasTable::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read alias file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  add_text(text.str(), path);
}

const std::vector<std::string>* AliasTable::group_of(std::string_view name) const {
  const auto it = group_by_key_.find(alias_key(name));
  return it == group_by_key_.end() ? nullptr : &groups_[it->second];
}

std::string AliasTable::to_text() const {
  std::string out;
  for (const auto& group : groups_) {
    for (std::size_t i = 0; i < group.size(); ++i) out += (i > 0 ? " | " : "") + group[i];
    out += '\n';
  }
  return out;
}

}  // namespace longjing
