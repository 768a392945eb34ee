// Shared by the document fuzz targets (pdf_fuzz, epub_fuzz, docx_fuzz, odt_fuzz,
// email_fuzz): the limits they read under, small enough that fuzzing meets them, and the
// contract every DocumentRead must keep besides "no crash, no sanitizer report, no leak":
// an article or a non-empty problem; every Article field valid UTF-8; a date empty or a
// real "YYYY-MM-DD" day; a body within max_text_bytes; a body or a title.
#pragma once

#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "longjing/documents.h"
#include "longjing/schema.h"
#include "longjing/utf8.h"

namespace longjing::fuzz {

inline ReadLimits fuzz_limits() {
  ReadLimits limits;
  limits.max_unpacked_bytes = 1 << 20;
  limits.max_entries = 64;
  limits.max_text_bytes = 256 << 10;
  limits.max_pdf_pages = 20;
  limits.max_pdf_seconds = 5;
  return limits;
}

inline void check_read(const DocumentRead& read, const ReadLimits& limits, std::string_view input) {
  if (!read.article) {
    require(!read.problem.empty(), "neither an article nor a problem", input);
    return;
  }
  const Article& a = *read.article;
  for (const std::string* field :
       {&a.path, &a.title, &a.date, &a.source, &a.language, &a.url, &a.body, &a.dropped_date}) {
    require(is_valid_utf8(*field), "Article field not valid UTF-8", input);
  }
  require(a.date.empty() || (a.date.size() == 10 && !schema::compact_date(a.date).empty()),
          "date neither empty nor a real YYYY-MM-DD day", input);
  require(a.body.size() <= limits.max_text_bytes, "body past max_text_bytes", input);
  require(a.body.find_first_not_of(" \t\r\n") != std::string::npos ||
              a.title.find_first_not_of(" ") != std::string::npos,
          "a document with neither text nor title accepted", input);
  for (const std::string& caveat : read.caveats) require(!caveat.empty(), "empty caveat", input);
}

}  // namespace longjing::fuzz
