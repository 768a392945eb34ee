// Choosing a document's format by its signature (sniff_format), dispatching to its
// reader (read_document), and the helpers the readers share (document_detail.h). The
// readers themselves live in pdf_format.cc, epub_format.cc, docx_format.cc,
// odt_format.cc and email_format.cc.
#include "longjing/documents.h"

#include "ingest/document_detail.h"
#include "ingest/front_matter.h"
#include "ingest/zip_archive.h"
#include "longjing/source_file.h"
#include "longjing/utf8.h"

namespace longjing {
namespace document_detail {

DocumentRead refused(std::string problem) {
  return DocumentRead{std::nullopt, std::move(problem), {}};
}

DocumentRead finish(Article article, const ReadLimits& limits, std::vector<std::string> caveats) {
  for (std::string* field : {&article.title, &article.date, &article.source, &article.language,
                             &article.url, &article.body, &article.dropped_date}) {
    if (!is_valid_utf8(*field)) {
      std::size_t repaired = 0;
      *field = repair_utf8(*field, repaired);
    }
  }
  article.title = format_detail::make_title(article.title);
  for (std::string* field : {&article.source, &article.language, &article.url}) {
    *field = format_detail::collapse_whitespace(*field);
  }
  if (article.body.size() > limits.max_text_bytes) {
    article.body.resize(
        floor_to_code_point(article.body, static_cast<std::size_t>(limits.max_text_bytes)));
    caveats.push_back("text cut at the limit of " + std::to_string(limits.max_text_bytes) +
                      " bytes");
  }
  if (format_detail::trim(article.body).empty() && format_detail::trim(article.title).empty()) {
    return refused("no text in the document");
  }
  format_detail::drop_title_line(article);
  return DocumentRead{std::move(article), {}, std::move(caveats)};
}

std::string decode_html(std::string_view bytes) {
  LoadResult decoded = decode_source_text(bytes, Format::kHtml);
  if (decoded.source) return std::move(decoded.source->text);
  std::size_t repaired = 0;  // NUL bytes: not HTML, but keep what text there is
  return repair_utf8(bytes, repaired);
}

std::string first_heading_line(std::string_view body) {
  std::size_t pos = 0;
  for (int line_number = 0; line_number < 10 && pos < body.size(); ++line_number) {
    const std::size_t end = std::min(body.find('\n', pos), body.size());
    const std::string_view line = format_detail::trim(body.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) {
      --line_number;  // blank lines do not count
      continue;
    }
    if (line.size() > 200 || !format_detail::date_from_line(line).empty()) continue;
    bool has_letter = false;
    for (std::size_t i = 0; i < line.size() && !has_letter;) {
      const char32_t cp = next_code_point(line, i);
      has_letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0x3000 ||
                   (cp >= 0xC0 && cp < 0x2000);
    }
    if (has_letter) return std::string(line);
  }
  return {};
}

}  // namespace document_detail

namespace {

// The first bytes of an archive's "mimetype" entry are all sniffing reads of it.
constexpr std::uint64_t kMimetypeBytes = 100;

// What a zip archive is, by its entries: EPUB, ODT, DOCX, or nullopt.
std::optional<Format> sniff_zip(std::string_view bytes) {
  ReadLimits limits;
  limits.max_unpacked_bytes = kMimetypeBytes;
  ZipArchive archive(bytes, limits);
  if (!archive.ok()) return std::nullopt;
  if (const auto mimetype = archive.read("mimetype", kMimetypeBytes)) {
    const std::string_view type = format_detail::trim(*mimetype);
    if (type == "application/epub+zip") return Format::kEpub;
    if (type == "application/vnd.oasis.opendocument.text") return Format::kOdt;
  }
  if (archive.has("[Content_Types].xml") && archive.has("word/document.xml")) return Format::kDocx;
  return std::nullopt;
}

}  // namespace

Format sniff_format(std::string_view bytes, Format by_name) {
  // A PDF's header may follow up to 1,024 bytes of junk (PDF 32000-1 annex H, note 13).
  const std::size_t pdf = bytes.substr(0, 1024).find("%PDF-");
  if (pdf == 0 || (pdf != std::string_view::npos && by_name == Format::kPdf)) return Format::kPdf;
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    if (const auto format = sniff_zip(bytes)) return *format;
  }
  return by_name;
}

bool is_document_format(Format format) {
  switch (format) {
    case Format::kPdf:
    case Format::kEpub:
    case Format::kDocx:
    case Format::kOdt:
    case Format::kEmail:
      return true;
    case Format::kText:
    case Format::kMarkdown:
    case Format::kHtml:
      return false;
  }
  return false;
}

DocumentRead read_document(Format format, std::string_view bytes, const ReadLimits& limits) {
  switch (format) {
    case Format::kPdf:
      return limits.pdf_reader.empty() ? read_pdf(bytes, limits)
                                       : read_pdf_in_reader_process(bytes, limits);
    case Format::kEpub:
      return read_epub(bytes, limits);
    case Format::kDocx:
      return read_docx(bytes, limits);
    case Format::kOdt:
      return read_odt(bytes, limits);
    case Format::kEmail:
      return read_email(bytes, limits);
    case Format::kText:
    case Format::kMarkdown:
    case Format::kHtml:
      break;
  }
  return document_detail::refused("not a document format");
}

}  // namespace longjing
