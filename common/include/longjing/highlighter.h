// The Highlighter: finds where a query matched in a document's original text (through the
// same Analyzer that indexed it) and cuts the best passage around the matches.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/query_builder.h"

namespace longjing {

class Analyzer;

// A highlighted range, in bytes of Snippet::text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Text to show, with the ranges to highlight: sorted, disjoint, never splitting a
// character. Adjacent CJK matches are merged into one span.
struct Snippet {
  std::string text;
  std::vector<Span> spans;
};

class Highlighter {
 public:
  // `analyzer` must outlive the Highlighter.
  Highlighter(const Analyzer& analyzer, std::vector<HighlightPattern> patterns);

  // The whole of `text` with every match marked (for titles).
  Snippet highlight(std::string_view text) const;

  // The passage of at most `max_chars` characters with the most weight of distinct
  // matched patterns, whitespace collapsed, cut at word boundaries, with "…" where text
  // was left out. Without a match: the text's beginning.
  Snippet best_passage(std::string_view text, std::size_t max_chars) const;

 private:
  // A match in the original text: byte range and which pattern matched.
  struct Match {
    std::size_t begin;
    std::size_t end;
    std::size_t pattern;
  };
  std::vector<Match> find_matches(std::string_view text) const;

  const Analyzer& analyzer_;
  std::vector<HighlightPattern> patterns_;
};

}  // namespace longjing
