// read_odt: OpenDocument text. The body is content.xml's <office:text>: paragraphs
// (<text:p>), headings (<text:h>) and list items one line each, <text:s/> and
// <text:tab/> as spaces, <text:line-break/> a line break, table cells of a row joined by
// " | "; annotations and tracked changes left out. Metadata from meta.xml: dc:title,
// meta:initial-creator (else dc:creator), meta:creation-date (else dc:date), dc:language;
// the title falls back to the first heading, else the first heading-like line.
#include <string>

#include "ingest/document_detail.h"
#include "ingest/front_matter.h"
#include "ingest/xml_text.h"
#include "ingest/zip_archive.h"
#include "longjing/documents.h"

namespace longjing {
namespace {

// Visitor that turns <office:text> into lines, and keeps the first heading's text.
class BodyText {
 public:
  bool enter(const pugi::xml_node& node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      lines_.text(node.value());
      if (heading_depth_ > 0 && first_heading_done_ == false) heading_ += node.value();
      return false;
    }
    if (node.type() != pugi::node_element) return false;
    const std::string_view name = xml::local_name(node);
    if (name == "annotation" || name == "tracked-changes" || name == "sequence-decls" ||
        name == "forms" || name == "note-citation") {
      return false;
    }
    if (name == "s" || name == "tab") lines_.space();
    if (name == "line-break") lines_.break_line();
    if (name == "table-cell") {
      lines_.cell();
      ++cell_depth_;
    }
    if (name == "h") ++heading_depth_;
    return true;
  }

  void leave(const pugi::xml_node& node) {
    if (node.type() != pugi::node_element) return;
    const std::string_view name = xml::local_name(node);
    if (name == "table-cell" && cell_depth_ > 0) --cell_depth_;
    if (name == "p" || name == "h") {
      // Paragraphs inside a table cell stay on the row's line.
      if (cell_depth_ > 0)
        lines_.space();
      else
        lines_.end_line();
    }
    if (name == "table-row") lines_.end_line();
    if (name == "h" && heading_depth_ > 0 && --heading_depth_ == 0 && !heading_.empty()) {
      first_heading_done_ = true;
    }
  }

  xml::Lines lines_;
  std::string heading_;

 private:
  int heading_depth_ = 0;
  int cell_depth_ = 0;
  bool first_heading_done_ = false;
};

void read_meta(ZipArchive& archive, Article& article) {
  if (!archive.has("meta.xml")) return;
  pugi::xml_document doc;
  std::string problem;
  if (!xml::parse_entry(archive, "meta.xml", doc, problem)) return;
  const pugi::xml_node fields = xml::child(xml::child(doc, "document-meta"), "meta");
  article.title = xml::text_of(xml::child(fields, "title"));
  article.source = xml::text_of(xml::child(fields, "initial-creator"));
  if (article.source.empty()) article.source = xml::text_of(xml::child(fields, "creator"));
  article.language = xml::text_of(xml::child(fields, "language"));
  article.date = format_detail::normalize_date(xml::text_of(xml::child(fields, "creation-date")));
  if (article.date.empty()) {
    article.date = format_detail::normalize_date(xml::text_of(xml::child(fields, "date")));
  }
}

}  // namespace

DocumentRead read_odt(std::string_view bytes, const ReadLimits& limits) {
  using document_detail::refused;
  ZipArchive archive(bytes, limits);
  if (!archive.ok()) return refused(archive.problem());
  if (!archive.has("content.xml")) return refused("not an OpenDocument text: no content.xml");
  pugi::xml_document doc;
  std::string problem;
  if (!xml::parse_entry(archive, "content.xml", doc, problem)) return refused(problem);
  const pugi::xml_node text_root =
      xml::child(xml::child(xml::child(doc, "document-content"), "body"), "text");
  if (!text_root) return refused("not an OpenDocument text: content.xml has no office:text");

  Article article;
  read_meta(archive, article);
  BodyText text;
  xml::walk(text_root, text);
  article.body = text.lines_.take();
  if (format_detail::trim(article.title).empty()) article.title = text.heading_;
  if (format_detail::trim(article.title).empty()) {
    article.title = document_detail::first_heading_line(article.body);
  }
  return document_detail::finish(std::move(article), limits);
}

}  // namespace longjing
