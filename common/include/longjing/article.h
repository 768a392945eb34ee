// The Article: one input file after its format was parsed, before analysis.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace longjing {

// The formats Longjing reads. Text formats (text, Markdown, HTML) are decoded to UTF-8
// before they are parsed (formats.h); documents (PDF, EPUB, DOCX, ODT, e-mail) are read
// from their bytes (documents.h). Chosen by the file's content where the format has a
// signature, else by its name's extension.
enum class Format { kText, kMarkdown, kHtml, kPdf, kEpub, kDocx, kOdt, kEmail };

// An article as the readers produce it and the index stores it. All strings are valid UTF-8.
struct Article {
  std::string path;      // identity: the file's absolute, lexically normal path
  std::string title;     // never empty once read: falls back to the file name
  std::string date;      // "YYYY-MM-DD", or empty when unknown
  std::string source;    // publisher or author, or empty
  std::string language;  // BCP 47 tag as given ("en", "zh-Hans", "zh-Hant", "mixed"), or empty
  std::string url;       // canonical address when the article names one, or empty
  std::string body;      // the readable text: what is indexed and what snippets quote
  // Tags the article gives itself (front matter tags/keywords, HTML <meta name=keywords>),
  // each once: searched with tag:, and as words of the text.
  std::vector<std::string> tags;
  std::uint32_t pages = 0;  // pages of a paged document (PDF); 0 for the others
  // A date the file gives that names no calendar day ("2024-02-30", "someday"): left out
  // of `date` and reported with the file's name; never stored.
  std::string dropped_date;
  // A summary the file gives (front matter description, HTML <meta name=description>):
  // parse_article puts it at the head of the body unless the body holds it; never stored.
  std::string description;
};

}  // namespace longjing
