// Readers of document formats that are not plain text: PDF (poppler), EPUB, DOCX and ODT
// (zip archives of XML, read with libzip and pugixml) and e-mail (.eml, one RFC 822
// message, read with GMime). Each reads the bytes of one file into an Article, or says
// why it cannot; none throws for a problem of the file itself, and each bounds what it
// unpacks (ReadLimits), so a hostile file costs at most the limits, never the machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/article.h"

namespace longjing {

// What a document reader will unpack from one file. Reaching a limit refuses the file
// (its name and the limit are reported); nothing is inflated past it.
struct ReadLimits {
  // Uncompressed bytes read from all entries of one archive together (EPUB, DOCX, ODT).
  // Entries whose declared sizes add up past it are refused before anything is inflated;
  // an entry that inflates past what its header declared is cut off at the limit.
  std::uint64_t max_unpacked_bytes = 256ull << 20;
  // Entries in one archive (an EPUB of a long book has a few hundred).
  std::uint64_t max_entries = 10000;
  // Text kept from one document, in bytes of UTF-8: a PDF of scanned pages with a text
  // layer, or a mail with an enormous body, stops being read there (and says so).
  std::uint64_t max_text_bytes = 64ull << 20;
  // Pages read from one PDF.
  int max_pdf_pages = 5000;
  // Wall-clock seconds one PDF may take: checked between pages, and, with `pdf_reader`,
  // enforced by killing the reader process (a page poppler never finishes).
  double max_pdf_seconds = 60;
  // The program that reads one PDF in a process of its own (longjing-read-pdf, built and
  // installed with the indexer; indexer finds it), so that a PDF poppler never finishes,
  // crashes on or exhausts memory with costs only that file: the process is killed after
  // max_pdf_seconds and held to max_pdf_memory bytes of address space. Empty: PDFs are
  // read in this process, their time bounded between pages only.
  std::string pdf_reader;
  // Address space the PDF reader process may take (RLIMIT_AS).
  std::uint64_t max_pdf_memory = 1ull << 30;
};

// The outcome of reading one document.
struct DocumentRead {
  std::optional<Article> article;    // none: not indexed, for `problem`
  std::string problem;               // why not: "encrypted PDF (needs a password)", ...
  std::vector<std::string> caveats;  // indexed anyway, but: "text cut at 64 MiB", ...
};

// The format `bytes` are, by their signature: "%PDF-" is PDF; a zip archive whose
// "mimetype" entry says application/epub+zip is EPUB, one whose "mimetype" says
// application/vnd.oasis.opendocument.text is ODT, one with "[Content_Types].xml" and
// "word/document.xml" is DOCX. Else the format the file's name gave (`by_name`): e-mail,
// text, Markdown and HTML have no signature that text cannot also start with. Reads
// only the archive's directory, never inflates an entry beyond "mimetype"'s first bytes.
Format sniff_format(std::string_view bytes, Format by_name);

// True for the formats read_document reads (PDF, EPUB, DOCX, ODT, e-mail); false for the
// text formats of formats.h.
bool is_document_format(Format format);

// Reads one file's `bytes` as `format` (a document format) within `limits`. The
// Article's fields are valid UTF-8; its title is empty when the document has none (the
// caller falls back to the file name). Never throws for bad input (beyond
// std::bad_alloc).
DocumentRead read_document(Format format, std::string_view bytes, const ReadLimits& limits = {});

// The single readers, as read_document calls them (also for tests and fuzzing).
// PDF: the text of every page in reading order; title, author, creation date from the
// document information (the title falls back to the first short line of the first
// page). Encrypted PDFs that need a user password and files poppler cannot load are
// refused.
DocumentRead read_pdf(std::string_view bytes, const ReadLimits& limits);
// read_pdf in the process limits.pdf_reader names (see ReadLimits), with the same result;
// a reader that runs past max_pdf_seconds is killed and the PDF refused, as is one that
// dies or answers nonsense. What read_document calls for a PDF when pdf_reader is set.
DocumentRead read_pdf_in_reader_process(std::string_view bytes, const ReadLimits& limits);

// The reader process's side of read_pdf_in_reader_process: its answer for a DocumentRead,
// written to its standard output, and the parent's reading of it (nullopt: not an answer).
std::string encode_pdf_answer(const DocumentRead& read);
std::optional<DocumentRead> decode_pdf_answer(std::string_view answer);
// EPUB 2 and 3: dc:title, dc:creator, dc:date, dc:language of the OPF package; the body
// is the text of the spine's XHTML documents in spine order, through parse_html.
DocumentRead read_epub(std::string_view bytes, const ReadLimits& limits);
// DOCX: paragraphs (headings included) and table rows of word/document.xml, one line
// each, cells joined by " | "; dc:title, dc:creator, dcterms:created (else modified) of
// docProps/core.xml.
DocumentRead read_docx(std::string_view bytes, const ReadLimits& limits);
// ODT: paragraphs, headings, list items and table rows of content.xml's office:text;
// dc:title, meta:initial-creator (else dc:creator), meta:creation-date (else dc:date)
// of meta.xml.
DocumentRead read_odt(std::string_view bytes, const ReadLimits& limits);
// E-mail (one RFC 822 / MIME message): Subject as title and From as source (RFC 2047
// encoded words decoded, any charset iconv knows: GBK, GB2312, Big5...), Date as date,
// Content-Language as language; the body is the first text/plain part that is not an
// attachment (within multipart/alternative, text/plain before text/html), else the
// first text/html part through parse_html. Attachments are never the body.
DocumentRead read_email(std::string_view bytes, const ReadLimits& limits);

}  // namespace longjing
