// Format selection (format_for_path, parse_article) and the helpers every parser shares
// (front_matter.h): BOM, whitespace, titles and dates (front matter: front_matter.cc). The parsers
// themselves live in text_format.cc, markdown_format.cc and html_format.cc.
#include "longjing/formats.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "ingest/front_matter.h"
#include "longjing/utf8.h"

namespace longjing {
namespace format_detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ---- Dates -------------------------------------------------------------------------------

struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

bool is_real_day(const CalendarDate& date) {
  return date.year >= 1 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

std::string format_date(const CalendarDate& date) {
  std::string out(10, '0');
  int year = date.year;
  for (std::size_t i = 4; i-- > 0; year /= 10) out[i] = static_cast<char>('0' + year % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + date.month / 10);
  out[6] = static_cast<char>('0' + date.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + date.day / 10);
  out[9] = static_cast<char>('0' + date.day % 10);
  return out;
}

// Reads date fields left to right; every method consumes only when it succeeds.
class DateScanner {
 public:
  explicit DateScanner(std::string_view text) : text_(text) {}

  // Reads between min_digits and max_digits decimal digits (no more may follow).
  bool number(std::size_t min_digits, std::size_t max_digits, int& value) {
    std::size_t end = pos_;
    while (end < text_.size() && is_digit(text_[end])) ++end;
    const std::size_t count = end - pos_;
    if (count < min_digits || count > max_digits) return false;
    value = 0;
    for (; pos_ < end; ++pos_) value = value * 10 + (text_[pos_] - '0');
    return true;
  }

  bool literal(std::string_view expected) {
    if (text_.substr(pos_).substr(0, expected.size()) != expected) return false;
    pos_ += expected.size();
    return true;
  }

  // Reads one of the single-character separators in `choices` and returns it, or '\0'.
  char separator(std::string_view choices) {
    if (pos_ >= text_.size() || choices.find(text_[pos_]) == std::string_view::npos) return '\0';
    return text_[pos_++];
  }

  bool spaces() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    return pos_ > start;
  }

  // Reads an English month name, full or its first three letters, any case ("April",
  // "apr", "Sept."); sets month.
  bool month_name(int& month) {
    static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
    std::size_t end = pos_;
    while (end < text_.size() &&
           ((text_[end] >= 'a' && text_[end] <= 'z') || (text_[end] >= 'A' && text_[end] <= 'Z'))) {
      ++end;
    }
    const std::string word = ascii_lowercase(text_.substr(pos_, end - pos_));
    if (word.size() < 3) return false;
    for (int m = 0; m < 12; ++m) {
      const std::string_view name = kMonths[m];
      if (word == name || word == name.substr(0, 3) || (m == 8 && word == "sept")) {
        month = m + 1;
        pos_ = end;
        if (pos_ < text_.size() && text_[pos_] == '.') ++pos_;
        return true;
      }
    }
    return false;
  }

  std::size_t position() const { return pos_; }
  std::string_view rest() const { return text_.substr(pos_); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// YYYY-M-D, YYYY/M/D or YYYY.M.D (one separator used twice).
bool scan_year_first(DateScanner& in, CalendarDate& date) {
  if (!in.number(4, 4, date.year)) return false;
  const char sep = in.separator("-/.");
  return sep != '\0' && in.number(1, 2, date.month) && in.separator(std::string_view(&sep, 1)) &&
         in.number(1, 2, date.day);
}

// YYYY年M月D日
bool scan_chinese(DateScanner& in, CalendarDate& date) {
  return in.number(4, 4, date.year) && in.literal("\xE5\xB9\xB4") && in.number(1, 2, date.month) &&
         in.literal("\xE6\x9C\x88") && in.number(1, 2, date.day) && in.literal("\xE6\x97\xA5");
}

// MM/DD YYYY or MM/DD/YYYY
bool scan_month_first(DateScanner& in, CalendarDate& date) {
  return in.number(1, 2, date.month) && in.separator("/") && in.number(1, 2, date.day) &&
         (in.separator("/") || in.spaces()) && in.number(4, 4, date.year);
}

// "April 5, 2024", "Apr 5 2024" (month name first) or "5 April 2024" (day first).
bool scan_month_name(DateScanner& in, CalendarDate& date) {
  if (in.month_name(date.month)) {
    return in.spaces() && in.number(1, 2, date.day) && (in.separator(","), true) &&
           (in.spaces(), true) && in.number(4, 4, date.year);
  }
  return in.number(1, 2, date.day) && in.spaces() && in.month_name(date.month) &&
         (in.separator(","), true) && in.spaces() && in.number(4, 4, date.year);
}

// Parses a date at the start of text; `rest` receives what follows it.
std::optional<CalendarDate> scan_date(std::string_view text, std::string_view& rest) {
  using Scan = bool (*)(DateScanner&, CalendarDate&);
  for (const Scan scan :
       {Scan{scan_year_first}, Scan{scan_chinese}, Scan{scan_month_first}, Scan{scan_month_name}}) {
    DateScanner in(text);
    CalendarDate date;
    if (scan(in, date) && is_real_day(date)) {
      rest = in.rest();
      return date;
    }
  }
  return std::nullopt;
}

// A time part after a date: "T10:00:00Z", "t10:00", " 10:00:00 +0800".
bool is_time_suffix(std::string_view rest) {
  if (rest.size() < 2) return false;
  return (rest[0] == 'T' || rest[0] == 't' || rest[0] == ' ') && is_digit(rest[1]);
}

}  // namespace

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string_view strip_bom(std::string_view content) {
  if (content.substr(0, kBom.size()) == kBom) content.remove_prefix(kBom.size());
  return content;
}

bool is_blank_code_point(char32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_blank_code_point(next_code_point(text, next))) break;
    begin = next;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = floor_to_code_point(text, end - 1);
    std::size_t next = start;
    if (!is_blank_code_point(next_code_point(text, next)) || next != end) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (is_blank_code_point(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, cp);
  }
  return out;
}

std::string make_title(std::string_view raw) {
  std::string title = collapse_whitespace(raw);
  if (count_code_points(title) <= kLongTitle) return title;
  // Byte offsets after kTitleLength code points, and of the last space before that.
  std::size_t limit = 0;
  std::size_t last_space = 0;
  for (std::size_t n = 0; n < kTitleLength; ++n) {
    if (title[limit] == ' ') last_space = limit;
    next_code_point(title, limit);
  }
  if (title[limit] == ' ') last_space = limit;
  // A word boundary in the first half would waste too much; cut mid-text instead.
  const std::size_t cut = last_space >= limit / 2 ? last_space : limit;
  std::string_view kept(title.data(), cut);
  while (!kept.empty() && std::string_view(" ,;:-").find(kept.back()) != std::string_view::npos) {
    kept.remove_suffix(1);
  }
  return std::string(kept) + std::string(kEllipsis);
}

std::string date_from_line(std::string_view line) {
  std::string_view rest;
  const auto date = scan_date(trim(line), rest);
  return date && rest.empty() ? format_date(*date) : std::string();
}

std::string normalize_date(std::string_view value) {
  std::string_view rest;
  const auto date = scan_date(trim(value), rest);
  return date && (rest.empty() || is_time_suffix(rest)) ? format_date(*date) : std::string();
}

void add_description(Article& article, std::string_view description) {
  const std::string summary = collapse_whitespace(description);
  if (summary.empty() || collapse_whitespace(article.body).find(summary) != std::string::npos)
    return;
  article.body = summary + (article.body.empty() ? "" : "\n\n") + article.body;
}

void drop_title_line(Article& article) {
  if (article.title.empty()) return;
  const std::size_t start = article.body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos ||
      article.body.compare(start, article.title.size(), article.title) != 0) {
    return;
  }
  const std::size_t after = start + article.title.size();
  if (after < article.body.size() && article.body[after] != '\n' && article.body[after] != '\r')
    return;
  const std::size_t next = article.body.find_first_not_of(" \t\r\n", after);
  article.body.erase(0, next == std::string::npos ? article.body.size() : next);
}

}  // namespace format_detail

