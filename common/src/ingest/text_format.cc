// parse_text: plain-text articles. The header is the first few non-empty lines (at most
// kHeaderLines): a date line gives the date, "Produced by | X" / "Source: X" / "来源：X"
// gives the source, a bare number (a read count, a page number) is noise; those lines are
// dropped from the body. The first other non-empty line is the title and stays in the body;
// the next one ends the header. Everything else is body, with "\r\n" read as "\n" and
// leading and trailing blank lines removed.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/front_matter.h"
#include "longjing/formats.h"

namespace longjing {
namespace {

using format_detail::trim;

constexpr std::size_t kHeaderLines = 5;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

bool is_bare_number(std::string_view line) {
  if (line.empty()) return false;
  for (const char c : line) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool starts_with_ignoring_ascii_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != prefix[i]) return false;
  }
  return true;
}

// The publisher named by "Produced by | X", "Produced by: X", "Source: X", "来源：X" (any
// of | ｜ : ： as separator, English labels in any case); nullopt for other lines.
std::optional<std::string> source_from_line(std::string_view line) {
  constexpr std::string_view kLabels[] = {"produced by", "source", "\xE6\x9D\xA5\xE6\xBA\x90"};
  constexpr std::string_view kSeparators[] = {"|", ":", "\xEF\xBC\x9A", "\xEF\xBD\x9C"};
  for (const std::string_view label : kLabels) {
    if (!starts_with_ignoring_ascii_case(line, label)) continue;
    const std::string_view rest = trim(line.substr(label.size()));
    for (const std::string_view separator : kSeparators) {
      if (rest.substr(0, separator.size()) != separator) continue;
      std::string source = format_detail::collapse_whitespace(rest.substr(separator.size()));
      if (!source.empty()) return source;
    }
  }
  return std::nullopt;
}

// Reads one header line into article when it is metadata: a (first) date, a bare number
// (noise, read into nothing) or a (first) source line. False for any other line.
bool read_metadata_line(std::string_view line, Article& article) {
  if (article.date.empty()) {
    std::string date = format_detail::date_from_line(line);
    if (!date.empty()) {
      article.date = std::move(date);
      return true;
    }
  }
  if (is_bare_number(line)) return true;
  if (article.source.empty()) {
    if (std::optional<std::string> source = source_from_line(line)) {
      article.source = std::move(*source);
      return true;
    }
  }
  return false;
}

// Reads the header into article (date, source, title) and returns, for each line, whether
// it became metadata and leaves the body. Metadata is looked for in the first kHeaderLines
// non-empty lines only; the title is the first other non-empty line, wherever it is.
std::vector<bool> read_header(const std::vector<std::string_view>& lines, Article& article) {
  std::vector<bool> dropped(lines.size(), false);
  std::size_t examined = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    if (++examined <= kHeaderLines && read_metadata_line(line, article)) {
      dropped[i] = true;
    } else if (article.title.empty()) {
      article.title = format_detail::make_title(line);  // the title line stays in the body
    } else {
      break;  // a second ordinary line: the body has begun
    }
  }
  return dropped;
}

// The kept lines joined with "\n", without leading and trailing blank lines.
std::string join_body(const std::vector<std::string_view>& lines,
                      const std::vector<bool>& dropped) {
  std::size_t first = 0;
  while (first < lines.size() && (dropped[first] || trim(lines[first]).empty())) ++first;
  std::size_t last = lines.size();
  while (last > first && (dropped[last - 1] || trim(lines[last - 1]).empty())) --last;
  std::string body;
  for (std::size_t i = first; i < last; ++i) {
    if (dropped[i]) continue;
    if (!body.empty()) body += '\n';
    body += lines[i];
  }
  return body;
}

}  // namespace

Article parse_text(std::string_view content) {
  const std::vector<std::string_view> lines = split_lines(format_detail::strip_bom(content));
  Article article;
  const std::vector<bool> dropped = read_header(lines, article);
  article.body = join_body(lines, dropped);
  return article;
}

}  // namespace longjing
