// Tests for normalizer.h: NFKC case folding and the offset map back to the original.
#include "longjing/normalizer.h"

#include <unicode/normalizer2.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/utf8.h"

namespace longjing {
namespace {

const std::string kReplacementUtf8 = "\xEF\xBF\xBD";

TEST_CASE("normalize_string folds width, case, ligatures and composes", "[normalizer]") {
  struct Case {
    std::string_view original;
    std::string_view expected;
  };
  const Case cases[] = {
      {"", ""},
      {"ＵＮＩＴＲＥＥ", "unitree"},  // full-width Latin
      {"\xEF\xAC\x81le", "file"},     // ﬁ ligature
      {"Straße", "strasse"},          // full case folding
      {"宇树", "宇树"},               // Simplified Han is left alone
      {"宇树科技 2024年春晚", "宇树科技 2024年春晚"},
      {"Hello WORLD 123 C++", "hello world 123 c++"},  // ASCII lowercased only
      {"e\xCC\x81", "e"},                              // e + U+0301 → e (accents fold)
      {"E\xCC\x81", "e"},                              // E + U+0301 → e
      {"\xC3\x89t\xC3\xA9", "ete"},                    // Été → ete
      {"café résumé naïve", "cafe resume naive"},      // Latin accents fold
      {"Zhèjiāng Lǚ", "zhejiang lu"},                  // pinyin tones and ü
      {"Ångström øre Łódź", "angstrom øre łodz"},      // a letter of its own stays (ø, ł)
      {"한국어", "한국어"},                            // Hangul: decomposed, composed back
      {"\xD0\xB9", "\xD0\xB9"},                        // й: a Cyrillic letter keeps its mark
      {"２０２４年", "2024年"},                        // full-width digits
      {"ＡＢＣ，宇树", "abc,宇树"},                    // full-width comma
      {"\xE2\x84\xA6", "\xCF\x89"},                    // OHM SIGN → ω
      // CJK compatibility U+F900 → U+8C48 豈, then Traditional → Simplified 岂.
      {"\xEF\xA4\x80", "岂"},
      {"長安", "长安"},  // script folding
      {"宇樹科技 杭州六小龍", "宇树科技 杭州六小龙"},
  };
  for (const Case& c : cases) {
    INFO(c.original);
    CHECK(normalize_string(c.original) == c.expected);
    CHECK(normalize_for_matching(c.original).text == c.expected);
  }
}

TEST_CASE("normalize_string turns ill-formed bytes into U+FFFD", "[normalizer]") {
  const std::string r = kReplacementUtf8;
  struct Case {
    std::string_view original;
    std::string expected;
  };
  const Case cases[] = {
      {"x\xFFy", "x" + r + "y"},
      {"\xC0\x80", r + r},  // one U+FFFD per ill-formed byte
      {"\xE5\xAEZ", r + r + "z"},
      {"x\x80", "x" + r},
  };
  for (const Case& c : cases) {
    INFO(c.original);
    const std::string out = normalize_string(c.original);
    CHECK(is_valid_utf8(out));
    CHECK(out == c.expected);
    CHECK(normalize_for_matching(c.original).text == c.expected);
  }
}

TEST_CASE("normalize_for_matching keeps one origin per byte plus the end", "[normalizer]") {
  const std::string_view original =
      GENERATE(std::string_view(""), std::string_view("plain ascii"),
               std::string_view("ＵＮＩＴＲＥＥ rocks"), std::string_view("\xEF\xAC\x81le"),
               std::string_view("Straße"), std::string_view("宇树科技"),
               std::string_view("e\xCC\x81 and \xE2\x84\xA6"));
  INFO(original);
  const NormalizedText n = normalize_for_matching(original);
  REQUIRE(n.origin.size() == n.text.size() + 1);
  CHECK(n.origin.back() == original.size());
  for (std::size_t i = 0; i + 1 < n.origin.size(); ++i) {
    INFO("byte " << i);
    CHECK(n.origin[i] <= n.origin[i + 1]);
    CHECK(n.origin[i] < original.size());
    CHECK(floor_to_code_point(original, n.origin[i]) == n.origin[i]);
  }
}

TEST_CASE("normalize_for_matching maps a full-width word to its original bytes", "[normalizer]") {
  const std::string original = "ＵＮＩＴＲＥＥ rocks";  // 7 × 3 bytes, a space, 5 bytes
  const NormalizedText n = normalize_for_matching(original);
  REQUIRE(n.text == "unitree rocks");
  CHECK(n.original_begin(0) == 0);
  CHECK(n.original_end(7) == 21);
  CHECK(original.substr(n.original_begin(0), n.original_end(7) - n.original_begin(0)) ==
        "ＵＮＩＴＲＥＥ");
  // One full-width letter: "n" at normalized byte 1 is original bytes [3, 6).
  CHECK(n.original_begin(1) == 3);
  CHECK(n.original_end(2) == 6);
  CHECK(n.original_begin(8) == 22);
  CHECK(n.original_end(13) == 27);
}

TEST_CASE("normalize_for_matching maps an expanded ligature back as a whole", "[normalizer]") {
  const std::string original = "\xEF\xAC\x81le";  // ﬁ is 3 bytes, then "le"
  const NormalizedText n = normalize_for_matching(original);
  REQUIRE(n.text == "file");
  CHECK(n.origin == std::vector<std::uint32_t>{0, 0, 3, 4, 5});
  // "fi" → the ligature's range [0, 3).
  CHECK(n.original_begin(0) == 0);
  CHECK(n.original_end(2) == 3);
  // Half of the expansion still maps to the whole character.
  CHECK(n.original_begin(1) == 0);
  CHECK(n.original_end(1) == 3);
  // "le" → [3, 5); the whole word → [0, 5).
  CHECK(n.original_begin(2) == 3);
  CHECK(n.original_end(4) == 5);
}

TEST_CASE("normalize_for_matching offsets for other expansions and compositions", "[normalizer]") {
  SECTION("ß expands to ss inside a word") {
    const NormalizedText n = normalize_for_matching("Straße");  // ß at bytes [4, 6)
    REQUIRE(n.text == "strasse");
    CHECK(n.origin == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 4, 6, 7});
    CHECK(n.original_end(6) == 6);  // "strass" ends after ß
    CHECK(n.original_end(5) == 6);  // so does "stras"
  }
  SECTION("a combining sequence folds and maps to both original characters") {
    const NormalizedText n = normalize_for_matching("e\xCC\x81x");  // e U+0301 x
    REQUIRE(n.text == "ex");
    CHECK(n.origin == std::vector<std::uint32_t>{0, 3, 4});
    CHECK(n.original_end(1) == 3);  // "e" covers e and its accent
  }
  SECTION("an accented letter folds and maps to its original bytes") {
    const NormalizedText n = normalize_for_matching("caf\xC3\xA9s");  // café at [0, 5), s
    REQUIRE(n.text == "cafes");
    CHECK(n.origin == std::vector<std::uint32_t>{0, 1, 2, 3, 5, 6});
    CHECK(n.original_end(4) == 5);  // "cafe" ends after é
  }
  SECTION("Han characters map byte for byte") {
    const NormalizedText n = normalize_for_matching("宇树");
    REQUIRE(n.text == "宇树");
    CHECK(n.origin == std::vector<std::uint32_t>{0, 0, 0, 3, 3, 3, 6});
    CHECK(n.original_end(3) == 3);
    CHECK(n.original_begin(3) == 3);
  }
  SECTION("empty text") {
    const NormalizedText n = normalize_for_matching("");
    CHECK(n.text.empty());
    CHECK(n.origin == std::vector<std::uint32_t>{0});
    CHECK(n.original_begin(0) == 0);
    CHECK(n.original_end(0) == 0);
  }
}

TEST_CASE("is_inert_ideograph holds only characters ICU calls inert starters", "[normalizer]") {
  // The normalizer skips ICU for these: wrong for even one, and text around it would
  // normalize differently from what ICU says.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  REQUIRE(U_SUCCESS(status));
  std::size_t inert = 0;
  std::vector<char32_t> wrong;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (!is_inert_ideograph(cp)) continue;
    ++inert;
    const auto c = static_cast<UChar32>(cp);
    if (!nfkc_cf->isInert(c) || !nfkc_cf->hasBoundaryBefore(c)) wrong.push_back(cp);
  }
  CHECK(wrong.empty());
  CHECK(inert > 90000);  // the four blocks Chinese text is written in, and then some
  CHECK_FALSE(is_inert_ideograph(0xF900));  // a compatibility ideograph: NFKC changes it
  CHECK_FALSE(is_inert_ideograph(0x304B));  // か composes with a following ゙
}

}  // namespace
}  // namespace longjing
