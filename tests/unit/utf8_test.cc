// Tests for utf8.h: decoding, encoding, validation, repair, counting and safe offsets.
#include "longjing/utf8.h"

#include <catch2/catch.hpp>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace longjing {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
const std::string kReplacementUtf8 = "\xEF\xBF\xBD";

struct DecodeCase {
  const char* name;
  std::string_view text;
  std::size_t start;
  char32_t expected;
  std::size_t next;  // offset after the call
};

TEST_CASE("next_code_point decodes well-formed and ill-formed sequences", "[utf8]") {
  using namespace std::string_view_literals;
  const DecodeCase cases[] = {
      {"ASCII", "A", 0, U'A', 1},
      {"NUL", "\0x"sv, 0, 0, 1},
      {"2-byte", "\xC3\xA9", 0, 0xE9, 2},
      {"3-byte", "\xE5\xAE\x87", 0, 0x5B87, 3},
      {"4-byte", "\xF0\x9F\x98\x80", 0, 0x1F600, 4},
      {"largest code point", "\xF4\x8F\xBF\xBF", 0, 0x10FFFF, 4},
      {"U+FFFD itself", "\xEF\xBF\xBD", 0, kReplacement, 3},
      {"from the middle", "a\xE5\xAE\x87z", 1, 0x5B87, 4},
      {"overlong 2-byte C0 80", "\xC0\x80", 0, kReplacement, 1},
      {"overlong 3-byte E0 80 80", "\xE0\x80\x80", 0, kReplacement, 1},
      {"overlong 4-byte F0 80 80 80", "\xF0\x80\x80\x80", 0, kReplacement, 1},
      {"surrogate ED A0 80", "\xED\xA0\x80", 0, kReplacement, 1},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0, kReplacement, 1},
      {"lead F5", "\xF5\x80\x80\x80", 0, kReplacement, 1},
      {"byte FF", "\xFF", 0, kReplacement, 1},
      {"truncated 2-byte at end", "\xC3", 0, kReplacement, 1},
      {"truncated 3-byte at end", "\xE5\xAE", 0, kReplacement, 1},
      {"truncated 4-byte at end", "\xF0\x9F\x98", 0, kReplacement, 1},
      {"truncated 3-byte before ASCII", "\xE5\xAEz", 0, kReplacement, 1},
      {"stray continuation", "\x80z", 0, kReplacement, 1},
  };
  for (const DecodeCase& c : cases) {
    INFO(c.name);
    std::size_t i = c.start;
    CHECK(next_code_point(c.text, i) == c.expected);
    CHECK(i == c.next);
  }
}

TEST_CASE("next_code_point always makes progress through garbage", "[utf8]") {
  const std::string garbage = "\x80\x80\xC0\xE5\xAE\xF0\x9F\xFF\xED\xA0\x80xy\xF4";
  std::size_t i = 0;
  std::size_t steps = 0;
  std::size_t replacements = 0;
  while (i < garbage.size() && steps <= garbage.size()) {
    const std::size_t before = i;
    if (next_code_point(garbage, i) == kReplacement) ++replacements;
    REQUIRE(i > before);
    ++steps;
  }
  CHECK(i == garbage.size());
  CHECK(steps == garbage.size());  // every byte is its own (ill-formed or ASCII) step
  CHECK(replacements == garbage.size() - 2);
}

TEST_CASE("append_utf8 round-trips through next_code_point", "[utf8]") {
  struct Case {
    char32_t cp;
    std::size_t bytes;
  };
  const Case c = GENERATE(Case{0, 1}, Case{U'A', 1}, Case{0x7F, 1}, Case{0x80, 2}, Case{0xE9, 2},
                          Case{0x7FF, 2}, Case{0x800, 3}, Case{0x5B87, 3}, Case{0xFFFD, 3},
                          Case{0xFFFF, 3}, Case{0x10000, 4}, Case{0x1F600, 4}, Case{0x10FFFF, 4});
  INFO("code point " << static_cast<unsigned long>(c.cp));
  std::string out = "x";
  append_utf8(out, c.cp);
  REQUIRE(out.size() == 1 + c.bytes);
  CHECK(is_valid_utf8(out));
  std::size_t i = 1;
  CHECK(next_code_point(out, i) == c.cp);
  CHECK(i == out.size());
}

