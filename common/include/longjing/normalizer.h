// Normalization for matching: NFKC with case folding (ＵＮＩＴＲＥＥ → unitree, ﬁ → fi,
// Straße → strasse), Latin letters without their accents (café → cafe, Zhèjiāng →
// zhejiang; ø and ł, letters of their own, stay), then Traditional → Simplified folding of
// Han characters (長安 → 长安, script.h), keeping a map back to the original bytes so that
// highlights point at what the user wrote. Never display normalized text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace longjing {

// Text after normalization, and where each of its bytes came from.
struct NormalizedText {
  std::string text;  // NFKC-casefolded UTF-8; ill-formed input bytes became U+FFFD
  // origin[i] is the offset in the original of the character that produced byte i of
  // text; origin[text.size()] is the original's size. A character that expanded (ﬁ → fi)
  // maps all its bytes to the one original character.
  std::vector<std::uint32_t> origin;

  // The original byte range [begin, end) that normalized bytes [nbegin, nend) came from.
  std::uint32_t original_begin(std::size_t nbegin) const { return origin[nbegin]; }
  std::uint32_t original_end(std::size_t nend) const;
};

// Normalizes `original`. ASCII is handled without ICU; ICU's NFKC_Casefold data is loaded
// on the first non-ASCII character that is not already normalized, so ASCII-only work
// never touches ICU. Thread-safe.
NormalizedText normalize_for_matching(std::string_view original);

// The same, without the offset map: for queries and other short strings.
std::string normalize_string(std::string_view original);

// True for the unified Han ideographs (not the compatibility ones): NFKC_Casefold leaves
// them alone and they never combine with a neighbour, so normalizing them needs no ICU call
// but the Traditional → Simplified fold (normalizer_test checks every code point).
bool is_inert_ideograph(char32_t cp);

// True when `original` can be cut before byte `i` without changing its normalization:
// the normalization of original[0, i) followed by that of original[i, size) is the
// normalization of the whole, byte for byte. True at 0, at the end and before any ASCII
// byte; before other characters, when ICU's NFKC_Casefold has a boundary there.
bool is_normalization_boundary(std::string_view original, std::size_t i);

// Receives a segment [begin, end) of the original and its normalization.
using SegmentVisitor =
    std::function<void(std::size_t begin, std::size_t end, std::string_view normalized)>;

// Calls `visit` for each normalization segment of `original` that holds a non-ASCII byte,
// in order; every other byte normalizes to itself, lowercased. For scanning what the
// normalization of a text may contain without normalizing all of it.
void for_each_non_ascii_segment(std::string_view original, const SegmentVisitor& visit);

}  // namespace longjing
