// One parser per input format: bytes of one file (already valid UTF-8) → Article fields.
// The parsers never fail: whatever they cannot interpret stays in the body as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "longjing/article.h"

namespace longjing {

// The format a file name implies (case-insensitive): .txt/.text → text, .md/.markdown →
// Markdown, .html/.htm/.xhtml → HTML, .pdf → PDF, .epub → EPUB, .docx → DOCX, .odt →
// ODT, .eml → e-mail; nullopt for anything else. The content may overrule it
// (sniff_format in documents.h).
std::optional<Format> format_for_path(std::string_view path);

// Plain text. The first non-empty line that is not a date, a bare number or a
// "Produced by | X" line is the title; a leading date line (02/19 2025, 2025-02-19,
// 2025年2月19日) gives the date; "Produced by | X" or "Source: X" gives the source. Header
// lines that became metadata are dropped from the body; the title line stays in it.
Article parse_text(std::string_view content);

// Markdown with optional YAML front matter between "---" lines (title, date, source or
// author, language or lang, url, tags). The body is the rendered text without markup;
// the title falls back to the first heading.
Article parse_markdown(std::string_view content);

// HTML: <title> (else the first <h1>), <meta name=date|author|description|...>,
// <html lang>, and the visible body text without script, style, nav, header, footer.
Article parse_html(std::string_view content);

// Dispatches to the parser of `format` (a text format: a document format is read as
// text), then drops a first body line that only repeats
// the title (the title is indexed and shown on its own).
Article parse_article(Format format, std::string_view content);

}  // namespace longjing
