#include "longjing/analyzer.h"

#include <unicode/uchar.h>
#include <xapian.h>

#include "longjing/normalizer.h"
#include "longjing/script.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

// Xapian's TermGenerator ignores longer words; so do we, so queries agree.
constexpr std::size_t kMaxWordBytes = 64;

bool is_digit(char32_t cp) {
  return cp < 0x80 ? (cp >= '0' && cp <= '9')
                   : u_charType(static_cast<UChar32>(cp)) == U_DECIMAL_DIGIT_NUMBER;
}

// Characters that join two word characters into one word (Xapian's check_infix).
bool is_letter_infix(char32_t cp) {
  return cp == '\'' || cp == '&' || cp == 0xB7 || cp == 0x5F4 || cp == 0x2027 || cp == 0x2019 ||
         cp == 0x201B;
}

// Characters that join two digits into one number (Xapian's check_infix_digit).
bool is_digit_infix(char32_t cp) {
  return cp == ',' || cp == '.' || cp == ';' || cp == 0x37E || cp == 0x589 || cp == 0x60D ||
         cp == 0x7F8 || cp == 0x2044 || cp == 0xFE10 || cp == 0xFE13 || cp == 0xFE14;
}

// Whether the line is still blank after `cp`, given whether it was before: a line break
// starts one, and spaces, tabs and returns keep it so. A second line break on a blank
// line makes a blank line, which ends a sentence.
bool blank_after(bool line_blank, char32_t cp) {
  return cp == '\n' || (line_blank && (cp == ' ' || cp == '\t' || cp == '\r'));
}

// True for characters between words that a phrase must not span: all but white space
// and hyphens ("e-mail" and "free-software" stay phrases, as in Xapian).
bool breaks_phrases(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return false;
  if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0xAD) return false;
  if (cp < 0x80) return true;
  const auto type = u_charType(static_cast<UChar32>(cp));
  return type != U_SPACE_SEPARATOR && type != U_LINE_SEPARATOR && type != U_PARAGRAPH_SEPARATOR &&
         type != U_FORMAT_CHAR;
}

// The byte range of a character of the normalized text.
struct Char {
  std::size_t begin;
  std::size_t end;
};

}  // namespace

struct Analyzer::Impl {
  Xapian::Stem stemmer{"english"};
};

namespace {

// Runs the tokenization over one normalized text; positions shared across runs.
class Tokenizer {
 public:
  Tokenizer(const Analyzer& analyzer, const NormalizedText& text, const AnalyzeOptions& options,
            const TokenSink& sink, std::uint32_t position)
      : analyzer_(analyzer), text_(text), options_(options), sink_(sink), position_(position) {}

  std::uint32_t run() {
    const std::string_view s = text_.text;
    const std::uint32_t first = position_;
    bool punctuation = false;   // seen since the last token
    bool sentence_end = false;  // . ! ? or ; before white space, or a blank line, since then
    bool line_blank = false;    // a line break seen since the last token, white space after it
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = i;
      const char32_t cp = next_code_point(s, j);
      const bool cjk = is_cjk(cp);
      if (cjk || is_word_char(cp)) {
        // Punctuation between two tokens leaves a position free, so that no phrase
        // spans it: "device driver" does not match "device/driver", nor 春风 「春。风」.
        const bool joined = position_ > first && !punctuation && !sentence_end;
        if (sentence_end && position_ > first) {
          close_sentence();
          position_ += kSentenceGap;
        } else if (punctuation && position_ > first) {
          position_ += 1;
        }
        punctuation = false;
        sentence_end = false;
        line_blank = false;
        const std::uint32_t before = position_;
        i = cjk ? cjk_run(i, joined) : word(i);
        count_in_sentence(before, !cjk);
      } else {
        punctuation = punctuation || breaks_phrases(cp);
        const bool at_break =
            j == s.size() || s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r';
        sentence_end = sentence_end || (cp == '\n' && line_blank);
        line_blank = blank_after(line_blank, cp);
        sentence_end =
            sentence_end || ((cp == '.' || cp == '!' || cp == '?' || cp == ';') && at_break);
        i = j;
      }
    }
    close_sentence();
    return position_;
  }

