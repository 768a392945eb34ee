// parse_html: HTML via gumbo (an HTML5 parser that accepts any input and decodes entities).
// Metadata: title from <title>, else the first <h1>; date from <meta name|property> "date",
// "article:published_time" or "dc.date" (and close variants); source from meta "author",
// else "og:site_name"; language from <html lang>; url from <link rel="canonical">, else
// "og:url". Body: the visible text of <body>, without script, style, noscript, template,
// nav, header, footer, aside, form, svg (and similar non-content elements or elements
// marked hidden); block elements end lines, whitespace inside inline text collapses, <pre>
// keeps its spacing, table cells are joined by " | ". Trees are walked without recursion,
// so deeply nested input cannot exhaust the stack.
#include <gumbo.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/front_matter.h"
#include "longjing/formats.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

using format_detail::ascii_lowercase;

bool is_html_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The value of an element's attribute, or empty.
std::string_view attribute(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* found = gumbo_get_attribute(&node->v.element.attributes, name);
  return found != nullptr && found->value != nullptr ? std::string_view(found->value)
                                                     : std::string_view();
}

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
    return &node->v.element.children;
  }
  return nullptr;
}

// Depth-first walk of the tree under root. visitor.enter(node) returns whether to visit the
// node's children; visitor.leave(node) follows the children of every node entered that way.
template <typename Visitor>
void walk(const GumboNode* root, Visitor& visitor) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  if (!visitor.enter(root)) return;
  std::vector<Frame> stack{{root, 0}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector* children = children_of(top.node);
    if (children == nullptr || top.next_child >= children->length) {
      visitor.leave(top.node);
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[top.next_child++]);
    if (visitor.enter(child)) stack.push_back({child, 0});
  }
}

// Elements whose content is not article text.
bool is_skipped(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE || node->type == GUMBO_NODE_COMMENT) return true;
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr) return true;
  switch (node->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
      return true;
    default:
      return false;
  }
}

// Elements that start and end a line of text.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Visitor that gathers the visible text under a node.
class VisibleText {
 public:
  bool enter(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        add_text(node->v.text.text);
        return false;
      case GUMBO_NODE_DOCUMENT:
        return true;
      case GUMBO_NODE_ELEMENT:
        return enter_element(node);
      default:  // comments, template contents
        return false;
    }
  }

  void leave(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_PRE && preformatted_depth_ > 0) --preformatted_depth_;
    if (is_block(tag)) end_line();
  }

  // The text gathered, without leading or trailing blanks.
  std::string take() {
    std::string text(format_detail::trim(text_));
    text_.clear();
    return text;
  }

 private:
  bool enter_element(const GumboNode* node) {
    if (is_skipped(node)) return false;
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BR) {
      break_line();
      return false;
    }
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
      if (!text_.empty() && text_.back() != '\n') text_ += " | ";
      pending_space_ = false;
    }
    if (tag == GUMBO_TAG_IMG) return false;
    if (is_block(tag)) end_line();
    if (tag == GUMBO_TAG_PRE) ++preformatted_depth_;
    return true;
  }

  void add_text(const char* text) {
    if (text == nullptr) return;
    if (preformatted_depth_ > 0) {
      text_ += text;
      return;
    }
    for (const char c : std::string_view(text)) {
      if (is_html_whitespace(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !text_.empty() && text_.back() != '\n' && text_.back() != ' ') {
        text_ += ' ';
      }
      pending_space_ = false;
      text_ += c;
    }
  }

  // Ends the current line, if any, without leaving trailing spaces on it.
  void end_line() {
    pending_space_ = false;
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (!text_.empty() && text_.back() != '\n') text_ += '\n';
  }

  // A <br>: always a new line, so that two of them leave an empty one.
  void break_line() {
    pending_space_ = false;
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    text_ += '\n';
  }

  std::string text_;
  int preformatted_depth_ = 0;
  bool pending_space_ = false;
};

std::string visible_text(const GumboNode* node) {
  VisibleText text;
  walk(node, text);
  return text.take();
}

// Visitor that reads the metadata of a document and finds its <body>.
class MetadataReader {
 public:
  bool enter(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return true;
    if (node->type != GUMBO_NODE_ELEMENT) return false;
    if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return false;
    switch (node->v.element.tag) {
      case GUMBO_TAG_HTML:
        if (language.empty())
          language = format_detail::collapse_whitespace(attribute(node, "lang"));
        return true;
      case GUMBO_TAG_BODY:
        if (body == nullptr) body = node;
        return true;
      case GUMBO_TAG_TITLE:
        if (title.empty()) title = format_detail::make_title(visible_text(node));
        return false;
      case GUMBO_TAG_H1:
        if (first_h1.empty()) first_h1 = format_detail::make_title(visible_text(node));
        return false;
      case GUMBO_TAG_META:
        read_meta(node);
        return false;
      case GUMBO_TAG_LINK:
        read_link(node);
        return false;
      case GUMBO_TAG_SCRIPT:
      case GUMBO_TAG_STYLE:
      case GUMBO_TAG_TEMPLATE:
        return false;
      default:
        return true;
    }
  }
  void leave(const GumboNode* /*node*/) {}

