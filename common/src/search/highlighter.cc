#include "longjing/highlighter.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "longjing/analyzer.h"
#include "longjing/normalizer.h"
#include "longjing/schema.h"
#include "longjing/script.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

constexpr std::string_view kEllipsis = "…";

// The analyzer's view of one position: the terms starting there and their ranges.
struct PositionTerm {
  std::string term;
  std::string stem;
  std::size_t begin;
  std::size_t end;
};

// A token some pattern can use, with its position; in windowed matching the window's
// number is in the upper 32 bits, so that no phrase spans two windows.
using KeptToken = std::pair<std::uint64_t, PositionTerm>;

// A pattern's term as matching reads it, classified once when the Highlighter is made
// (matching asks for every kept token): a word's English stem ("Z" + stem), a prefix
// ("robo*": every word starting with "robo"), or a term as it is.
struct TermMatcher {
  enum class Kind { kTerm, kStem, kPrefix } kind = Kind::kTerm;
  std::string text;  // the stem, the prefix, or the term
};

TermMatcher matcher_of(const std::string& term) {
  const schema::Term parsed = schema::parse_term(term);
  if (parsed.kind == schema::TermKind::kStem && !parsed.text.empty()) {
    return {TermMatcher::Kind::kStem, std::string(parsed.text)};
  }
  if (term.size() > 1 && term.back() == '*') {
    return {TermMatcher::Kind::kPrefix, term.substr(0, term.size() - 1)};
  }
  return {TermMatcher::Kind::kTerm, term};
}

bool term_matches(const TermMatcher& m, const PositionTerm& t) {
  switch (m.kind) {
    case TermMatcher::Kind::kStem:
      return !t.stem.empty() && t.stem == m.text;
    case TermMatcher::Kind::kPrefix:
      return t.term.compare(0, m.text.size(), m.text) == 0;
    case TermMatcher::Kind::kTerm:
      break;
  }
  return t.term == m.text;
}

bool is_space_byte(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool is_ascii_word_byte(char c) {
  return static_cast<unsigned char>(c) < 0x80 && is_word_char(static_cast<unsigned char>(c));
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True for an ASCII character no token holds: white space and punctuation but the infixes
// (' & , . ;) and suffixes (+ #) that can join a word.
bool is_ascii_separator(char c) {
  return static_cast<unsigned char>(c) < 0x80 && !is_ascii_word_byte(c) && c != '\'' && c != '&' &&
         c != ',' && c != '.' && c != ';' && c != '+' && c != '#';
}

// Where analysis of a part of a text may start or stop: at either end, or after a
// character no token holds that is a normalization segment of its own. No token spans such
// a cut, the tokenizer holds no state across it but the position, and tokens on both sides
// come out as from the whole text, positions shifted by the same amount. The character is
// ASCII (is_ascii_separator); or CJK punctuation that normalization leaves alone (、。〈〉
// 《》「」『』【】); or full-width ，；：！？ after a Han character (they normalize to ASCII,
// and , ; join digits, which a Han character is not).
bool is_clean_cut(std::string_view text, std::size_t i) {
  if (i == 0 || i == text.size()) return true;
  if (static_cast<unsigned char>(text[i - 1]) < 0x80) {
    return is_ascii_separator(text[i - 1]) && is_normalization_boundary(text, i);
  }
  const std::size_t start = floor_to_code_point(text, i - 1);
  std::size_t j = start;
  const char32_t cp = next_code_point(text, j);
  if (j != i) return false;  // i is inside a character
  const bool cjk_punctuation = cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011);
  const bool full_width =
      cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F;
  if (!cjk_punctuation && !full_width) return false;
  if (full_width) {
    if (start == 0) return false;
    std::size_t k = floor_to_code_point(text, start - 1);
    if (!is_inert_ideograph(next_code_point(text, k))) return false;
  }
  return is_normalization_boundary(text, start) && is_normalization_boundary(text, i);
}

std::size_t cut_at_or_before(std::string_view text, std::size_t i) {
  while (!is_clean_cut(text, i)) --i;
  return i;
}

// The first clean cut after byte i. REQUIRES: i < text.size().
std::size_t cut_after(std::string_view text, std::size_t i) {
  ++i;
  while (!is_clean_cut(text, i)) ++i;
  return i;
}

bool is_word_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  const char32_t cp = next_code_point(text, i);
  return is_word_char(cp) && !is_cjk(cp);
}