 private:
  void emit(Token& token, std::size_t nbegin, std::size_t nend) {
    token.begin = text_.original_begin(nbegin);
    token.end = text_.original_end(nend);
    sink_(token);
  }

  // One word starting at normalized offset `start`; returns the offset after it.
  std::size_t word(std::size_t start) {
    const std::string_view s = text_.text;
    std::size_t i = start;
    char32_t prev = 0;
    std::string term;
    while (i < s.size()) {
      std::size_t j = i;
      const char32_t cp = next_code_point(s, j);
      if (is_word_char(cp) && !is_cjk(cp)) {
        term.append(s.substr(i, j - i));
        prev = cp;
        i = j;
        continue;
      }
      // An infix joins only when a word character follows it.
      std::size_t k = j;
      const char32_t next = k < s.size() ? next_code_point(s, k) : 0;
      const bool next_is_word = next != 0 && is_word_char(next) && !is_cjk(next);
      if (next_is_word && is_letter_infix(cp)) {
        term += '\'' == cp || cp == 0x2019 || cp == 0x201B ? std::string("'")
                                                           : std::string(s.substr(i, j - i));
        i = j;
        continue;
      }
      if (next_is_word && is_digit_infix(cp) && is_digit(prev) && is_digit(next)) {
        term.append(s.substr(i, j - i));
        i = j;
        continue;
      }
      break;
    }
    // Suffixes: c++, c#, f# — up to three + or #, not followed by a word character.
    std::size_t suffix_end = i;
    while (suffix_end < s.size() && suffix_end - i < 3 &&
           (s[suffix_end] == '+' || s[suffix_end] == '#')) {
      ++suffix_end;
    }
    if (suffix_end > i) {
      std::size_t k = suffix_end;
      const bool word_follows = k < s.size() && is_word_char(next_code_point(s, k));
      const bool more_suffix =
          suffix_end < s.size() && (s[suffix_end] == '+' || s[suffix_end] == '#');
      if (!word_follows && !more_suffix) {
        term.append(s.substr(i, suffix_end - i));
        i = suffix_end;
      }
    }
    if (term.size() <= kMaxWordBytes) {
      Token token;
      token.kind = Token::Kind::kWord;
      token.position = position_++;
      const bool possessive = term.size() > 2 && term.compare(term.size() - 2, 2, "'s") == 0;
      token.term = std::move(term);
      if (options_.stems) token.stem = analyzer_.stem(token.term);
      emit(token, start, i);
      if (possessive) {
        // "kernel's" is also "kernel" at the same position, so the phrase "the kernel"
        // finds "the kernel's" (as Xapian's stems already do for unquoted words). No stem:
        // the possessive's token carries it.
        Token base;
        base.kind = Token::Kind::kWord;
        base.alternative = true;
        base.position = token.position;
        base.term = token.term.substr(0, token.term.size() - 2);
        emit(base, start, floor_to_code_point(s, i - 2));
      }
    }
    return i;
  }

  // True when a token follows offset `i` at the next position: no phrase-breaking
  // punctuation before it (white space and hyphens do not break phrases).
  bool joined_to_next(std::size_t i) const {
    const std::string_view s = text_.text;
    bool line_blank = false;  // as in run(): a blank line ends a sentence
    while (i < s.size()) {
      const char32_t cp = next_code_point(s, i);
      if (is_cjk(cp) || is_word_char(cp)) return true;
      if (breaks_phrases(cp) || (cp == '\n' && line_blank)) return false;
      line_blank = blank_after(line_blank, cp);
    }
    return false;
  }

