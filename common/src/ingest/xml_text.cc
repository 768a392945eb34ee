#include "ingest/xml_text.h"

#include "ingest/front_matter.h"
#include "ingest/zip_archive.h"

namespace longjing::xml {

bool parse(pugi::xml_document& doc, std::string_view bytes, std::string_view what,
           std::string& problem) {
  // parse_default less parse_doctype-driven work: pugixml never reads a DTD's entities.
  const pugi::xml_parse_result result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
  if (result) return true;
  problem = std::string(what) + " is not well-formed XML (" + result.description() + " at byte " +
            std::to_string(result.offset) + ")";
  return false;
}

bool parse_entry(ZipArchive& archive, std::string_view name, pugi::xml_document& doc,
                 std::string& problem) {
  const auto bytes = archive.read(name);
  if (!bytes) {
    problem = archive.problem();
    return false;
  }
  return parse(doc, *bytes, name, problem);
}

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

namespace {

// Visitor that stops at the first element of a local name.
struct Finder {
  std::string_view name;
  pugi::xml_node found;
  bool enter(const pugi::xml_node& node) {
    if (found) return false;
    if (node.type() == pugi::node_element && local_name(node) == name) found = node;
    return !found;
  }
  void leave(const pugi::xml_node& /*node*/) {}
};

// Visitor that gathers text nodes.
struct TextGatherer {
  std::string text;
  bool enter(const pugi::xml_node& node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      text += node.value();
      return false;
    }
    return node.type() == pugi::node_element;
  }
  void leave(const pugi::xml_node& node) {
    if (node.type() == pugi::node_element) text += ' ';
  }
};

}  // namespace

pugi::xml_node descendant(const pugi::xml_node& root, std::string_view name) {
  Finder finder{name, {}};
  walk(root, finder);
  return finder.found;
}

std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view full = a.name();
    const std::size_t colon = full.find(':');
    if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name) return a.value();
  }
  return {};
}

std::string text_of(const pugi::xml_node& node) {
  TextGatherer gatherer;
  walk(node, gatherer);
  return format_detail::collapse_whitespace(gatherer.text);
}

void Lines::text(std::string_view text) {
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
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

void Lines::space() { pending_space_ = true; }

void Lines::end_line() {
  pending_space_ = false;
  while (!text_.empty() && text_.back() == ' ') text_.pop_back();
  if (!text_.empty() && text_.back() != '\n') text_ += '\n';
}

void Lines::break_line() {
  pending_space_ = false;
  while (!text_.empty() && text_.back() == ' ') text_.pop_back();
  text_ += '\n';
}

void Lines::cell() {
  if (!text_.empty() && text_.back() != '\n') text_ += " | ";
  pending_space_ = false;
}

std::string Lines::take() {
  std::string out(format_detail::trim(text_));
  text_.clear();
  return out;
}

}  // namespace longjing::xml