// Moves `i` (a code point start) forward out of the middle of a word.
std::size_t word_start_at_or_after(std::string_view text, std::size_t i) {
  if (i == 0) return 0;
  while (i < text.size() && is_word_at(text, i) &&
         is_word_at(text, floor_to_code_point(text, i - 1))) {
    next_code_point(text, i);
  }
  return i;
}

// Moves `i` (a code point start) backward out of the middle of a word.
std::size_t word_end_at_or_before(std::string_view text, std::size_t i, std::size_t floor) {
  while (i > floor && i < text.size() && is_word_at(text, i) &&
         is_word_at(text, floor_to_code_point(text, i - 1))) {
    i = floor_to_code_point(text, i - 1);
  }
  return i;
}

// Columns a character takes on a terminal: two for CJK and full-width forms.
std::size_t width_of(char32_t cp) {
  const bool wide = is_cjk(cp) || (cp >= 0x1100 && cp <= 0x115F) ||
                    (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
  return wide ? 2 : 1;
}

// Advances `i` by at most `width` columns (or to the end).
std::size_t advance_width(std::string_view text, std::size_t i, std::size_t width) {
  const std::size_t ascii = ascii_prefix_length(text.substr(i, width));  // a column each
  i += ascii;
  width -= ascii;
  while (i < text.size()) {
    std::size_t j = i;
    const std::size_t w = width_of(next_code_point(text, j));
    if (w > width) break;
    width -= w;
    i = j;
  }
  return i;
}

// Moves `i` back by at most `width` columns (or to `floor`).
std::size_t retreat_width(std::string_view text, std::size_t i, std::size_t width,
                          std::size_t floor) {
  while (i > floor) {
    const std::size_t j = floor_to_code_point(text, i - 1);
    std::size_t k = j;
    const std::size_t w = width_of(next_code_point(text, k));
    if (w > width) break;
    width -= w;
    i = j;
  }
  return i;
}

// Copies text[begin, end) into a snippet, collapsing whitespace runs to one space, and
// carries the matches inside over as spans (merging touching ones).
Snippet make_snippet(std::string_view text, std::size_t begin, std::size_t end,
                     const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  Snippet s;
  std::vector<std::size_t> out_offset(end - begin + 1);
  bool in_space = false;
  for (std::size_t i = begin; i < end; ++i) {
    out_offset[i - begin] = s.text.size();
    if (is_space_byte(text[i])) {
      if (!in_space && !s.text.empty()) s.text += ' ';
      in_space = true;
    } else {
      s.text += text[i];
      in_space = false;
    }
  }
  out_offset[end - begin] = s.text.size();
  while (!s.text.empty() && s.text.back() == ' ') s.text.pop_back();
  for (const auto& [b, e] : ranges) {
    if (e <= begin || b >= end) continue;
    const std::size_t sb = out_offset[std::max(b, begin) - begin];
    const std::size_t se = std::min(out_offset[std::min(e, end) - begin], s.text.size());
    if (se <= sb) continue;
    if (!s.spans.empty() && sb <= s.spans.back().end) {
      s.spans.back().end = std::max(s.spans.back().end, se);
    } else {
      s.spans.push_back({sb, se});
    }
  }
  return s;
}

// Match ranges sorted by start, overlapping ones merged.
std::vector<std::pair<std::size_t, std::size_t>> merged_ranges(
    std::vector<std::pair<std::size_t, std::size_t>> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& r : ranges) {
    if (!out.empty() && r.first <= out.back().second) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

// How far a window grows when a phrase may run past its end.
constexpr std::size_t kGrowBytes = 64;

// The work on one text is bounded, whatever its size: matches are looked for in its first
// kScannedBytes, and windows of it analyzed up to kAnalyzedBytes (a 60 MB file of "a;"
// lines took 40 s and 3 GB to show a passage for `a`).
constexpr std::size_t kScannedBytes = 8u << 20;
constexpr std::size_t kAnalyzedBytes = 256u << 10;

// Appends `value` to `list` unless it is there already (lists of a few items).
template <typename T>
void append_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

// A match starts with a token of its pattern's first term. That token's normalized text
// starts with the term's (or stem's) first ASCII word bytes, up to kKeyBytes: its "key";
// or, when the term starts with another character, with that character. In the raw text
// such a token either starts with the key's bytes in either case, after a byte that is no
// ASCII word character, or holds a non-ASCII normalization segment that normalizes to a
// key character or to nothing (a soft hyphen inside the word): the pre-scan looks for
// both.
struct Highlighter::Wanted {
  // Stemming every word is the costliest step of analysis: only words that start with a
  // wanted stem's head are stemmed. The English stemmer changes at most the last byte of
  // a stem from its word's (happy → happi, hoping → hope, skies → sky), save three
  // exceptions (below); of the 162,529 distinct words of brown, linuxdoc and mail,
  // 155,355 start with their whole stem and 3,656 with all of it but the last byte.
  static constexpr std::size_t kKeyBytes = 8;   // a key is read as one 64-bit word
  static constexpr std::size_t kSseStarts = 8;  // first bytes compared 16 at a time, at most

  // The bytes every word stemming to `stem` starts with, at most kKeyBytes of them: all
  // of a stem of one or two bytes (its, going), all but the last byte of a longer one.
  static std::string_view stem_head(std::string_view stem) {
    // The stemmer's exceptions that keep less: dying → die, lying → lie, tying → tie.
    if (stem == "die" || stem == "lie" || stem == "tie") return stem.substr(0, 1);
    const std::size_t kept = stem.size() <= 2 ? stem.size() : stem.size() - 1;
    return stem.substr(0, std::min(kept, kKeyBytes));
  }

  std::unordered_set<std::string> terms;           // plain terms the patterns use
  std::unordered_set<std::string> stems;           // stems (from "Z" terms) they use
  std::vector<std::string> stem_heads;             // their heads (stem_head), each once
  std::vector<std::string> prefixes;               // from prefix terms ("robo*" → "robo")
  std::vector<std::vector<TermMatcher>> matchers;  // each pattern's terms, classified

  bool has_prefix(const std::string& term) const {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](const std::string& p) { return term.compare(0, p.size(), p) == 0; });
  }

  bool sure = true;  // false when some pattern's first term gives no key
  // An ASCII key, lowercase: its bytes packed little-endian, and the mask of as many bytes.
  struct AsciiKey {
    std::uint64_t bytes;
    std::uint64_t mask;
    bool operator==(const AsciiKey&) const = default;
  };
  std::vector<AsciiKey> ascii_keys;          // each once
  std::array<bool, 256> key_start{};         // first bytes of the ASCII keys, in both cases
  std::vector<unsigned char> folded_starts;  // the same ORed with 0x20, each once
  std::array<bool, 128> key_byte{};          // every byte of the ASCII keys
  std::unordered_set<char32_t> key_chars;    // non-ASCII keys
  std::uint64_t max_span = 0;                // positions from a match's first token to its last

  // Up to kKeyBytes bytes of `key`, lowercase, packed little-endian.
  static std::uint64_t pack_lower(std::string_view key) {
    std::uint64_t packed = 0;
    for (std::size_t i = 0; i < key.size() && i < kKeyBytes; ++i) {
      packed |= static_cast<std::uint64_t>(static_cast<unsigned char>(lower_ascii(key[i])))
                << (8 * i);
    }
    return packed;
  }

  // pack_lower of the kKeyBytes bytes at `bytes`, a word at a time: each byte from 'A' to
  // 'Z' gains 0x20. REQUIRES: a little-endian machine.
  static std::uint64_t load_lower(const char* bytes) {
    constexpr std::uint64_t kOnes = 0x0101010101010101u;
    constexpr std::uint64_t kHigh = 0x8080808080808080u;
    std::uint64_t word;
    std::memcpy(&word, bytes, kKeyBytes);
    // Each byte's low seven bits plus a constant sets its high bit from a threshold on;
    // no sum carries into the next byte. A byte with its own high bit set is not ASCII.
    const std::uint64_t low = word & ~kHigh;
    const std::uint64_t from_a = low + (0x80 - 'A') * kOnes;
    const std::uint64_t past_z = low + (0x80 - 'Z' - 1) * kOnes;
    const std::uint64_t upper = from_a & ~past_z & ~word & kHigh;
    return word | upper >> 2;  // 0x80 >> 2 is 0x20, in the same byte
  }

  // True when a word whose stem is wanted may start `term` (it starts with a stem's head).
  bool may_stem_to_wanted(std::string_view term) const {
    return std::any_of(stem_heads.begin(), stem_heads.end(),
                       [&](const std::string& head) { return term.starts_with(head); });
  }

  void add_key(const TermMatcher& m) {
    std::string_view source = m.text;
    if (m.kind == TermMatcher::Kind::kStem) {
      source = stem_head(source);
    } else if (schema::parse_term(m.text).kind != schema::TermKind::kWord) {
      return;  // a prefixed term never matches text: normalized terms are lowercase
    }
    std::size_t n = 0;
    while (n < source.size() && n < kKeyBytes && is_ascii_word_byte(source[n])) ++n;
    if (n > 0) {
      std::string key(source.substr(0, n));
      std::transform(key.begin(), key.end(), key.begin(), lower_ascii);
      append_once(ascii_keys,
                  {pack_lower(key),
                   n == kKeyBytes ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1});
      const auto first = static_cast<unsigned char>(key[0]);
      key_start[first] = true;
      if (first >= 'a' && first <= 'z') key_start[first - 'a' + 'A'] = true;
      const auto folded = static_cast<unsigned char>(first | 0x20);
      append_once(folded_starts, folded);
      for (char c : key) key_byte[static_cast<unsigned char>(c)] = true;
      return;
    }
    if (!source.empty() && static_cast<unsigned char>(source[0]) >= 0x80) {
      std::size_t i = 0;
      const char32_t cp = next_code_point(source, i);
      if (cp != 0xFFFD) {  // not a character cut by the head, nor ill-formed
        key_chars.insert(cp);
        return;
      }
    }
    sure = false;
  }

  // True when a non-ASCII segment that normalizes to `normalized` can be part of a key.
  bool may_hold_key(std::string_view normalized) const {
    // A segment that vanishes could join key bytes apart in the raw text. ICU attaches
    // the characters that vanish (soft hyphen, zero-width space) to the segment before
    // them, so this guards against other data rather than any known input.
    if (normalized.empty()) return true;
    for (std::size_t i = 0; i < normalized.size();) {
      const auto c = static_cast<unsigned char>(normalized[i]);
      if (c < 0x80) {
        if (key_byte[c]) return true;
        ++i;
      } else if (key_chars.count(next_code_point(normalized, i)) != 0) {
        return true;
      }
    }
    return false;
  }

  // Raw offsets where a match may start, sorted, possibly repeated. REQUIRES: sure.
  std::vector<std::size_t> candidates(std::string_view text) const {
    std::vector<std::size_t> out;
    const auto check = [&](std::size_t i) {
      if (!key_start[static_cast<unsigned char>(text[i])]) return;
      if (i > 0 && is_ascii_word_byte(text[i - 1])) return;  // not a word's start
      // Bytes past the text's end read as 0, which no key holds.
      const std::uint64_t word =
          std::endian::native == std::endian::little && i + kKeyBytes <= text.size()
              ? load_lower(text.data() + i)
              : pack_lower(text.substr(i, kKeyBytes));
      for (const AsciiKey& key : ascii_keys) {
        if ((word & key.mask) == key.bytes) {
          out.push_back(i);
          return;
        }
      }
    };
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time, the same test as the eight below, one compare per key.
    if (folded_starts.size() <= kSseStarts) {
      __m128i starts[kSseStarts];  // NOLINT: std::array would drop __m128i's alignment attribute
      for (std::size_t k = 0; k < folded_starts.size(); ++k) {
        starts[k] = _mm_set1_epi8(static_cast<char>(folded_starts[k]));
      }
      const __m128i fold = _mm_set1_epi8(0x20);
      for (; i + 16 <= text.size(); i += 16) {
        const __m128i block =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i)), fold);
        __m128i equal = _mm_setzero_si128();
        for (std::size_t k = 0; k < folded_starts.size(); ++k) {
          equal = _mm_or_si128(equal, _mm_cmpeq_epi8(block, starts[k]));
        }
        for (auto found = static_cast<unsigned>(_mm_movemask_epi8(equal)); found != 0;
             found &= found - 1) {
          check(i + static_cast<std::size_t>(std::countr_zero(found)));
        }
      }
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
      // Eight bytes at a time: the bytes that equal a key's first byte once ORed with 0x20
      // (which lowercases ASCII letters) are checked one by one.
      if (folded_starts.size() <= 4) {
        constexpr std::uint64_t kOnes = 0x0101010101010101u;
        constexpr std::uint64_t kHigh = 0x8080808080808080u;
        for (std::uint64_t block; i + 8 <= text.size(); i += 8) {
          std::memcpy(&block, text.data() + i, 8);
          block |= 0x20 * kOnes;
          std::uint64_t found = 0;
          for (const unsigned char c : folded_starts) {
            const std::uint64_t x = block ^ (c * kOnes);
            found |= (x - kOnes) & ~x & kHigh;  // the lowest is exact; others are checked
          }
          for (; found != 0; found &= found - 1) {
            check(i + static_cast<std::size_t>(std::countr_zero(found)) / 8);
          }
        }
      }
    }
    for (; i < text.size(); ++i) check(i);
    const std::size_t ascii_found = out.size();
    for_each_non_ascii_segment(text, [&](std::size_t begin, std::size_t, std::string_view n) {
      if (may_hold_key(n)) out.push_back(begin);
    });
    std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(ascii_found),
                       out.end());
    return out;
  }
};

