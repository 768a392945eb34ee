// parse_markdown: Markdown (GitHub dialect, via md4c's SAX parser) with optional YAML-like
// front matter (front_matter.h). The body is the text a reader sees: blocks separated by
// "\n", soft breaks as spaces, code spans and blocks verbatim, link text without its URL,
// image alt text, table cells joined by " | ", entities decoded, raw HTML reduced to its
// visible text. The title comes from the front matter, else from the first heading.
#include <md4c.h>

#include <climits>
#include <string>
#include <string_view>
#include <utility>

#include "ingest/front_matter.h"
#include "longjing/formats.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// Named entities worth decoding; md4c reports any "&name;" verbatim, unknown ones stay so.
constexpr std::pair<std::string_view, char32_t> kNamedEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"ensp", 0x2002},   {"emsp", 0x2003},  {"thinsp", 0x2009}, {"ndash", 0x2013},
    {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},    {"raquo", 0xBB},   {"middot", 0xB7},   {"bull", 0x2022},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122}, {"deg", 0xB0},      {"times", 0xD7},
    {"divide", 0xF7},  {"euro", 0x20AC},   {"pound", 0xA3},   {"yen", 0xA5},      {"cent", 0xA2},
    {"sect", 0xA7},    {"para", 0xB6},
};

// The code point of "#123" or "#x7B"; U+FFFD when it is zero, a surrogate or too large.
char32_t numeric_entity(std::string_view digits) {
  char32_t base = 10;
  if (!digits.empty() && (digits.front() == 'x' || digits.front() == 'X')) {
    base = 16;
    digits.remove_prefix(1);
  }
  char32_t value = 0;
  for (const char c : digits) {
    char32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<char32_t>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<char32_t>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<char32_t>(c - 'A' + 10);
    } else {
      return kReplacementCharacter;
    }
    value = value * base + digit;
    if (value > 0x10FFFF) return kReplacementCharacter;
  }
  if (digits.empty() || value == 0 || (value >= 0xD800 && value <= 0xDFFF)) {
    return kReplacementCharacter;
  }
  return value;
}

// Appends the text an entity such as "&amp;", "&#35;" or "&#x23;" stands for.
void append_entity(std::string& out, std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
    out += entity;
    return;
  }
  const std::string_view name = entity.substr(1, entity.size() - 2);
  if (name.front() == '#') {
    append_utf8(out, numeric_entity(name.substr(1)));
    return;
  }
  for (const auto& [known, code_point] : kNamedEntities) {
    if (known == name) {
      append_utf8(out, code_point);
      return;
    }
  }
  out += entity;
}

// Collects the plain text of a document from md4c's callbacks.
class PlainTextCollector {
 public:
  // Runs md4c over markdown; false when md4c failed (the collected text is then partial).
  bool collect(std::string_view markdown) {
    if (markdown.size() > UINT_MAX) return false;
    MD_PARSER parser{};
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = &PlainTextCollector::on_enter_block;
    parser.leave_block = &PlainTextCollector::on_leave_block;
    parser.enter_span = &PlainTextCollector::on_span;
    parser.leave_span = &PlainTextCollector::on_span;
    parser.text = &PlainTextCollector::on_text;
    return md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this) == 0;
  }

  const std::string& text() const { return text_; }
  const std::string& first_heading() const { return first_heading_; }

 private:
  static int on_enter_block(MD_BLOCKTYPE type, void* /*detail*/, void* self) {
    static_cast<PlainTextCollector*>(self)->enter_block(type);
    return 0;
  }
  static int on_leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* self) {
    static_cast<PlainTextCollector*>(self)->leave_block(type);
    return 0;
  }
  // Spans carry no text of their own: link URLs and image sources are left out.
  static int on_span(MD_SPANTYPE /*type*/, void* /*detail*/, void* /*self*/) { return 0; }
  static int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    static_cast<PlainTextCollector*>(self)->add_text(type, std::string_view(text, size));
    return 0;
  }

  void enter_block(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) {
      if (cells_in_row_++ > 0) append(" | ");
      return;
    }
    end_line();
    if (type == MD_BLOCK_TR) cells_in_row_ = 0;
    if (type == MD_BLOCK_H && !heading_seen_) in_first_heading_ = heading_seen_ = true;
    if (type == MD_BLOCK_HTML) in_html_block_ = true;
  }

  void leave_block(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) return;
    if (type == MD_BLOCK_H) in_first_heading_ = false;
    if (type == MD_BLOCK_HTML) {
      in_html_block_ = false;
      append(parse_html(raw_html_).body);
      raw_html_.clear();
    }
    end_line();
  }

  void add_text(MD_TEXTTYPE type, std::string_view text) {
    switch (type) {
      case MD_TEXT_NULLCHAR:
        append("\xEF\xBF\xBD");  // U+FFFD, as CommonMark asks
        break;
      case MD_TEXT_BR:
        append("\n");
        break;
      case MD_TEXT_SOFTBR:
        append(" ");
        break;
      case MD_TEXT_ENTITY: {
        std::string decoded;
        append_entity(decoded, text);
        append(decoded);
        break;
      }
      case MD_TEXT_HTML:
        // Inline tags are markup; a raw HTML block is rendered when it ends.
        if (in_html_block_) raw_html_ += text;
        break;
      default:  // normal text, code, LaTeX
        append(text);
        break;
    }
  }

  void append(std::string_view text) {
    text_ += text;
    if (in_first_heading_) first_heading_ += text;
  }

  // Ends the current line, if any, without leaving trailing blanks on it.
  void end_line() {
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) text_.pop_back();
    if (!text_.empty() && text_.back() != '\n') text_ += '\n';
  }

  std::string text_;
  std::string first_heading_;
  std::string raw_html_;
  int cells_in_row_ = 0;
  bool heading_seen_ = false;
  bool in_first_heading_ = false;
  bool in_html_block_ = false;
};

}  // namespace

Article parse_markdown(std::string_view content) {
  content = format_detail::strip_bom(content);
  Article article;
  std::string_view markdown = content;
  if (auto front_matter = format_detail::split_front_matter(content)) {
    article.title = std::move(front_matter->title);
    article.date = std::move(front_matter->date);
    article.dropped_date = std::move(front_matter->dropped_date);
    article.source = std::move(front_matter->source);
    article.language = std::move(front_matter->language);
    article.url = std::move(front_matter->url);
    article.tags = std::move(front_matter->tags);
    article.description = std::move(front_matter->description);
    markdown = front_matter->rest;
  }
  PlainTextCollector collector;
  const bool rendered = collector.collect(markdown);
  article.body = std::string(format_detail::trim(rendered ? collector.text() : markdown));
  if (article.title.empty()) article.title = format_detail::make_title(collector.first_heading());
  return article;
}

}  // namespace longjing