  // One run of CJK characters starting at `start`; returns the offset after it.
  // `joined_before`: a token precedes the run at the position just before it.
  std::size_t cjk_run(std::size_t start, bool joined_before) {
    const std::string_view s = text_.text;
    chars_.clear();
    std::size_t i = start;
    while (i < s.size()) {
      std::size_t j = i;
      const char32_t cp = next_code_point(s, j);
      if (!is_cjk(cp)) break;
      chars_.push_back({i, j});
      i = j;
    }
    const std::size_t n = chars_.size();
    const std::uint32_t first = position_;
    // A unigram needs its position only to join a phrase to the token next to the run
    // (机器狗Go2, 2024年春晚); bigrams cover everything inside it, and across punctuation
    // or the text's ends no phrase reaches. Short texts save a third of their positions.
    // Inside the run, the bigram at a character's position begins with it, so the index
    // needs the unigram only at the run's end (a character is found as the prefix of its
    // terms): a poem's postings fall by a third.
    const bool joined_after = joined_to_next(i);
    for (std::size_t k = 0; k < n; ++k) {
      Token unigram;
      unigram.kind = Token::Kind::kCjkUnigram;
      unigram.position = first + static_cast<std::uint32_t>(k);
      unigram.positional = (k == 0 && joined_before) || (k + 1 == n && joined_after);
      unigram.indexed = unigram.positional || k + 1 == n;
      unigram.term = std::string(s.substr(chars_[k].begin, chars_[k].end - chars_[k].begin));
      emit(unigram, chars_[k].begin, chars_[k].end);
      if (k + 1 < n) {
        Token bigram;
        bigram.kind = Token::Kind::kCjkBigram;
        bigram.position = unigram.position;
        bigram.term = std::string(s.substr(chars_[k].begin, chars_[k + 1].end - chars_[k].begin));
        emit(bigram, chars_[k].begin, chars_[k + 1].end);
      }
    }
    position_ = first + static_cast<std::uint32_t>(n);
    return i;
  }

  // Counts the positions the token run that started at `before` took in the current
  // sentence, which starts there when it has none yet; `word`: the run was not CJK.
  void count_in_sentence(std::uint32_t before, bool word) {
    if (options_.sentence_bounds == nullptr || position_ == before) return;
    if (sentence_length_ == 0) sentence_start_ = before;
    sentence_length_ += position_ - before;
    sentence_has_word_ = sentence_has_word_ || word;
  }

  // Reports the sentence counted so far (AnalyzeOptions::sentence_bounds), if it holds a
  // non-CJK word, and starts the next.
  void close_sentence() {
    if (options_.sentence_bounds != nullptr && sentence_has_word_) {
      options_.sentence_bounds->push_back(sentence_start_);
      options_.sentence_bounds->push_back(sentence_start_ + sentence_length_);
    }
    sentence_length_ = 0;
    sentence_has_word_ = false;
  }

  const Analyzer& analyzer_;
  const NormalizedText& text_;
  const AnalyzeOptions& options_;
  const TokenSink& sink_;
  std::uint32_t position_;
  std::vector<Char> chars_;
  std::uint32_t sentence_start_ = 0;   // the current sentence's first position
  std::uint32_t sentence_length_ = 0;  // the positions its tokens took so far
  bool sentence_has_word_ = false;     // it holds a non-CJK word
};

}  // namespace

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;

std::uint32_t Analyzer::analyze(std::string_view text, std::uint32_t first_position,
                                const AnalyzeOptions& options, const TokenSink& sink) const {
  const NormalizedText normalized = normalize_for_matching(text);
  Tokenizer tokenizer(*this, normalized, options, sink, first_position);
  return tokenizer.run();
}

void Analyzer::load_shared_data() {
  Analyzer().analyze("Ｕ中文字", 1, {}, [](const Token&) {});
}

std::vector<Token> Analyzer::tokens(std::string_view text, const AnalyzeOptions& options) const {
  std::vector<Token> out;
  analyze(text, 1, options, [&out](const Token& t) { out.push_back(t); });
  return out;
}

std::string Analyzer::stem(std::string_view word) const {
  if (word.empty()) return {};
  std::size_t i = 0;
  const char32_t first = next_code_point(word, i);
  const bool letter = first < 0x80
                          ? ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))
                          : (U_MASK(u_charType(static_cast<UChar32>(first))) &
                             (U_GC_LL_MASK | U_GC_LT_MASK | U_GC_LM_MASK | U_GC_LO_MASK)) != 0;
  if (!letter) return {};
  return impl_->stemmer(std::string(word));
}

bool contains_cjk(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    if (is_cjk(next_code_point(text, i))) return true;
  }
  return false;
}

}  // namespace longjing