std::vector<HighlightOffsets> highlight_offsets(const Snippet& snippet) {
  std::vector<HighlightOffsets> out;
  out.reserve(snippet.spans.size());
  const std::string_view text = snippet.text;
  std::size_t chars = 0;
  std::size_t at = 0;
  for (const Span& span : snippet.spans) {
    HighlightOffsets h{span.begin, span.end, 0, 0};
    chars += count_code_points(text.substr(at, span.begin - at));
    h.char_start = chars;
    chars += count_code_points(text.substr(span.begin, span.end - span.begin));
    h.char_end = chars;
    at = span.end;
    out.push_back(h);
  }
  return out;
}

Highlighter::Highlighter(const Analyzer& analyzer, std::vector<HighlightPattern> patterns)
    : analyzer_(analyzer), patterns_(std::move(patterns)) {
  auto wanted = std::make_shared<Wanted>();
  for (const HighlightPattern& p : patterns_) {
    std::vector<TermMatcher>& matchers = wanted->matchers.emplace_back();
    for (const std::string& term : p.terms) {
      const TermMatcher& m = matchers.emplace_back(matcher_of(term));
      switch (m.kind) {
        case TermMatcher::Kind::kStem:
          wanted->stems.insert(m.text);
          append_once(wanted->stem_heads, std::string(Wanted::stem_head(m.text)));
          break;
        case TermMatcher::Kind::kPrefix:
          wanted->prefixes.push_back(m.text);
          break;
        case TermMatcher::Kind::kTerm:
          wanted->terms.insert(m.text);
          break;
      }
    }
    if (p.terms.empty()) continue;
    wanted->add_key(matchers.front());
    std::uint64_t span = p.terms.size() - 1;
    for (std::uint32_t offset : p.offsets) span = std::max<std::uint64_t>(span, offset);
    wanted->max_span = std::max(wanted->max_span, span);
  }
  wanted_ = std::move(wanted);
}