  std::string title, first_h1, date, author, site_name, canonical, og_url, language, description;
  std::vector<std::string> keywords;  // <meta name=keywords> contents, as written
  std::string dropped_date;           // the first date <meta> that names no calendar day
  const GumboNode* body = nullptr;

 private:
  void read_meta(const GumboNode* node) {
    std::string key = ascii_lowercase(format_detail::trim(attribute(node, "name")));
    if (key.empty()) key = ascii_lowercase(format_detail::trim(attribute(node, "property")));
    const std::string_view content = attribute(node, "content");
    if (is_date_key(key) && date.empty()) {
      date = format_detail::normalize_date(content);
      if (date.empty() && dropped_date.empty() && !format_detail::trim(content).empty()) {
        dropped_date = format_detail::collapse_whitespace(content);
      }
    } else if (key == "author" && author.empty()) {
      author = format_detail::collapse_whitespace(content);
    } else if (key == "og:site_name" && site_name.empty()) {
      site_name = format_detail::collapse_whitespace(content);
    } else if (key == "og:url" && og_url.empty()) {
      og_url = format_detail::collapse_whitespace(content);
    } else if ((key == "description" || key == "og:description") && description.empty()) {
      description = format_detail::collapse_whitespace(content);
    } else if (key == "keywords" || key == "article:tag") {
      keywords.emplace_back(content);
    }
  }

  void read_link(const GumboNode* node) {
    // Appended, not `" " + x + " "`: g++ 12's -O3 reads that as an overlapping memcpy
    // (a -Wrestrict false positive, GCC bug 105329).
    std::string rel = " ";
    rel += ascii_lowercase(attribute(node, "rel"));
    rel += ' ';
    if (canonical.empty() && rel.find(" canonical ") != std::string::npos) {
      canonical = format_detail::collapse_whitespace(attribute(node, "href"));
    }
  }

  static bool is_date_key(std::string_view key) {
    return key == "date" || key == "article:published_time" || key == "dc.date" ||
           key == "dc.date.issued" || key == "dcterms.date" || key == "dcterms.issued";
  }
};

// Frees gumbo's output however the parse ends.
class ParsedHtml {
 public:
  explicit ParsedHtml(std::string_view html)
      : output_(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size())) {}
  ~ParsedHtml() {
    if (output_ != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output_);
  }
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;

  const GumboNode* document() const { return output_ != nullptr ? output_->document : nullptr; }

 private:
  GumboOutput* output_;
};

// gumbo 0.10 turns a numeric reference past 32 bits (&#xBBBBBBBB;) into ill-formed UTF-8
// (its code point overflows): such bytes become U+FFFD, so the Article stays valid UTF-8.
void repair_gumbo_output(std::string& text) {
  if (is_valid_utf8(text)) return;
  std::size_t repaired = 0;
  text = repair_utf8(text, repaired);
}

}  // namespace

Article parse_html(std::string_view content) {
  content = format_detail::strip_bom(content);
  Article article;
  const ParsedHtml parsed(content);
  if (parsed.document() == nullptr) return article;
  MetadataReader metadata;
  walk(parsed.document(), metadata);
  article.title = metadata.title.empty() ? std::move(metadata.first_h1) : std::move(metadata.title);
  article.date = std::move(metadata.date);
  if (article.date.empty()) article.dropped_date = std::move(metadata.dropped_date);
  article.source =
      metadata.author.empty() ? std::move(metadata.site_name) : std::move(metadata.author);
  article.language = std::move(metadata.language);
  article.url =
      metadata.canonical.empty() ? std::move(metadata.og_url) : std::move(metadata.canonical);
  if (metadata.body != nullptr) article.body = visible_text(metadata.body);
  article.description = std::move(metadata.description);
  for (std::string& keywords : metadata.keywords) repair_gumbo_output(keywords);
  article.tags = format_detail::clean_tags(metadata.keywords);
  for (std::string* field :
       {&article.title, &article.date, &article.source, &article.language, &article.url,
        &article.body, &article.dropped_date, &article.description}) {
    repair_gumbo_output(*field);
  }
  return article;
}

}  // namespace longjing
