// Ranking: the weighting scheme and the boosts that order the matches of a query
// (docs/ranking.md says why each choice was made, with its measurement).
//
// Matching is decided by the parsed query; ranking never changes the match set. It adds
//   * the word as typed: a word the parser searched as its stem (Z term) is searched as
//     the stem AND_MAYBE its typed forms, so a document holding "robots" outranks one
//     holding only "robotic" for the query `robots`, and the name typed outranks the
//     aliases the alias table adds for it (ranking_query);
//   * nearness: the best matches by that score are reordered by how close the words of
//     the query's AND group stand in each (as a phrase, within a clause, within a
//     sentence, in the order typed): their score is multiplied by nearness()'s factor,
//     and those holding the words in order within a sentence come first: for words not
//     CJK, the likelier a reader who remembers one of their sentences types these words,
//     the higher (sentence_chance()); for Chinese, the more often for their length.
//     Done after the match, on the top nearness_depth hits only, so its cost does not
//     grow with the matches.
// Both leave out words so frequent that they tell the documents apart no more than they
// cost to read ("the", a stem whose only form is the one typed).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace longjing {

// The constants ranking uses; the values are the measured ones (docs/ranking.md).
struct RankingParams {
  double k1 = 0.8;                   // BM25 term-frequency saturation
  double b = 0.9;                    // BM25 document-length normalization
  double min_normlen = 0.0;          // BM25's floor on a document's length / the average
                                     // (Xapian's default 0.5 made short documents tie)
  double typed_scale = 1.0;          // weight of a word's typed form, added to its stem's
  double alias_scale = 0.5;          // weight of a name the alias table put beside the typed one
  double typed_share_limit = 0.9;    // no typed boost when the typed form has this share
                                     // of the stem's documents or more: it tells nothing
  double phrase_boost = 2.0;         // added to the factor when the words form the phrase
  double clause_boost = 1.0;         // ... when all of them stand within clause_window
  unsigned clause_window = 8;        // positions
  double sentence_boost = 1.0;       // ... when all of them stand within sentence_window
  unsigned sentence_window = 30;     // positions
  double order_boost = 1.0;          // ... when they stand there in the order typed
  double title_boost = 1.0;          // added to the factor when the title holds every word
  double script_boost = 0.05;        // ... when the article is in the script the query's
                                     // Chinese is typed in (长安, not 長安)
  double run_share = 0.5;            // of readers who type words of a sentence, the share
                                     // typing consecutive ones (sentence_chance())
  unsigned nearness_depth = 100;     // how many of the best matches nearness reorders
  double near_frequent_share = 0.8;  // words in this share of the documents (of those not
                                     // in Chinese, for a word not CJK) or more,
  double near_frequent_wdf = 10;     // and standing this many times in each on average,
                                     // are left out of nearness ("the": long positions)
};

// The parameters in force.
inline constexpr RankingParams kRanking{};

// BM25 with kRanking's k1, b and min_normlen.
Xapian::BM25Weight ranking_weight();

// One word of the query's AND group, for nearness.
struct NearWord {
  std::string term;  // its positional term (the typed form)
  unsigned offset;   // its place among the group's words, from 0
};

// What ranking needs to know of a parsed query, learnt right after parsing.
struct RankingTerms {
  // Each stem term (Z…) of the query and the forms typed for it.
  std::map<std::string, std::vector<std::string>> typed_forms;
  // The words of the query's first AND group of two words or more, in the order typed;
  // empty when there is none (one word, a phrase, OR, Chinese only).
  std::vector<NearWord> near_words;
  // description_without_positions() of each alias name's query, other than the name typed.
  std::set<std::string> alias_queries;
  // The title-field terms (S…) of every word and phrase the query requires (its typed
  // forms); empty when it requires none by itself (an OR of alternatives).
  std::vector<std::string> title_terms;
  // The language term (L…) of the script the query's Chinese is typed in (typed_script in
  // script.h), held by the articles written in it; empty when the query tells no script.
  std::string script_term;
  // The language term of the other script, held by the articles written in it; empty
  // when script_term is.
  std::string other_script_term;
};

// Xapian's description of `q` without the query positions of its terms ("Zunitre@3" →
// "Zunitre"), so a name parsed alone compares equal to the same name inside a query.
std::string description_without_positions(const Xapian::Query& q);

// Reads `parsed` for ranking; `typed_forms` gives each body stem term (Z…) the forms the
// user typed for it (query/to_xapian.h). alias_queries is left for the caller to fill.
RankingTerms ranking_terms(const Xapian::Query& parsed,
                           const std::map<std::string, std::vector<std::string>>& typed_forms);

// `parsed` with the typed-form boost for every stem of `terms` whose typed forms are
// rarer in `db` than the stem by kRanking.typed_share_limit, and the names of alias groups other
// than the one typed weighed by alias_scale. Matches exactly what `parsed` matches.
Xapian::Query ranking_query(const Xapian::Query& parsed, const RankingTerms& terms,
                            const Xapian::Database& db);

// How near the words of a query stand in one document.
struct Nearness {
  double factor = 1;         // 1 plus the boosts that applied (nearness())
  std::size_t in_order = 0;  // the places where they stand in the order typed within the
                             // sentence window: the positions of the first word that
                             // start them
  // Read only when nearness() is given the document's sentences: the chance that a reader
  // who remembers one of its sentences types these words, times its number of sentences
  // (sentence_chance()). 0 otherwise.
  double sentence_chance = 0;
  std::size_t sentences = 0;   // the sentences holding the words in order
  std::uint32_t shortest = 0;  // the length in words of the shortest of them
};

