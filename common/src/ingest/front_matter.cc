// Front matter: the metadata block at the head of a Markdown file, in YAML ("---" lines,
// Jekyll, Hugo, Pandoc) or TOML ("+++" lines, Hugo). Both are read into the same raw
// key → values table, then cleaned into a FrontMatter. Only the subset articles use is
// read: scalars, flow lists ([a, b]), block lists ("- a") and, in TOML, arrays, strings of
// every kind and bare values (dates, numbers); keys inside TOML tables are skipped.
#include "ingest/front_matter.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace longjing::format_detail {
namespace {

// The keys clean() reads; the values of any other key are dropped as they are read, so
// that a block of a million keys costs one pass.
constexpr std::string_view kKeysRead[] = {
    "title", "date",        "source",  "author", "authors",  "language",  "lang",
    "url",   "description", "summary", "tags",   "keywords", "categories"};

// The keys read, each with every value given (a scalar is a list of one).
struct RawFrontMatter {
  std::vector<std::pair<std::string, std::vector<std::string>>> keys;  // at most one per kKeysRead
  std::vector<std::string> ignored;  // where the values of other keys go

  RawFrontMatter() { keys.reserve(std::size(kKeysRead)); }  // values_of keeps references valid

  // Where the values of `key` go, emptied (a key given twice: the last one counts, as in YAML).
  std::vector<std::string>& values_of(std::string_view key) {
    const std::string name = ascii_lowercase(key);
    ignored.clear();
    if (std::find(std::begin(kKeysRead), std::end(kKeysRead), name) == std::end(kKeysRead))
      return ignored;
    for (auto& [known, values] : keys) {
      if (known == name) {
        values.clear();
        return values;
      }
    }
    return keys.emplace_back(name, std::vector<std::string>{}).second;
  }

  // The values of the first of `names` that has one, joined by ", ".
  std::string scalar(std::initializer_list<std::string_view> names) const {
    for (const std::string_view name : names) {
      for (const auto& [known, values] : keys) {
        if (known != name || values.empty()) continue;
        std::string joined;
        for (const std::string& v : values) joined += (joined.empty() ? "" : ", ") + v;
        if (!trim(joined).empty()) return joined;
      }
    }
    return {};
  }
};

// The next line of text starting at pos (without "\n" or "\r\n"); advances pos past it.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  const std::size_t end = std::min(text.find('\n', pos), text.size());
  std::string_view line = text.substr(pos, end - pos);
  pos = end < text.size() ? end + 1 : end;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view trim_right_ascii(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_key_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '-' || c == '.';
}

bool is_key(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key) {
    if (!is_key_char(c)) return false;
  }
  return true;
}

// The value of a quoted scalar starting at value[0] (a " or '), its escapes undone
// (`backslash_escapes`: "..." in YAML and TOML); `end` receives the offset after the
// closing quote. nullopt when the quote never closes.
std::optional<std::string> quoted_scalar(std::string_view value, bool backslash_escapes,
                                         std::size_t& end) {
  const char quote = value.front();
  std::string out;
  for (std::size_t i = 1; i < value.size(); ++i) {
    const char c = value[i];
    const bool has_next = i + 1 < value.size();
    if (backslash_escapes && quote == '"' && c == '\\' && has_next) {
      const char escaped = value[++i];
      out += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
    } else if (quote == '\'' && c == '\'' && has_next && value[i + 1] == '\'' &&
               !backslash_escapes) {
      out += value[++i];  // YAML's '' inside '...'
    } else if (c == quote) {
      end = i + 1;
      return out;
    } else {
      out += c;
    }
  }
  return std::nullopt;
}

// A YAML scalar: the text between quotes, or an unquoted value without a trailing
// " # comment". An unbalanced quote is kept as written.
std::string yaml_scalar(std::string_view value) {
  value = trim(value);
  if (value.empty() || (value.front() != '"' && value.front() != '\'')) {
    return std::string(trim(value.substr(0, value.find(" #"))));
  }
  std::size_t end = 0;
  auto text = quoted_scalar(value, value.front() == '"', end);
  return text ? std::move(*text) : std::string(value);
}

