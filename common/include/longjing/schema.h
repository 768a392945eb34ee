// The database schema, written down once (Omega's prefix conventions).
//
// Terms
//   (none)   body and title text: words with positions, CJK bigrams with positions, CJK
//            unigrams (positional at run edges), all as Analyzer terms
//   Z        English stem of a body or title word, no positions (Xapian's STEM_SOME)
//   S        title text, same analysis as the body (stems as ZS), wdf 0, no positions: the
//            title's words stand in the body space too, at the same positions, so a
//            phrase in the title is the phrase there with the S terms it needs
//   Q        id: a 64-bit hash of the file's path, 16 hex digits (a path once per document,
//            in value 4, and short keys); two paths of one hash share the term, and the
//            path value tells their documents apart
//   XP       words of the path below its root (path:corpus), analyzed like text, no
//            positions, no stems; the whole path's words for a file named alone
//   XR       the root a file was found under: a 64-bit hash of the root's path, 16 hex
//            digits. The root's own words are not repeated in each of its documents: the
//            metadata names each root term's path, and path: matches a root's word through
//            that term
//   A        words of the source/author (source:huabo), the same way
//   K        words of the tags (tag:robotics), the same way; the tags' words are also in
//            the body space, as a line after the body
//   L        language tag, lowercase, and each shorter tag it extends ("Lzh", "Lzh-hans")
// Spelling table: the stemmable words of titles and bodies that are ASCII letters only
//            (is_spelling_word; for "did you mean").
//   D Y M    date as YYYYMMDD, YYYY, YYYYMM
// Values
//   0 date YYYYMMDD (string, sortable)   1 mtime (sortable_serialise of seconds)
//   2 size in bytes (sortable_serialise) 3 content hash (hex)
//   4 path (so an update run reads every file's mtime and size in three sequential sweeps)
//   5 date YYYYMMDD, else the day of the file's mtime (local time): --mtime-dates
//   6 the sentences of the body space that hold a non-CJK word: for each, its first position
//     and its length in words (AnalyzeOptions::sentence_bounds), as encode_sentence_bounds
//     writes them. Ranking reads a sentence's length there (docs/ranking.md); a value, not
//     positions of a term, since a document's value is read without decoding a list
// Document data
//   The article's shown fields but its path (encode_article: versioned, length-prefixed);
//   the path, content hash, mtime and size are kept once, in values 4, 3, 1 and 2.
// Metadata
//   "longjing:schema" = kSchemaVersion; a database with another version is refused.
//   "longjing:aliases:<root>" = the alias table of the *.aliases files under that root.
//   "longjing:roots" = the roots; "longjing:settings:<root>" = what a root was indexed with.
//   "longjing:root:<XR term>" = the path of the root that term stands for.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/article.h"

