// Internal: what the document readers (pdf_format.cc, epub_format.cc, docx_format.cc,
// odt_format.cc, email_format.cc) share. Not part of the public API.
#pragma once

#include <string>
#include <string_view>

#include "longjing/documents.h"

namespace longjing::document_detail {

// A DocumentRead that refuses the file for `problem`.
DocumentRead refused(std::string problem);

// Makes `article` fit the contract of DocumentRead: every field valid UTF-8 (ill-formed
// sequences replaced), the title made by make_title, the other metadata fields with
// whitespace collapsed, the body cut at a character boundary to limits.max_text_bytes
// (a caveat then says so), a first body line that only repeats the title dropped; a
// document with neither body text nor a title is refused as "no text in the document".
DocumentRead finish(Article article, const ReadLimits& limits,
                    std::vector<std::string> caveats = {});

// HTML or XHTML bytes (an EPUB chapter, a mail's text/html part) decoded as the HTML
// reader's input: BOM, then a <meta> declaration, then UTF-8 or detection.
std::string decode_html(std::string_view bytes);

// The first line of `body` that can stand as a title: not blank, at most 200 bytes,
// holding a letter or a CJK character, not only a date or a number; "" when the first
// ten lines hold none.
std::string first_heading_line(std::string_view body);

}  // namespace longjing::document_detail