std::vector<std::pair<std::size_t, std::size_t>> Highlighter::scan_windows(
    std::string_view text) const {
  std::vector<std::pair<std::size_t, std::size_t>> windows;
  if (!wanted_->sure) {
    windows.emplace_back(0, text.size());
    return windows;
  }
  for (const std::size_t c : wanted_->candidates(text)) {
    if (!windows.empty() && c < windows.back().second) continue;  // already inside
    const std::size_t begin = cut_at_or_before(text, c);
    const std::size_t end = cut_after(text, c);
    // Windows that touch are analyzed as one; merging windows further apart costs more
    // than the fixed cost of an analysis saves (measured on brown and linuxdoc).
    if (!windows.empty() && begin <= windows.back().second) {
      windows.back().second = end;
    } else {
      windows.emplace_back(begin, end);
    }
  }
  return windows;
}

std::vector<Highlighter::Match> Highlighter::find_matches(std::string_view text) const {
  std::vector<Match> matches;
  if (patterns_.empty() || text.empty()) return matches;
  const Wanted& wanted = *wanted_;
  std::vector<std::pair<std::size_t, std::size_t>> windows;
  if (!whole_text_) {
    const std::size_t scanned =
        text.size() > kScannedBytes ? cut_at_or_before(text, kScannedBytes) : text.size();
    windows = scan_windows(text.substr(0, scanned));
  } else {
    windows.emplace_back(0, text.size());
  }
  std::size_t budget = kAnalyzedBytes;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const std::size_t size = windows[w].second - windows[w].first;
    if (size > budget) {
      if (budget > 0) windows[w].second = cut_after(text, windows[w].first + budget - 1);
      windows.resize(budget > 0 ? w + 1 : w);
      break;
    }
    budget -= size;
  }

  // Keep only the tokens some pattern can use; they arrive in position order.
  std::vector<KeptToken> kept;
  AnalyzeOptions options;
  options.stems = false;
  // Analyzes text[begin, end) as window number `window`; returns the position after it.
  std::unordered_map<std::string, std::string> stems;  // the stemmer is slow; words repeat
  const auto keep_tokens = [&](std::size_t begin, std::size_t end, std::uint64_t window) {
    return analyzer_.analyze(text.substr(begin, end - begin), 1, options, [&](const Token& t) {
      std::string stem;
      if (t.kind == Token::Kind::kWord && !wanted.stems.empty() &&
          wanted.may_stem_to_wanted(t.term)) {
        auto [it, added] = stems.try_emplace(t.term);
        if (added) it->second = analyzer_.stem(t.term);
        stem = it->second;
      }
      if (wanted.terms.count(t.term) != 0 || (!stem.empty() && wanted.stems.count(stem) != 0) ||
          (!wanted.prefixes.empty() && wanted.has_prefix(t.term))) {
        kept.push_back(
            {window << 32 | t.position, {t.term, std::move(stem), begin + t.begin, begin + t.end}});
      }
    });
  };
  std::uint64_t window = 0;
  for (std::size_t w = 0; w < windows.size(); ++w, ++window) {
    const std::size_t begin = windows[w].first;
    std::size_t end = windows[w].second;
    for (;;) {
      const std::size_t before = kept.size();
      const std::uint32_t after = keep_tokens(begin, end, window);
      // A phrase whose first token is near the window's end may go on past it: grow the
      // window until the last kept token is far enough from the end.
      if (end == text.size() || kept.size() == before ||
          (kept.back().first & 0xFFFFFFFFu) + wanted.max_span < after) {
        break;
      }
      kept.resize(before);
      end = cut_after(text, std::min(text.size() - 1, end + kGrowBytes));
      while (w + 1 < windows.size() && windows[w + 1].first <= end) {
        end = std::max(end, windows[++w].second);
      }
    }
  }

  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::uint64_t position = kept[i].first;
    for (std::size_t p = 0; p < patterns_.size(); ++p) {
      const std::vector<TermMatcher>& pattern = wanted.matchers[p];
      if (!term_matches(pattern[0], kept[i].second)) continue;
      std::size_t end = kept[i].second.end;
      std::size_t j = i;
      bool ok = true;
      for (std::size_t k = 1; k < pattern.size() && ok; ++k) {
        const std::uint64_t want =
            position + (patterns_[p].offsets.empty() ? k : patterns_[p].offsets[k]);
        while (j < kept.size() && kept[j].first < want) ++j;
        ok = false;
        for (std::size_t m = j; m < kept.size() && kept[m].first == want; ++m) {
          if (term_matches(pattern[k], kept[m].second)) {
            end = std::max(end, kept[m].second.end);
            ok = true;
            break;
          }
        }
      }
      if (ok) matches.push_back({kept[i].second.begin, end, p});
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.begin < b.begin; });
  return matches;
}

