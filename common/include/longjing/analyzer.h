// The Analyzer: the one tokenizer that indexing, querying and highlighting share. If they
// ever tokenized differently, matches would be lost silently (docs/architecture.md, "Tokens and
// positions").
//
// Text is normalized for matching (normalizer.h), then split into CJK runs and other runs:
//  - other runs become words by Xapian's TermGenerator rules (letters, digits, marks and
//    connector punctuation; infix ' & · between letters, . , between digits; up to three
//    trailing + or # as in c++ and c#), each with an English stem;
//  - a CJK run of n characters gives the n−1 bigrams at positions p..p+n−2 and the n
//    unigrams at p..p+n−1, a unigram positional only at an end of the run where another
//    token follows at the next position (机器狗Go2: 狗; not before punctuation or at the
//    text's ends). The index keeps a unigram only at the run's end or where it is
//    positional: inside the run, the bigram starting at the character stands for it, so a
//    character is found as itself or as the first of a bigram (Token::indexed).
// One position counter runs through both kinds of run, so mixed phrases match exactly;
// punctuation between two tokens (anything but white space and hyphens) leaves one
// position free, so that no phrase spans it; the end of a sentence (. ! ? or ; before white
// space or the text's end, or a blank line) leaves kSentenceGap, so that words of two
// sentences are never "near" for ranking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace longjing {

// Positions left free at the end of a sentence: at least the widest nearness window of
// ranking (30 words), so that window holds words of one sentence only (docs/ranking.md).
inline constexpr std::uint32_t kSentenceGap = 30;

// One term occurrence.
struct Token {
  enum class Kind : std::uint8_t {
    kWord,        // a word of a non-CJK run
    kCjkBigram,   // two adjacent CJK characters
    kCjkUnigram,  // one CJK character
  };
  Kind kind = Kind::kWord;
  bool positional = true;      // false: index the term without this position
  bool alternative = false;    // another reading of the previous token at its position
                               // ("kernel" for "kernel's"): indexed without adding length
  bool indexed = true;         // false: a unigram inside a CJK run, left out of the index
                               // (the bigram at its position begins with it)
  std::uint32_t position = 0;  // the token's position (meaningful even if !positional)
  std::string term;            // normalized term, without any prefix
  std::string stem;            // English stem for kWord tokens Xapian would stem; else empty
  std::size_t begin = 0;       // byte range of the token in the original text
  std::size_t end = 0;
};

// What to produce besides the terms every caller needs.
struct AnalyzeOptions {
  bool stems = true;  // fill Token::stem (indexing and highlighting)
  // When not null, receives two positions for each sentence that holds a non-CJK word,
  // in order: the position of its first token, and that position plus the number of
  // positions its tokens take (its length in words, CJK characters counted one each,
  // punctuation not). The second is below the next sentence's first position, so the
  // pairs read back from a sorted list (indexing: schema::kSentencesSlot).
  std::vector<std::uint32_t>* sentence_bounds = nullptr;
};

// Receives tokens in order of position.
using TokenSink = std::function<void(const Token&)>;

// Not thread-safe (its Xapian stemmer keeps state between calls): use one Analyzer per
// thread. Cheap to construct.
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Tokenizes `text`, numbering positions from `first_position`, and feeds `sink`.
  // Returns the first position after the text's last token. Never throws on any input:
  // ill-formed UTF-8 is read as U+FFFD.
  std::uint32_t analyze(std::string_view text, std::uint32_t first_position,
                        const AnalyzeOptions& options, const TokenSink& sink) const;

  // Convenience: all tokens of `text` from position 1.
  std::vector<Token> tokens(std::string_view text, const AnalyzeOptions& options = {}) const;

  // The English stem of a normalized word, or "" when Xapian's STEM_SOME would not stem
  // it (words that do not start with a letter).
  std::string stem(std::string_view word) const;

  // Builds the process-wide data ICU loads lazily on first use (normalization). Call once
  // before Analyzers start on several threads, so that they do not race to build it.
  static void load_shared_data();

  struct Impl;  // internal: the stemmer

 private:
  std::unique_ptr<Impl> impl_;
};

// True when text contains at least one CJK character (script.h's is_cjk).
bool contains_cjk(std::string_view text);

}  // namespace longjing
