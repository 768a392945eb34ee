// Internal helpers shared by the format parsers (text, Markdown, HTML): BOM and whitespace
// handling, titles, dates and YAML-like front matter. Not part of the public API.
// Every function is pure, never throws on any input (beyond std::bad_alloc) and returns
// valid UTF-8 when given valid UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/article.h"

namespace longjing::format_detail {

// `text` with the ASCII letters A-Z lowered (other bytes as they are).
std::string ascii_lowercase(std::string_view text);

// content without a leading UTF-8 byte order mark (EF BB BF), if it has one.
std::string_view strip_bom(std::string_view content);

// True for the code points the parsers treat as blank: ASCII whitespace, U+00A0,
// U+1680, U+2000..U+200B, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
bool is_blank_code_point(char32_t cp);

// text without leading and trailing blank code points (see is_blank_code_point).
std::string_view trim(std::string_view text);

// text with every run of blank code points replaced by one ASCII space, trimmed.
std::string collapse_whitespace(std::string_view text);

// A title made from raw text: whitespace collapsed and trimmed; when it is longer than
// kLongTitle code points it is cut at a word boundary to at most kTitleLength code points
// (at a character boundary when there is no word boundary, as in Chinese) and ends with
// "…". Empty when raw is blank.
inline constexpr std::size_t kLongTitle = 120;
inline constexpr std::size_t kTitleLength = 100;
std::string make_title(std::string_view raw);

// The date in `line` as "YYYY-MM-DD" when the whole trimmed line is one of
// "MM/DD YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年M月D日",
// "April 5, 2024", "5 Apr 2024" (months and days may have one digit) and names a real
// calendar day; else empty.
std::string date_from_line(std::string_view line);

// Like date_from_line, but a time may follow the date ("2025-02-20T10:00:00Z",
// "2025-02-20 10:00"), as in front matter and HTML metadata. Empty when unparseable or
// impossible (2025-13-45).
std::string normalize_date(std::string_view value);

// Metadata read from front matter, already cleaned: title made by make_title, date
// normalized (empty when invalid), source falling back to author.
struct FrontMatter {
  std::string title;
  std::string date;
  std::string dropped_date;  // a date given that is no calendar day (2024-02-30), or ""
  std::string source;
  std::string language;
  std::string url;
  std::string description;        // description or summary, whitespace collapsed
  std::vector<std::string> tags;  // tags, keywords and categories, cleaned by clean_tags
  std::string_view rest;          // the content after the closing line (a view into the input)
};

// Splits front matter off `content` (BOM already stripped) and reads it (front_matter.cc):
// YAML between a first line "---" and a closing "---" or "..." ("key: value" lines, values
// optionally quoted, flow lists [a, b] and block lists of "- item" lines; comments, nested
// maps and unknown keys ignored), or TOML between "+++" lines (key = value with strings,
// arrays and bare values; keys inside [tables] ignored). nullopt when content does not
// start with such a block, when the block never closes, or when a line inside it is not
// YAML- or TOML-like (then the caller treats everything as body).
std::optional<FrontMatter> split_front_matter(std::string_view content);

// Tags as an article gives them (list items, or "a, b" strings split at , ， 、 and ;),
// whitespace collapsed, blank and over-long ones dropped, each once (ASCII case ignored;
// the first spelling kept), at most 64.
std::vector<std::string> clean_tags(const std::vector<std::string>& given);

// Puts `description` (a summary the file gives) at the head of article.body, as a
// paragraph of its own, unless it is blank or the body already holds it: so that it is
// searched, quoted and highlighted like the text.
void add_description(Article& article, std::string_view description);

// Removes from article.body a first line that only repeats article.title (a Markdown
// "# Title", an HTML <h1>, a text file's or a PDF's title line): the title is indexed
// and shown on its own. Nothing changes when the title is empty or the first line differs.
void drop_title_line(Article& article);

}  // namespace longjing::format_detail