std::optional<Format> format_for_path(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string extension = format_detail::ascii_lowercase(name.substr(dot + 1));
  if (extension == "txt" || extension == "text") return Format::kText;
  if (extension == "md" || extension == "markdown") return Format::kMarkdown;
  if (extension == "html" || extension == "htm" || extension == "xhtml") return Format::kHtml;
  if (extension == "pdf") return Format::kPdf;
  if (extension == "epub") return Format::kEpub;
  if (extension == "docx") return Format::kDocx;
  if (extension == "odt") return Format::kOdt;
  if (extension == "eml") return Format::kEmail;
  return std::nullopt;
}

namespace {

Article parse_by_format(Format format, std::string_view content) {
  switch (format) {
    case Format::kText:
      return parse_text(content);
    case Format::kMarkdown:
      return parse_markdown(content);
    case Format::kHtml:
      return parse_html(content);
    case Format::kPdf:
    case Format::kEpub:
    case Format::kDocx:
    case Format::kOdt:
    case Format::kEmail:
      break;  // documents.h reads these from their bytes, not from decoded text
  }
  return parse_text(content);
}

}  // namespace

Article parse_article(Format format, std::string_view content) {
  Article article = parse_by_format(format, content);
  format_detail::drop_title_line(article);
  format_detail::add_description(article, article.description);
  article.description.clear();
  return article;
}

}  // namespace longjing
