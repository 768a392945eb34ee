// The Highlighter: finds where a query matched in a document's original text (through the
// same Analyzer that indexed it) and cuts the best passage around the matches.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
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

// The passages of one text, and which patterns matched anywhere in it.
struct Passages {
  std::vector<Snippet> snippets;             // in text order; never overlapping
  std::vector<std::size_t> matched_patterns;  // indices into the Highlighter's patterns
};

class Highlighter {
 public:
  // `analyzer` must outlive the Highlighter.
  Highlighter(const Analyzer& analyzer, std::vector<HighlightPattern> patterns);

  const std::vector<HighlightPattern>& patterns() const { return patterns_; }

  // The whole of `text` with every match marked (for titles). When `matched` is not null,
  // the indices of the patterns found are appended to it.
  Snippet highlight(std::string_view text, std::vector<std::size_t>* matched = nullptr) const;

  // Up to `count` passages of at most `max_width` columns each (a CJK or full-width
  // character takes two), chosen by the weight of the distinct patterns they hold (rarer
  // patterns weigh more), whitespace collapsed, cut at word boundaries, with "…" where
  // text was left out. Without a match: one passage from the text's beginning.
  Passages best_passages(std::string_view text, std::size_t max_width, std::size_t count) const;

  // The single best passage (best_passages with count 1).
  Snippet best_passage(std::string_view text, std::size_t max_width) const;

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
  std::unordered_set<std::string> wanted_terms_;  // plain terms the patterns use
  std::unordered_set<std::string> wanted_stems_;  // stems (from "Z" terms) they use
  static constexpr std::size_t kStemHeadBytes = 3;
  std::unordered_set<std::string> wanted_stem_heads_;  // their first kStemHeadBytes bytes
};

}  // namespace longjing