// The items of a flow list's inside ("a, 'b, c', d"), each a scalar.
std::vector<std::string> flow_items(std::string_view inside) {
  std::vector<std::string> items;
  std::size_t i = 0;
  while (i < inside.size()) {
    while (i < inside.size() &&
           (inside[i] == ' ' || inside[i] == '\t' || inside[i] == '\n' || inside[i] == ','))
      ++i;
    if (i >= inside.size()) break;
    if (inside[i] == '"' || inside[i] == '\'') {
      std::size_t end = 0;
      const auto text = quoted_scalar(inside.substr(i), inside[i] == '"', end);
      if (!text) break;
      items.push_back(*text);
      i += end;
      continue;
    }
    const std::size_t comma = std::min(inside.find(',', i), inside.size());
    const std::string_view item = trim(inside.substr(i, comma - i));
    if (!item.empty() && item.front() != '#') items.emplace_back(item);
    i = comma;
  }
  return items;
}

// ---- YAML --------------------------------------------------------------------------------

// A "key: value" line split in two; nullopt when the line has no such shape.
std::optional<std::pair<std::string_view, std::string_view>> split_yaml_key(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || !is_key(line.substr(0, colon)))
    return std::nullopt;
  const std::string_view value = line.substr(colon + 1);
  if (!value.empty() && value.front() != ' ' && value.front() != '\t') return std::nullopt;
  return std::pair{line.substr(0, colon), trim(value)};
}

// Reads the YAML block after the opening "---"; nullopt when it never closes or a line is
// not YAML-like.
std::optional<std::pair<RawFrontMatter, std::size_t>> read_yaml(std::string_view content,
                                                                std::size_t pos) {
  RawFrontMatter raw;
  std::vector<std::string>* list = nullptr;  // the key whose block list items follow
  while (pos < content.size()) {
    const std::string_view line = next_line(content, pos);
    const std::string_view bare = trim_right_ascii(line);
    if (bare == "---" || bare == "...") return std::pair{std::move(raw), pos};
    const std::string_view inner = trim(line);
    if (inner.empty() || line.front() == '#') continue;
    if (inner.front() == '-' && (inner.size() == 1 || inner[1] == ' ')) {
      if (list != nullptr) list->push_back(yaml_scalar(inner.substr(1)));
      continue;  // an item of a list we do not read
    }
    if (line.front() == ' ' || line.front() == '\t') continue;  // a nested map, a continuation
    const auto key_value = split_yaml_key(line);
    if (!key_value) return std::nullopt;
    std::vector<std::string>& values = raw.values_of(key_value->first);
    const std::string_view value = key_value->second;
    list = value.empty() ? &values : nullptr;
    if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
      values = flow_items(value.substr(1, value.size() - 2));
    } else if (!value.empty()) {
      values.push_back(yaml_scalar(value));
    }
  }
  return std::nullopt;  // never closed
}

// ---- TOML --------------------------------------------------------------------------------

// Follows the brackets of a TOML array fed line by line (outside strings and comments), so
// that a value over many lines costs one pass.
class BracketDepth {
 public:
  // Reads one more line; true once every "[" opened so far is closed.
  bool feed(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quote_ != 0) {
        if (c == '\\' && quote_ == '"') {
          ++i;
        } else if (c == quote_) {
          quote_ = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote_ = c;
      } else if (c == '#') {
        break;  // a comment, to the end of the line
      } else if (c == '[') {
        ++depth_;
      } else if (c == ']') {
        --depth_;
      }
    }
    return depth_ <= 0;
  }

 private:
  int depth_ = 0;
  char quote_ = 0;
};

// The values of a TOML value: an array's items, a string, or a bare value (a date, a
// number, a boolean) as written. nullopt when it is none of those.
std::optional<std::vector<std::string>> toml_values(std::string_view value) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (value.front() == '[') {
    const std::size_t close = value.rfind(']');
    if (close == std::string_view::npos) return std::nullopt;
    return flow_items(value.substr(1, close - 1));
  }
  for (const std::string_view triple : {std::string_view("\"\"\""), std::string_view("'''")}) {
    if (value.substr(0, 3) != triple) continue;
    const std::size_t close = value.find(triple, 3);
    if (close == std::string_view::npos) return std::nullopt;
    return std::vector<std::string>{std::string(trim(value.substr(3, close - 3)))};
  }
  if (value.front() == '"' || value.front() == '\'') {
    std::size_t end = 0;
    auto text = quoted_scalar(value, value.front() == '"', end);
    if (!text) return std::nullopt;
    return std::vector<std::string>{std::move(*text)};
  }
  return std::vector<std::string>{std::string(trim(value.substr(0, value.find('#'))))};
}

