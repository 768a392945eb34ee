// read_pdf: PDF through poppler-cpp. Text page by page in reading order (poppler's
// non_raw_non_physical_layout), pages separated by a blank line; metadata from the
// document information dictionary (Title, Author, CreationDate else ModDate). Bounded by
// ReadLimits: pages, text bytes, and wall-clock time checked between pages. Poppler's own
// messages are silenced (the file's problem is reported once, by name, by the caller).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <chrono>
#include <climits>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>

#include "ingest/document_detail.h"
#include "ingest/front_matter.h"
#include "longjing/documents.h"

namespace longjing {
namespace {

void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

std::string utf8_of(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

// A time_t from the document information as "YYYY-MM-DD" (UTC), or "" when absent.
std::string iso_date(std::time_t when) {
  if (when == static_cast<std::time_t>(-1) || when <= 0) return {};
  std::tm tm{};
  if (::gmtime_r(&when, &tm) == nullptr) return {};
  char buf[16];
  if (std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm) == 0) return {};
  return buf;
}

// Page text as lines: poppler ends lines with "\n" and pages with a form feed; both
// become ends of line, and trailing blanks go.
void append_page(std::string& body, std::string text) {
  for (char& c : text) {
    if (c == '\f' || c == '\r') c = '\n';
  }
  const std::string_view trimmed = format_detail::trim(text);
  if (trimmed.empty()) return;
  if (!body.empty()) body += "\n\n";
  body += trimmed;
}

}  // namespace

DocumentRead read_pdf(std::string_view bytes, const ReadLimits& limits) {
  using document_detail::refused;
  silence_poppler();
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return refused("PDF too large for poppler");
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    return refused("not a PDF (no %PDF- header)");
  }
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return refused("damaged PDF (poppler cannot read it)");
  if (doc->is_locked()) return refused("encrypted PDF (it needs a password to open)");

  Article article;
  article.title = utf8_of(doc->get_title());
  article.source = utf8_of(doc->get_author());
  article.date = iso_date(doc->get_creation_date_t());
  if (article.date.empty()) article.date = iso_date(doc->get_modification_date_t());

  std::vector<std::string> caveats;
  const int pages = doc->pages();
  if (pages <= 0) return refused("damaged PDF (no pages)");
  article.pages = static_cast<std::uint32_t>(pages);
  const int readable = std::min(pages, limits.max_pdf_pages);
  if (readable < pages) {
    caveats.push_back("read the first " + std::to_string(readable) + " of " +
                      std::to_string(pages) + " pages (the limit)");
  }
  for (int i = 0; i < readable; ++i) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed.count() > limits.max_pdf_seconds) {
      return refused("PDF took longer than " +
                     std::to_string(static_cast<int>(limits.max_pdf_seconds)) +
                     " s to read (stopped at page " + std::to_string(i + 1) + " of " +
                     std::to_string(pages) + ")");
    }
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    append_page(article.body,
                utf8_of(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
    if (article.body.size() > limits.max_text_bytes) break;  // finish() cuts and says so
  }
  if (format_detail::trim(article.title).empty()) {
    article.title = document_detail::first_heading_line(article.body);
  }
  return document_detail::finish(std::move(article), limits, std::move(caveats));
}

}  // namespace longjing
