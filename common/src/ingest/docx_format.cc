// read_docx: Office Open XML word processing documents. The body is word/document.xml's
// <w:body>: each paragraph (headings are paragraphs with a heading style) one line, text
// runs (<w:t>) joined, tabs as spaces, <w:br/> a line break, table cells of a row joined
// by " | "; deleted text and field codes left out. Metadata from docProps/core.xml:
// dc:title, dc:creator, dcterms:created (else dcterms:modified); the title falls back to
// the first paragraph styled Title, else the first heading-like line.
#include <string>

#include "ingest/document_detail.h"
#include "ingest/front_matter.h"
#include "ingest/xml_text.h"
#include "ingest/zip_archive.h"
#include "longjing/documents.h"

namespace longjing {
namespace {

// Visitor that turns <w:body> into lines, and notes the first paragraph styled Title.
class BodyText {
 public:
  bool enter(const pugi::xml_node& node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (in_text_ > 0) {
        lines_.text(node.value());
        if (in_title_) title_ += node.value();
      }
      return false;
    }
    if (node.type() != pugi::node_element) return false;
    const std::string_view name = xml::local_name(node);
    if (name == "delText" || name == "instrText" || name == "pPr" || name == "rPr" ||
        name == "tblPr" || name == "sectPr" || name == "drawing") {
      if (name == "pPr" && xml::attribute(xml::child(node, "pStyle"), "val") == "Title" &&
          title_.empty()) {
        in_title_ = true;
      }
      return false;
    }
    if (name == "t") ++in_text_;
    if (name == "tab") lines_.space();
    if (name == "br" || name == "cr") lines_.break_line();
    if (name == "tc") {
      lines_.cell();
      ++cell_depth_;
    }
    return true;
  }

  void leave(const pugi::xml_node& node) {
    if (node.type() != pugi::node_element) return;
    const std::string_view name = xml::local_name(node);
    if (name == "t" && in_text_ > 0) --in_text_;
    if (name == "tc" && cell_depth_ > 0) --cell_depth_;
    if (name == "p") {
      // Paragraphs inside a table cell stay on the row's line.
      if (cell_depth_ > 0)
        lines_.space();
      else
        lines_.end_line();
      in_title_ = false;
    }
    if (name == "tr") lines_.end_line();
  }

  xml::Lines lines_;
  std::string title_;

 private:
  int in_text_ = 0;
  int cell_depth_ = 0;
  bool in_title_ = false;
};

// Reads docProps/core.xml into the article's metadata; a missing or broken one is no
// reason to refuse the document.
void read_core_properties(ZipArchive& archive, Article& article) {
  if (!archive.has("docProps/core.xml")) return;
  pugi::xml_document doc;
  std::string problem;
  if (!xml::parse_entry(archive, "docProps/core.xml", doc, problem)) return;
  const pugi::xml_node props = xml::child(doc, "coreProperties");
  article.title = xml::text_of(xml::child(props, "title"));
  article.source = xml::text_of(xml::child(props, "creator"));
  article.language = xml::text_of(xml::child(props, "language"));
  article.date = format_detail::normalize_date(xml::text_of(xml::child(props, "created")));
  if (article.date.empty()) {
    article.date = format_detail::normalize_date(xml::text_of(xml::child(props, "modified")));
  }
}

}  // namespace

DocumentRead read_docx(std::string_view bytes, const ReadLimits& limits) {
  using document_detail::refused;
  ZipArchive archive(bytes, limits);
  if (!archive.ok()) return refused(archive.problem());
  if (!archive.has("word/document.xml")) return refused("not a DOCX: no word/document.xml");
  pugi::xml_document doc;
  std::string problem;
  if (!xml::parse_entry(archive, "word/document.xml", doc, problem)) return refused(problem);
  const pugi::xml_node body = xml::child(xml::child(doc, "document"), "body");
  if (!body) return refused("not a DOCX: word/document.xml has no w:body");

  Article article;
  read_core_properties(archive, article);
  BodyText text;
  xml::walk(body, text);
  article.body = text.lines_.take();
  if (format_detail::trim(article.title).empty()) article.title = text.title_;
  if (format_detail::trim(article.title).empty()) {
    article.title = document_detail::first_heading_line(article.body);
  }
  return document_detail::finish(std::move(article), limits);
}

}  // namespace longjing
