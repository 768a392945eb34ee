// The Highlighter: finds where a query matched in a document's original text (through the
// same Analyzer that indexed it) and cuts the best passage around the matches.
//
// Analyzing a text costs far more than the rest of a search, so a cheap pre-scan of the
// raw bytes first finds where a match can start (something every form of the pattern's
// first term must contain: a word starting with the first bytes of the term or stem, or a
// character that normalizes to one of them), and only windows around those places are
// analyzed, cut where analysis restarts cleanly. The matches, hence the output, are the
// same as from analyzing the whole text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
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

// A highlight as scripts read it: bytes of the UTF-8 text and characters (code points,
// Python's and JavaScript's string indices), both half-open.
struct HighlightOffsets {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t char_start = 0;
  std::size_t char_end = 0;
};

// Every span of `snippet`, in order, with its character offsets as well.
std::vector<HighlightOffsets> highlight_offsets(const Snippet& snippet);

// The passages of one text, and which patterns matched anywhere in it.
struct Passages {
  std::vector<Snippet> snippets;              // in text order; never overlapping
  std::vector<std::size_t> matched_patterns;  // indices into the Highlighter's patterns
};

// Finds a query's matches in a document's text and cuts passages around them; built once
// per search from the query's patterns, used for every hit (read-only, so shareable).
class Highlighter {
 public:
  // `analyzer` must outlive the Highlighter.
  Highlighter(const Analyzer& analyzer, std::vector<HighlightPattern> patterns);

  const std::vector<HighlightPattern>& patterns() const { return patterns_; }

  // The whole of `text` with every match marked (for titles; in a text of more than 256 KiB
  // of matches' surroundings, the first ones). When `matched` is not null,
  // the indices of the patterns found are appended to it.
  Snippet highlight(std::string_view text, std::vector<std::size_t>* matched = nullptr) const;

  // Up to `count` passages of at most `max_width` columns each (a CJK or full-width
  // character takes two), chosen by the weight of the distinct patterns they hold (rarer
  // patterns weigh more), whitespace collapsed, cut at word boundaries, with "…" where
  // text was left out. Without a match: one passage from the text's beginning. Matches
  // are looked for in the text's first 8 MiB, and at most 256 KiB around them analyzed
  // (highlighter.cc), so a huge text costs no more than a large one; matched_patterns
  // says what was found there.
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

  struct Wanted;  // the terms the patterns use and what the pre-scan looks for

  // The byte ranges of `text` that analysis starts from (highlighter.cc).
  std::vector<std::pair<std::size_t, std::size_t>> scan_windows(std::string_view text) const;

  friend struct HighlighterInternals;  // the tests' view of the scan (highlighter_internals.h)

  const Analyzer& analyzer_;
  std::vector<HighlightPattern> patterns_;
  std::shared_ptr<const Wanted> wanted_;
  bool whole_text_ = false;  // analyze the whole text, not windows (to compare them)
};

}  // namespace longjing