namespace longjing::schema {

// 1: first version. 2: Latin accents folded in every term (café and cafe are one term), so
// an index of version 1 would miss accented words typed without their accents. 3: the
// document data no longer repeats the path, hash, mtime and size its values hold; the id
// term is a hash of the path, not the path; no ICU dictionary words (XW) are indexed (their
// ranking boost changed no known-item figure: docs/ranking.md). 4: a CJK unigram is indexed
// only at the end of its run or where it has a position (analyzer.h); a lone character is
// searched as the prefix of its unigram and bigrams, which a version 3 index would answer
// alike but with other document lengths. 5: title (S) terms have no positions (a phrase in
// title: is read in the body space, where the title's words stand at the same positions),
// so a version 4 searcher would find no title phrase in a version 5 index; a document holds
// the words of its path below its root (XP) and its root's term (XR), not its root's words.
// 6: the bounds of sentences (value 6), which ranking orders by; a semicolon and a blank line
// end a sentence, as . ! and ? do, so positions differ from version 5's.
inline constexpr int kSchemaVersion = 6;
inline constexpr std::string_view kSchemaKey = "longjing:schema";
// Metadata: "longjing:aliases:<root>" = the alias table of the *.aliases files found under
// indexed directory <root> (alias_table.h's text form).
inline constexpr std::string_view kAliasesKey = "longjing:aliases";
// The roots the index was built from (the files and directories given to the indexer, as
// canonical absolute paths), one per line, in the order first given; every shard keeps it.
inline constexpr std::string_view kRootsKey = "longjing:roots";
// "longjing:settings:<root>" = the settings root <root> was last indexed with, one per line:
// "max-file-size BYTES", then "exclude PATTERN" for each pattern; every shard keeps them.
inline constexpr std::string_view kRootSettingsKey = "longjing:settings";
// "longjing:root:<XR term>" = the canonical path of the root whose documents hold that term;
// written with the first document under the root, never removed (every shard keeps it).
inline constexpr std::string_view kRootTermKey = "longjing:root";

// A letter of the words the spelling table holds: ASCII only. The searcher looks for a
// correction of each run of these letters in a query (searcher.cc), and of nothing else.
constexpr bool is_spelling_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether a (normalized) title or body word goes into the spelling table: two letters or
// more, every one is_spelling_letter. A word with a digit, an underscore, a dot, an
// apostrophe or a letter of another script is never a query word the searcher corrects;
// such words were 44 % of the table's words on linuxdoc, mail and brown, and 71 % of its
// bytes (bench/RESULTS.md).
constexpr bool is_spelling_word(std::string_view word) {
  if (word.size() < 2) return false;
  for (char c : word) {
    if (!is_spelling_letter(c)) return false;
  }
  return true;
}

inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kPathWordPrefix = "XP";
inline constexpr std::string_view kRootPrefix = "XR";
inline constexpr std::string_view kSourcePrefix = "A";
inline constexpr std::string_view kTagPrefix = "K";
inline constexpr std::string_view kLanguagePrefix = "L";
inline constexpr std::string_view kDayPrefix = "D";
inline constexpr std::string_view kMonthPrefix = "M";
inline constexpr std::string_view kYearPrefix = "Y";

// What a term of the index is: the field its prefix names, and its text. parse_term is
// the one place term prefixes are read; make_term the one they are written from a kind.
enum class TermKind {
  kWord,        // (none)  a body or title word in the body space, a CJK bigram or unigram
  kStem,        // Z       the English stem of a body-space word
  kTitleWord,   // S
  kTitleStem,   // ZS
  kSourceWord,  // A
  kTagWord,     // K
  kPathWord,    // XP
  kRoot,        // XR
  kId,          // Q
  kLanguage,    // L
  kDay,         // D
  kMonth,       // M
  kYear,        // Y
  kOther,       // a prefix this schema does not define
};

struct Term {
  TermKind kind = TermKind::kWord;
  std::string_view text;  // the term without its prefix (a view into the parsed string)
};

// Reads a term's prefix: the run of ASCII capitals it starts with (Xapian's convention;
// every text this schema puts after a prefix starts otherwise).
Term parse_term(std::string_view term);

// The term of `kind` for `text` (make_term(TermKind::kTitleWord, "wukong") == "Swukong").
std::string make_term(TermKind kind, std::string_view text);

// What --explain calls a kind: "text", "stem", "title", "title stem", "source", "tag",
// "path", "root", "id", "language", "day", "month", "year", "other".
std::string_view term_kind_name(TermKind kind);

// True when the words of the field with this term prefix are indexed with their English
// stems (the text and the title); the others match word for word.
constexpr bool field_has_stems(std::string_view prefix) {
  return prefix != kPathWordPrefix && prefix != kSourcePrefix && prefix != kTagPrefix;
}

// True when the field with this term prefix has positions: the text alone. A phrase in the
// title is the body space's phrase (where the title's words stand at the same positions)
// with the title's terms; elsewhere (path:poetry-zh) it is the AND of its words.
constexpr bool field_has_positions(std::string_view prefix) { return prefix.empty(); }

inline constexpr unsigned kDateSlot = 0;
inline constexpr unsigned kMtimeSlot = 1;
inline constexpr unsigned kSizeSlot = 2;
inline constexpr unsigned kHashSlot = 3;
inline constexpr unsigned kPathSlot = 4;
inline constexpr unsigned kDateOrMtimeSlot = 5;
inline constexpr unsigned kSentencesSlot = 6;

// Title words are also indexed in the body's term space with this wdf: once, as if they
// were a line of the body. A higher wdf made every title count several times in the
// document length, so a poem with a long title lost to ones with longer verses
// (docs/ranking.md: MRR@10 on poetry 0.855 with 3, 0.872 with 1; 0.866 once a title that
// holds every word doubles the score, which ranking does after the match).
inline constexpr unsigned kTitleWdf = 1;
// The wdf of the title's own S terms: 0, so that title: matches and filters without
// counting the title in the document length a second time (title: words add nothing to
// the score; the same words in the body space do).
inline constexpr unsigned kTitleFieldWdf = 0;
// Body positions start after the title's, with this gap so no phrase spans both.
inline constexpr std::uint32_t kBodyPositionGap = 100;

// What the index stores for display: everything a hit shows, and the text snippets quote.
struct StoredDocument {
  Article article;
  // The indexed directory the file was found under (canonical, absolute, no trailing
  // slash), whose words its root term stands for; empty for a file named alone.
  std::string root;
  std::int64_t mtime = 0;    // seconds since the epoch
  std::uint64_t size = 0;    // bytes of the file
  std::string content_hash;  // hex digest of the file's bytes
};

// The id term of a path: Q + 16 hex digits of its hash, whatever the path's length. Not
// unique: a document is the path's only when its kPathSlot value is the path too.
std::string id_term(std::string_view path);

// The root term of an indexed directory: XR + 16 hex digits of its path's hash.
std::string root_term(std::string_view root);

// Root term → the root's path, as kRootTermKey's metadata records them.
using RootsByTerm = std::map<std::string, std::string>;

// The value kPathSlot holds for the document at `path`: below a root (`root` non-empty and
// holding it), byte 0x01, the 8 bytes of the root's hash (root_term's) and the path below
// the root, so that no document repeats its root's path; otherwise `path` itself.
std::string path_value(std::string_view path, std::string_view root);

// The path a kPathSlot value stands for, its root's path read from `roots`; nullopt for a
// root `roots` does not name (or a value path_value cannot have written).
std::optional<std::string> path_of_value(std::string_view value, const RootsByTerm& roots);

// The path of the document at `path` below `root`, without the root and its slash; the
// whole path when `root` is empty or does not hold it.
std::string_view path_below_root(std::string_view path, std::string_view root);

// Serializes an article for Xapian's document data: every field a hit shows but the path,
// which the document keeps in value kPathSlot.
std::string encode_article(const Article& article);

// Parses encode_article's output (with an empty path); nullopt when the data is not ours or
// is damaged.
std::optional<Article> decode_article(std::string_view data);

// Value 6 of a document: `bounds` (ascending positions, a sentence's first position and that
// plus its length, pair by pair) as varints, each the difference from the one before.
std::string encode_sentence_bounds(const std::vector<std::uint32_t>& bounds);

// Parses encode_sentence_bounds's output, the pairs up to the first whose first position
// is after `through` (that one included: it ends the sentence before it); empty when
// `value` is empty or not well formed.
std::vector<std::uint32_t> decode_sentence_bounds(std::string_view value,
                                                  std::uint32_t through = UINT32_MAX);

// "2025-02-19" → "20250219"; "" for anything that is not a valid ISO date.
std::string compact_date(std::string_view iso_date);

// The day of `seconds` since the epoch in local time, as "YYYYMMDD".
std::string compact_local_day(std::int64_t seconds);

}  // namespace longjing::schema
