// html_declared_charset: HTML5's prescan for a <meta> charset declaration (a simplified
// form of WHATWG HTML §13.2.3.2 "prescan a byte stream to determine its encoding").
#include <string>
#include <string_view>

#include "ingest/charset.h"

namespace longjing {
namespace {

// How far into a document the declaration is looked for (HTML5: the first 1,024 bytes).
constexpr std::size_t kPrescanBytes = 1024;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/';
}

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[at + i]) != prefix[i]) return false;
  }
  return true;
}

// Reads one attribute of a tag at `pos` (name and optional value, lowercased name);
// false at the tag's end.
bool next_attribute(std::string_view text, std::size_t& pos, std::string& name,
                    std::string& value) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos >= text.size() || text[pos] == '>') return false;
  const std::size_t name_start = pos;
  while (pos < text.size() && !is_space(text[pos]) && text[pos] != '=' && text[pos] != '>') ++pos;
  name = lowercase(text.substr(name_start, pos - name_start));
  value.clear();
  while (pos < text.size() &&
         (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
    ++pos;
  if (pos >= text.size() || text[pos] != '=') return true;
  ++pos;
  while (pos < text.size() &&
         (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
    ++pos;
  if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) {
    const char quote = text[pos++];
    const std::size_t end = text.find(quote, pos);
    if (end == std::string_view::npos) {
      pos = text.size();
      return false;  // the tag runs past the prescan window
    }
    value = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  }
  const std::size_t value_start = pos;
  while (pos < text.size() && !is_space(text[pos]) && text[pos] != '>') ++pos;
  value = text.substr(value_start, pos - value_start);
  return true;
}

// The charset named in a Content-Type value ("text/html; charset=gbk"), or empty.
std::string charset_in_content(std::string_view content) {
  const std::string lowered = lowercase(content);
  const std::size_t at = lowered.find("charset");
  if (at == std::string::npos) return {};
  std::size_t pos = at + 7;
  while (pos < lowered.size() && lowered[pos] == ' ') ++pos;
  if (pos >= lowered.size() || lowered[pos] != '=') return {};
  ++pos;
  while (pos < lowered.size() && lowered[pos] == ' ') ++pos;
  if (pos < lowered.size() && (lowered[pos] == '"' || lowered[pos] == '\'')) ++pos;
  const std::size_t end = lowered.find_first_of(" ;\"'", pos);
  return lowered.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

// The label as the name of the converter to use (see html_declared_charset).
std::string canonical_label(std::string label) {
  while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) label.pop_back();
  while (!label.empty() && (label.front() == ' ' || label.front() == '\t')) label.erase(0, 1);
  label = lowercase(label);
  static constexpr std::string_view kUtf8[] = {
      "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2"};
  static constexpr std::string_view kGb[] = {"gbk",       "gb2312", "gb_2312",    "gb_2312-80",
                                             "gb18030",   "x-gbk",  "chinese",    "csgb2312",
                                             "iso-ir-58", "cp936",  "windows-936"};
  static constexpr std::string_view kBig5[] = {"big5", "big5-hkscs", "cn-big5", "csbig5",
                                               "x-x-big5"};
  static constexpr std::string_view kSjis[] = {"shift_jis", "shift-jis",   "sjis",       "ms_kanji",
                                               "x-sjis",    "windows-31j", "csshiftjis", "ms932"};
  static constexpr std::string_view kWestern[] = {
      "iso-8859-1",   "iso8859-1", "latin1",     "l1",    "us-ascii", "ascii",
      "windows-1252", "cp1252",    "iso_8859-1", "cp819", "ibm819",   "x-cp1252"};
  auto in = [&](const auto& labels) {
    for (const std::string_view l : labels) {
      if (label == l) return true;
    }
    return false;
  };
  if (in(kUtf8)) return "UTF-8";
  if (in(kGb)) return "GB18030";
  if (in(kBig5)) return "Big5";
  if (in(kSjis)) return "Shift_JIS";
  if (in(kWestern)) return "windows-1252";
  return label;
}

}  // namespace

std::optional<std::string> html_declared_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kPrescanBytes);
  std::size_t pos = 0;
  while (pos < head.size()) {
    const std::size_t lt = head.find('<', pos);
    if (lt == std::string_view::npos) break;
    if (head.substr(lt, 4) == "<!--") {
      const std::size_t end = head.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    if (!starts_with_nocase(head, lt + 1, "meta") || lt + 5 >= head.size() ||
        !is_space(head[lt + 5])) {
      pos = lt + 1;
      continue;
    }
    pos = lt + 5;
    std::string name, value, charset;
    bool http_equiv_content_type = false;
    std::string content;
    while (next_attribute(head, pos, name, value)) {
      if (name == "charset" && charset.empty()) charset = value;
      if (name == "http-equiv") http_equiv_content_type = lowercase(value) == "content-type";
      if (name == "content" && content.empty()) content = value;
    }
    if (charset.empty() && http_equiv_content_type) charset = charset_in_content(content);
    if (!charset.empty()) return canonical_label(std::move(charset));
  }
  return std::nullopt;
}

}  // namespace longjing