TEST_CASE("append_utf8 produces the standard encodings", "[utf8]") {
  std::string out;
  append_utf8(out, 0x5B87);  // 宇
  append_utf8(out, 0x6811);  // 树
  append_utf8(out, 0x1F600);
  CHECK(out == "宇树\xF0\x9F\x98\x80");
}

TEST_CASE("is_valid_utf8", "[utf8]") {
  struct Case {
    std::string_view text;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"plain ASCII", true},
      {"宇树 Unitree 机器狗", true},
      {"\xF0\x9F\x98\x80", true},
      {"\xEF\xBF\xBD", true},
      {"\xC0\x80", false},
      {"\xED\xA0\x80", false},
      {"\xE5\xAE", false},
      {"abc\xE5\xAE", false},
      {"\x80", false},
      {"\xFF\xFE", false},
      {"\xF4\x90\x80\x80", false},
      {"宇\xAE树", false},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(is_valid_utf8(c.text) == c.valid);
  }
}

TEST_CASE("repair_utf8 replaces ill-formed sequences and counts them", "[utf8]") {
  struct Case {
    std::string_view text;
    std::string expected;
    std::size_t repaired;
  };
  const std::string r = kReplacementUtf8;
  const Case cases[] = {
      {"", "", 0},
      {"宇树 Unitree", "宇树 Unitree", 0},
      {"x\xFFy", "x" + r + "y", 1},
      {"\xC0\x80", r, 1},                      // overlong: one sequence
      {"\xED\xA0\x80", r, 1},                  // surrogate: one sequence
      {"\xE5\xAEz", r + "z", 1},               // truncated before ASCII
      {"x\xF0\x9F\x98", "x" + r, 1},           // truncated at the end
      {"\x80\x80\x80", r, 1},                  // a run of stray continuations
      {"\xC3\xA9\xA9", "\xC3\xA9" + r, 1},     // valid é, then a stray byte
      {"\xE5\xAE\xE5\xAE\x87", r + "宇", 1},   // truncated, then a valid character
      {"\xFF\xFE\xFF", r + r + r, 3},          // three separate bad leads
      {"\xED\xA0\x80\xED\xB0\x80", r + r, 2},  // a CESU-8 surrogate pair
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::size_t repaired = 99;
    const std::string out = repair_utf8(c.text, repaired);
    CHECK(out == c.expected);
    CHECK(repaired == c.repaired);
    CHECK(is_valid_utf8(out));
  }
}

TEST_CASE("count_code_points", "[utf8]") {
  struct Case {
    std::string_view text;
    std::size_t count;
  };
  const Case cases[] = {
      {"", 0},           {"abc", 3},  {"宇树", 2}, {"宇树 Unitree", 10}, {"\xF0\x9F\x98\x80!", 2},
      {"\xC0\x80", 2},  // ill-formed bytes count one each
      {"x\xE5\xAEy", 4}, {"\xFF", 1},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(count_code_points(c.text) == c.count);
  }
}

TEST_CASE("floor_to_code_point never lands inside a character", "[utf8]") {
  const std::string_view text = "a宇\xF0\x9F\x98\x80z";  // starts at 0, 1, 4, 8; size 9
  const std::size_t expected[] = {0, 1, 1, 1, 4, 4, 4, 4, 8, 9, 9, 9};
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    INFO("offset " << i);
    CHECK(floor_to_code_point(text, i) == expected[i]);
  }
  CHECK(floor_to_code_point("", 0) == 0);
  CHECK(floor_to_code_point("", 5) == 0);
  CHECK(floor_to_code_point("宇树", 5) == 3);
}

}  // namespace
}  // namespace longjing