// The chance, summed over the sentences, that a reader who remembers a sentence and types
// `n` of its words, either `span` consecutive ones with stop words among them (a share
// kRanking.run_share of readers) or `n` anywhere in order, types the words of `lists` (each sorted;
// they are the positions of the query's words, in the order typed, and `phrase_offsets` their
// offsets from the first). `bounds` is the sorted list of the sentences' bounds
// (schema::decode_sentence_bounds of value schema::kSentencesSlot): for each, its first position
// and that plus its length, at least through the sentence holding the smallest of the lists' last
// positions (no sentence after it holds every word). In a sentence of m words holding them, that
// is run_share times the phrases there over the m - span + 1 runs, plus the rest times the ways
// they stand there in order over the C(m, n) choices of n words. Only the sentences holding a
// place of the shortest list are looked at. Fills the Nearness fields sentence_chance, sentences
// and shortest (untouched when a list is empty).
void sentence_chance(const std::vector<std::vector<Xapian::termpos>>& lists,
                     const std::vector<unsigned>& phrase_offsets,
                     const std::vector<Xapian::termpos>& bounds, Nearness& out);

// How near `words` stand in a document, given each one's positions there (`lists`, each
// sorted), and, given its sentences' bounds, their sentence_chance there. Its factor is 1, plus
// phrase_boost when the words stand at their offsets from one another, plus clause_boost and
// sentence_boost when all of them stand within those windows, plus order_boost when they stand
// within the sentence window in the order typed (in_order > 0). A word typed twice must stand twice
// in a window ("gpio gpio"), and in order at both places. A factor of 1 and no place in order when
// a list is empty. When `reasons` is not null, the name of each part that applied is appended to
// it ("phrase", "within 8", "within 30", "in order"). REQUIRES: words.size() >= 2, lists.size() ==
// words.size(). `bounds` is as sentence_chance() takes it, or null where the chance does not apply
// (CJK words, whose sentence ends are not recorded, or none recorded).
Nearness nearness(const std::vector<std::vector<Xapian::termpos>>& lists,
                  const std::vector<NearWord>& words, const std::vector<Xapian::termpos>* bounds,
                  std::vector<std::string>* reasons = nullptr);

// One match in ranking order.
struct RankedMatch {
  Xapian::MSetIterator match;        // into the MSet it came from
  double score = 0;                  // its weight, times `factor`
  int percent = 0;                   // relative to the best match, which keeps Xapian's percent
  double factor = 1;                 // what nearness and the title multiplied its weight by
  double tier = 0;                   // what orders it first: the title and script boosts,
                                     // or, where sentences are not recorded, `factor`
  double in_order_density = 0;       // then this: Nearness::sentence_chance, or where
                                     // sentences are not recorded Nearness::in_order, per
                                     // term of the document's length
  std::vector<std::string> reasons;  // why: "phrase", "within 8", "within 30", "in order",
                                     // "2× in 340 terms" (places in order, the length), "title",
                                     // "script typed"
};

// For each of `docids`, whether the document holds every one of `terms` (all false when
// there are none).
std::vector<bool> holding_all(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                              const std::vector<std::string>& terms);

// The value in `slot` of each of `docids` ("" where there is none); one walk of the slot's
// values in docid order.
std::vector<std::string> values_of(const Xapian::Database& db,
                                   const std::vector<Xapian::docid>& docids, Xapian::valueno slot);

// The length of each of `docids` (Xapian's document length: the sum of its terms' wdf), 0
// for a document the database does not hold; one walk of the lengths in docid order.
std::vector<Xapian::termcount> document_lengths(const Xapian::Database& db,
                                                const std::vector<Xapian::docid>& docids);

// The number of positions of body-space `term` in each of `docids` (0 where it is not):
// its wdf, plus the places where it stands as the base of a possessive, which the analyzer
// indexes without wdf.
std::vector<Xapian::termcount> position_counts(const Xapian::Database& db,
                                               const std::vector<Xapian::docid>& docids,
                                               const std::string& term);

// True when order_by_nearness() can change the order of `terms`' matches: two words or
// more for nearness, title terms or a script term.
bool reorders(const RankingTerms& terms);

// The matches of `mset`, which must start at rank 0, in ranking order. The first
// nearness_depth of them are weighed again: weight times nearness()'s factor of the
// words of terms.near_words that are not frequent in `db`, times 1 + title_boost when the
// title holds all of terms.title_terms (unless the article holds terms.other_script_term:
// its title holds them in the other script), times 1 + script_boost when the article holds
// terms.script_term. Of them, those holding the words in the order typed within a
// sentence come first: where the words are not CJK and the documents record their
// sentences, by the title and script factors, then by sentence_chance() per term of the
// document's length (of two articles holding a remembered sentence, the one likelier to
// give the words typed); otherwise by that factor, then by their in_order_density (of
// two articles holding a remembered sentence, the one it is a larger share of); then by
// score. The others follow by score (ties keep Xapian's order), and a match placed above one of a
// higher score takes that score, so scores fall with the rank. A score only grows, so
// every reordered match still outranks every match after them, which keep Xapian's
// order. Xapian's order when reorders(terms) is false. Only the first `needed` places are
// exact (0: all of them): the positions of a match that could not reach them even at the
// most nearness and density its title, script and words' counts allow are not read (for
// the chance of its sentences, at the most its sentences holding its rarest word allow,
// read from that word's positions alone), and it is placed by its weight and title
// alone. The matches' reasons are filled only
// `with_reasons` (--explain).
std::vector<RankedMatch> order_by_nearness(const Xapian::Database& db, const Xapian::MSet& mset,
                                           const RankingTerms& terms, std::size_t needed,
                                           bool with_reasons);

}  // namespace longjing
