// Normalization for matching: NFKC with case folding (ＵＮＩＴＲＥＥ → unitree, ﬁ → fi,
// Straße → strasse), then Traditional → Simplified folding of Han characters (長安 →
// 长安, script.h), keeping a map back to the original bytes so that highlights point at
// what the user wrote. Never display normalized text.
#pragma once

#include <cstdint>
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

}  // namespace longjing