Snippet Highlighter::highlight(std::string_view text, std::vector<std::size_t>* matched) const {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const Match& m : find_matches(text)) {
    ranges.emplace_back(m.begin, m.end);
    if (matched != nullptr) matched->push_back(m.pattern);
  }
  return make_snippet(text, 0, text.size(), merged_ranges(std::move(ranges)));
}

Passages Highlighter::best_passages(std::string_view text, std::size_t max_width,
                                    std::size_t count) const {
  Passages result;
  const std::vector<Match> matches = find_matches(text);
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::set<std::size_t> matched;
  for (const Match& m : matches) {
    ranges.emplace_back(m.begin, m.end);
    matched.insert(m.pattern);
  }
  result.matched_patterns.assign(matched.begin(), matched.end());
  ranges = merged_ranges(std::move(ranges));

  // Score the window starting at each match: the weight of the distinct patterns it holds,
  // plus a little for repeats.
  struct Window {
    double score;
    std::size_t first_match;
    std::size_t limit;  // byte offset the window may reach
  };
  std::vector<Window> windows;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const std::size_t limit = advance_width(text, matches[i].begin, max_width);
    std::set<std::size_t> distinct;
    double score = 0;
    for (std::size_t j = i; j < matches.size() && matches[j].end <= limit; ++j) {
      score +=
          distinct.insert(matches[j].pattern).second ? patterns_[matches[j].pattern].weight : 0.01;
    }
    windows.push_back({score, i, limit});
  }
  std::stable_sort(windows.begin(), windows.end(),
                   [](const Window& a, const Window& b) { return a.score > b.score; });

  std::vector<std::pair<std::size_t, std::size_t>> taken;  // byte ranges already shown
  auto overlaps = [&taken](std::size_t b, std::size_t e) {
    return std::any_of(taken.begin(), taken.end(),
                       [&](const auto& t) { return b < t.second && t.first < e; });
  };
  // The match straddling byte `at` (begin < at < end), or nullptr.
  auto straddling = [&ranges](std::size_t at) -> const std::pair<std::size_t, std::size_t>* {
    for (const auto& r : ranges) {
      if (r.first < at && at < r.second) return &r;
    }
    return nullptr;
  };
  auto cut = [&](std::size_t begin) {
    std::size_t end = advance_width(text, begin, max_width);
    if (end < text.size()) end = word_end_at_or_before(text, end, begin);
    if (end == begin) end = advance_width(text, begin, max_width);  // one giant word
    // A match is shown whole or not at all: end before one the width would cut, or after
    // it when it alone is wider than the passage.
    if (const auto* r = straddling(end)) end = r->first > begin ? r->first : r->second;
    return end;
  };
  for (const Window& w : windows) {
    if (taken.size() >= count) break;
    const Match& m = matches[w.first_match];
    // Lead in with some context before the first match, a quarter of the width at most.
    std::size_t begin = retreat_width(text, m.begin, max_width / 4, 0);
    begin = word_start_at_or_after(text, begin);
    // Not half a match: start before it when it holds the window's match, else after it.
    if (const auto* r = straddling(begin)) begin = r->second > m.begin ? r->first : r->second;
    const std::size_t end = cut(begin);
    if (overlaps(begin, end)) continue;
    taken.emplace_back(begin, end);
  }
  if (taken.empty()) taken.emplace_back(0, cut(0));
  // Show passages in text order, as a reader meets them.
  std::sort(taken.begin(), taken.end());
  for (const auto& [begin, end] : taken) {
    Snippet s = make_snippet(text, begin, end, ranges);
    if (begin > 0 && !s.text.empty()) {
      s.text.insert(0, kEllipsis);
      for (Span& span : s.spans) span.begin += kEllipsis.size(), span.end += kEllipsis.size();
    }
    if (end < text.size()) s.text += kEllipsis;
    result.snippets.push_back(std::move(s));
  }
  return result;
}

Snippet Highlighter::best_passage(std::string_view text, std::size_t max_width) const {
  Passages p = best_passages(text, max_width, 1);
  return p.snippets.empty() ? Snippet{} : std::move(p.snippets.front());
}

}  // namespace longjing
