// read_epub: EPUB 2 and 3. META-INF/container.xml names the OPF package; its metadata
// gives dc:title, dc:creator, dc:date and dc:language; its spine lists the content
// documents in reading order, each (XHTML or HTML, by the manifest's media-type) read
// through parse_html and appended. Every entry read counts against the archive's
// budget (ZipArchive).
#include <map>
#include <string>
#include <vector>

#include "ingest/document_detail.h"
#include "ingest/front_matter.h"
#include "ingest/xml_text.h"
#include "ingest/zip_archive.h"
#include "longjing/documents.h"
#include "longjing/formats.h"

namespace longjing {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The archive path an href of the package at `base` ("OEBPS/") names: %XX unescaped,
// a fragment dropped, "." and ".." resolved; "" when it climbs out of the archive.
std::string resolve_href(std::string_view base, std::string_view href) {
  href = href.substr(0, href.find('#'));
  std::string unescaped;
  for (std::size_t i = 0; i < href.size(); ++i) {
    if (href[i] == '%' && i + 2 < href.size() && hex_value(href[i + 1]) >= 0 &&
        hex_value(href[i + 2]) >= 0) {
      unescaped += static_cast<char>(hex_value(href[i + 1]) * 16 + hex_value(href[i + 2]));
      i += 2;
    } else {
      unescaped += href[i];
    }
  }
  const std::string joined = (!unescaped.empty() && unescaped[0] == '/')
                                 ? unescaped.substr(1)
                                 : std::string(base) + unescaped;
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= joined.size()) {
    const std::size_t slash = std::min(joined.find('/', pos), joined.size());
    const std::string part = joined.substr(pos, slash - pos);
    pos = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

bool is_html_media_type(std::string_view type) {
  return type == "application/xhtml+xml" || type == "text/html" || type == "application/xml";
}

// The OPF package's path, from META-INF/container.xml.
std::string package_path(ZipArchive& archive, std::string& problem) {
  const auto container = archive.read("META-INF/container.xml");
  if (!container) {
    problem = "not an EPUB: " + archive.problem();
    return {};
  }
  pugi::xml_document doc;
  if (!xml::parse(doc, *container, "META-INF/container.xml", problem)) return {};
  const pugi::xml_node rootfile = xml::descendant(doc, "rootfile");
  const std::string path(xml::attribute(rootfile, "full-path"));
  if (path.empty()) problem = "not an EPUB: META-INF/container.xml names no package";
  return path;
}

}  // namespace

DocumentRead read_epub(std::string_view bytes, const ReadLimits& limits) {
  using document_detail::refused;
  ZipArchive archive(bytes, limits);
  if (!archive.ok()) return refused(archive.problem());
  std::string problem;
  const std::string opf_path = package_path(archive, problem);
  if (opf_path.empty()) return refused(problem);
  pugi::xml_document opf;
  if (!xml::parse_entry(archive, opf_path, opf, problem)) return refused(problem);
  const pugi::xml_node package = xml::child(opf, "package");
  if (!package) return refused(opf_path + " is no OPF package");

  Article article;
  const pugi::xml_node metadata = xml::child(package, "metadata");
  article.title = xml::text_of(xml::child(metadata, "title"));
  article.source = xml::text_of(xml::child(metadata, "creator"));
  article.language = xml::text_of(xml::child(metadata, "language"));
  // An EPUB's date may name only a year ("2019"); such a date is left out quietly.
  article.date = format_detail::normalize_date(xml::text_of(xml::child(metadata, "date")));

  const std::size_t slash = opf_path.rfind('/');
  const std::string base = slash == std::string::npos ? "" : opf_path.substr(0, slash + 1);
  std::map<std::string, std::pair<std::string, std::string>> manifest;  // id → href, type
  for (pugi::xml_node item = xml::child(xml::child(package, "manifest"), "item"); item;
       item = item.next_sibling()) {
    if (xml::local_name(item) != "item") continue;
    manifest[std::string(xml::attribute(item, "id"))] = {
        resolve_href(base, xml::attribute(item, "href")),
        std::string(xml::attribute(item, "media-type"))};
  }
  std::vector<std::string> caveats;
  std::string first_chapter_title;
  for (pugi::xml_node ref = xml::child(xml::child(package, "spine"), "itemref"); ref;
       ref = ref.next_sibling()) {
    if (xml::local_name(ref) != "itemref") continue;
    const auto found = manifest.find(std::string(xml::attribute(ref, "idref")));
    if (found == manifest.end() || found->second.first.empty() ||
        !is_html_media_type(found->second.second)) {
      continue;
    }
    const auto chapter = archive.read(found->second.first);
    if (!chapter) {
      if (archive.problem().find("limit") != std::string::npos) return refused(archive.problem());
      caveats.push_back(archive.problem());  // a missing chapter: the others still count
      continue;
    }
    Article part = parse_html(document_detail::decode_html(*chapter));
    if (first_chapter_title.empty()) first_chapter_title = part.title;
    if (part.body.empty()) continue;
    if (!article.body.empty()) article.body += "\n\n";
    article.body += part.body;
    if (article.body.size() > limits.max_text_bytes) break;  // finish() cuts and says so
  }
  if (article.title.empty()) article.title = first_chapter_title;
  return document_detail::finish(std::move(article), limits, std::move(caveats));
}

}  // namespace longjing
