// Internal: what the XML-based readers (EPUB, DOCX, ODT) share on top of pugixml:
// parsing without DTDs or external entities, names without their namespace prefix, walks
// that use no recursion (deeply nested input cannot exhaust the stack), and a builder
// for the lines of text a document's body becomes.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace longjing {
class ZipArchive;
}

namespace longjing::xml {

// Parses `bytes` into `doc`; false, with `problem` naming `what` ("word/document.xml"),
// when they are not well-formed XML. pugixml expands only the five predefined entities
// and character references: no DTD is read, nothing outside the bytes is fetched.
bool parse(pugi::xml_document& doc, std::string_view bytes, std::string_view what,
           std::string& problem);

// Reads entry `name` of `archive` and parses it into `doc`: false, with `problem` saying
// why (the archive's problem reading it, or parse's), when it cannot be read or is not
// well-formed XML.
bool parse_entry(ZipArchive& archive, std::string_view name, pugi::xml_document& doc,
                 std::string& problem);

// An element's name without its namespace prefix ("dc:title" → "title").
std::string_view local_name(const pugi::xml_node& node);

// The first child element of `node` whose local name is `name`, or an empty node.
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

// The first element under `root` (depth first, document order) whose local name is
// `name`, or an empty node.
pugi::xml_node descendant(const pugi::xml_node& root, std::string_view name);

// The value of the attribute of `node` whose local name is `name`, or "".
std::string_view attribute(const pugi::xml_node& node, std::string_view name);

// Every text (and CDATA) node under `node` joined, whitespace collapsed and trimmed.
std::string text_of(const pugi::xml_node& node);

// Depth-first walk of the nodes under `root` (not root itself), without recursion.
// visitor.enter(node) returns whether to visit node's children; visitor.leave(node)
// follows every node entered, once its children (if visited) are done.
template <typename Visitor>
void walk(const pugi::xml_node& root, Visitor& visitor) {
  pugi::xml_node node = root.first_child();
  while (node) {
    if (visitor.enter(node) && node.first_child()) {
      node = node.first_child();
      continue;
    }
    visitor.leave(node);
    while (!node.next_sibling()) {
      node = node.parent();
      if (!node || node == root) return;
      visitor.leave(node);
    }
    node = node.next_sibling();
  }
}

// The body text of a document as lines: paragraphs end lines, table cells in a row are
// joined by " | " (as the HTML reader does), runs of blanks inside a line collapse.
class Lines {
 public:
  // Appends text to the current line; blanks collapse to one space.
  void text(std::string_view text);
  // One space (a tab, an ODF <text:s/>), collapsing with those around it.
  void space();
  // Ends the current line, if it holds anything.
  void end_line();
  // A line break inside a paragraph: always a new line.
  void break_line();
  // Starts a table cell: " | " after a cell on the same line.
  void cell();
  // Bytes gathered so far.
  std::size_t size() const { return text_.size(); }
  // The lines gathered, trimmed.
  std::string take();

 private:
  std::string text_;
  bool pending_space_ = false;
};

}  // namespace longjing::xml
