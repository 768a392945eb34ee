// Ranking: the weighting scheme and the boosts that order the matches of a query
// (docs/ranking.md says why each choice was made, with its measurement).
//
// Matching is decided by the parsed query; ranking_query() keeps exactly its match set and
// adds, as pure boosts,
//   * the word as typed: a word the parser searched as its stem (Z term) is searched as
//     the stem OR its typed forms, the typed form weighted higher, so a document holding
//     "robots" outranks one holding only "robotic" for the query `robots`;
//   * nearness: the words of one AND group (the default operator) found as a phrase, all
//     of them within a clause (8 positions), and all within a sentence (30), each add to
//     the score.
#pragma once

#include <xapian.h>

namespace longjing {

// The constants ranking uses; the defaults are the measured ones (docs/ranking.md).
struct RankingParams {
  double k1 = 1.2;             // BM25 term-frequency saturation (Lucene's)
  double b = 0.75;             // BM25 document-length normalization (Lucene's)
  double stem_scale = 1.0;     // weight of a word's stem term
  double typed_scale = 1.0;    // weight of the word's typed form, added to the stem's
  double phrase_scale = 1.0;   // weight of the group's words found as a phrase
  double near_scale = 1.0;     // weight of the group's words found within near_window
  unsigned near_window = 8;    // positions: a clause
  double wide_scale = 1.0;     // weight of the group's words found within wide_window
  unsigned wide_window = 30;   // positions: about a sentence
};

// The parameters in force.
const RankingParams& ranking_params();

// BM25 with ranking_params()'s k1 and b.
Xapian::BM25Weight ranking_weight();

// `parsed` with the ranking boosts above; `parser` is the QueryParser that produced it
// (its unstem list gives each stem's typed forms). Returns `parsed` unchanged where it
// holds nothing to boost. Never changes which documents match.
Xapian::Query ranking_query(const Xapian::Query& parsed, const Xapian::QueryParser& parser);

}  // namespace longjing