// Reads the TOML block after the opening "+++"; nullopt when it never closes or a line is
// not TOML.
std::optional<std::pair<RawFrontMatter, std::size_t>> read_toml(std::string_view content,
                                                                std::size_t pos) {
  RawFrontMatter raw;
  bool in_table = false;  // keys after a [table] header belong to it: not read
  while (pos < content.size()) {
    const std::string_view line = next_line(content, pos);
    const std::string_view inner = trim(line);
    if (inner == "+++") return std::pair{std::move(raw), pos};
    if (inner.empty() || inner.front() == '#') continue;
    if (inner.front() == '[') {
      in_table = true;
      continue;
    }
    const std::size_t equals = inner.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string_view key = trim(inner.substr(0, equals));
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
        key.back() == key.front()) {
      key = key.substr(1, key.size() - 2);
    }
    if (!is_key(key)) return std::nullopt;
    // A value may go on over lines: an array until its brackets close, a """ string until
    // its closing quotes. Each line is looked at once.
    std::string value(trim(inner.substr(equals + 1)));
    const std::string opening = value.substr(0, 3);
    const bool triple = opening == "\"\"\"" || opening == "'''";
    BracketDepth brackets;
    bool complete = triple ? value.find(opening, 3) != std::string::npos
                           : value.empty() || value.front() != '[' || brackets.feed(value);
    while (!complete && pos < content.size()) {
      const std::string_view more = next_line(content, pos);
      if (trim(more) == "+++") return std::nullopt;
      value += '\n';
      value += more;
      complete = triple ? more.find(opening) != std::string_view::npos : brackets.feed(more);
    }
    const auto values = toml_values(value);
    if (!values) return std::nullopt;
    if (!in_table) raw.values_of(key) = *values;
  }
  return std::nullopt;  // never closed
}

// ---- Cleaning ----------------------------------------------------------------------------

// At most this many tags of at most this many bytes are kept from one file.
constexpr std::size_t kMaxTags = 64;
constexpr std::size_t kMaxTagBytes = 200;

FrontMatter clean(const RawFrontMatter& raw, std::string_view rest) {
  FrontMatter out;
  out.title = make_title(raw.scalar({"title"}));
  const std::string date = raw.scalar({"date"});
  out.date = normalize_date(date);
  if (out.date.empty() && !trim(date).empty()) out.dropped_date = collapse_whitespace(date);
  out.source = collapse_whitespace(raw.scalar({"source", "author", "authors"}));
  out.language = collapse_whitespace(raw.scalar({"language", "lang"}));
  out.url = collapse_whitespace(raw.scalar({"url"}));
  out.description = collapse_whitespace(raw.scalar({"description", "summary"}));
  std::vector<std::string> tags;
  for (const auto& [key, values] : raw.keys) {
    if (key == "tags" || key == "keywords" || key == "categories")
      tags.insert(tags.end(), values.begin(), values.end());
  }
  out.tags = clean_tags(tags);
  out.rest = rest;
  return out;
}

}  // namespace

std::vector<std::string> clean_tags(const std::vector<std::string>& given) {
  std::vector<std::string> tags;
  std::vector<std::string> seen;  // lowercased
  for (const std::string& value : given) {
    // "a, b" and "机器人，人工智能、具身智能" are several tags.
    std::string_view rest = value;
    while (!rest.empty() && tags.size() < kMaxTags) {
      std::size_t cut = rest.size(), skip = 0;
      for (const std::string_view separator :
           {std::string_view(","), std::string_view("\xEF\xBC\x8C"),
            std::string_view("\xE3\x80\x81"), std::string_view(";")}) {
        const std::size_t at = rest.find(separator);
        if (at < cut) {
          cut = at;
          skip = separator.size();
        }
      }
      std::string tag = collapse_whitespace(rest.substr(0, cut));
      rest.remove_prefix(std::min(rest.size(), cut + skip));
      if (tag.empty() || tag.size() > kMaxTagBytes) continue;
      std::string lower = ascii_lowercase(tag);
      if (std::find(seen.begin(), seen.end(), lower) != seen.end()) continue;
      seen.push_back(std::move(lower));
      tags.push_back(std::move(tag));
    }
  }
  return tags;
}

std::optional<FrontMatter> split_front_matter(std::string_view content) {
  std::size_t pos = 0;
  const std::string_view first = trim_right_ascii(next_line(content, pos));
  std::optional<std::pair<RawFrontMatter, std::size_t>> read;
  if (first == "---") read = read_yaml(content, pos);
  if (first == "+++") read = read_toml(content, pos);
  if (!read) return std::nullopt;
  return clean(read->first, content.substr(read->second));
}

}  // namespace longjing::format_detail
