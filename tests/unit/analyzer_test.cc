// Tests for analyzer.h: words and CJK runs, positions, stems and original byte ranges.
#include "longjing/analyzer.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace longjing {
namespace {

using Kind = Token::Kind;

// The comparable part of a token.
struct Expected {
  Kind kind;
  std::string term;
  std::uint32_t position;
  bool positional;
  std::string original;  // text.substr(begin, end - begin)
};

void check_tokens(std::string_view text, const std::vector<Expected>& expected,
                  const AnalyzeOptions& options = {}) {
  INFO("text: " << text);
  const Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.tokens(text, options);
  REQUIRE(tokens.size() == expected.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    INFO("token " << i << ": " << t.term);
    CHECK(t.kind == expected[i].kind);
    CHECK(t.term == expected[i].term);
    CHECK(t.position == expected[i].position);
    CHECK(t.positional == expected[i].positional);
    REQUIRE(t.begin <= t.end);
    REQUIRE(t.end <= text.size());
    CHECK(text.substr(t.begin, t.end - t.begin) == expected[i].original);
  }
}

TEST_CASE("English words get consecutive positions and original ranges", "[analyzer]") {
  check_tokens("The robots running", {{Kind::kWord, "the", 1, true, "The"},
                                      {Kind::kWord, "robots", 2, true, "robots"},
                                      {Kind::kWord, "running", 3, true, "running"}});
}

// Regression: "device driver" must not match "device/driver" (grep does not).
TEST_CASE("Punctuation between words leaves one position free; hyphens do not", "[analyzer]") {
  check_tokens("The robots, running!", {{Kind::kWord, "the", 1, true, "The"},
                                        {Kind::kWord, "robots", 2, true, "robots"},
                                        {Kind::kWord, "running", 4, true, "running"}});
  check_tokens("device/driver", {{Kind::kWord, "device", 1, true, "device"},
                                 {Kind::kWord, "driver", 3, true, "driver"}});
  check_tokens("free-software", {{Kind::kWord, "free", 1, true, "free"},
                                 {Kind::kWord, "software", 2, true, "software"}});
  // "kernel's" is also "kernel", at the same position.
  check_tokens("the kernel's", {{Kind::kWord, "the", 1, true, "the"},
                                {Kind::kWord, "kernel's", 2, true, "kernel's"},
                                {Kind::kWord, "kernel", 2, true, "kernel"}});
}

// Ranking's "within a sentence" window must not reach into the next sentence.
TEST_CASE("A sentence's end leaves kSentenceGap positions free; other dots one", "[analyzer]") {
  constexpr std::uint32_t after = 3 + kSentenceGap;  // run at 2, then the gap
  check_tokens("Robots run. Dogs sit", {{Kind::kWord, "robots", 1, true, "Robots"},
                                        {Kind::kWord, "run", 2, true, "run"},
                                        {Kind::kWord, "dogs", after, true, "Dogs"},
                                        {Kind::kWord, "sit", after + 1, true, "sit"}});
  check_tokens("Why? Because", {{Kind::kWord, "why", 1, true, "Why"},
                                {Kind::kWord, "because", 2 + kSentenceGap, true, "Because"}});
  // A dot inside a name or an address is no sentence end.
  check_tokens("example.org site", {{Kind::kWord, "example", 1, true, "example"},
                                    {Kind::kWord, "org", 3, true, "org"},
                                    {Kind::kWord, "site", 4, true, "site"}});
}

TEST_CASE("A semicolon and a blank line end a sentence too; a line break does not", "[analyzer]") {
  check_tokens("cells; see", {{Kind::kWord, "cells", 1, true, "cells"},
                              {Kind::kWord, "see", 2 + kSentenceGap, true, "see"}});
  check_tokens("Usage\n \nRequired",
               {{Kind::kWord, "usage", 1, true, "Usage"},
                {Kind::kWord, "required", 2 + kSentenceGap, true, "Required"}});
  check_tokens("full of\nactivists", {{Kind::kWord, "full", 1, true, "full"},
                                      {Kind::kWord, "of", 2, true, "of"},
                                      {Kind::kWord, "activists", 3, true, "activists"}});
  // A quoted blank line ("> " alone on its line) is punctuation, not an empty line.
  check_tokens("on\n>\nthe",
               {{Kind::kWord, "on", 1, true, "on"}, {Kind::kWord, "the", 3, true, "the"}});
}

// Ranking reads a sentence's length from its bounds (value schema::kSentencesSlot).
TEST_CASE("Each sentence holding a non-CJK word is reported with its length in words",
          "[analyzer]") {
  const Analyzer analyzer;
  std::vector<std::uint32_t> bounds;
  AnalyzeOptions options;
  options.sentence_bounds = &bounds;
  // "Robots, dogs and cats run." takes positions 10-15 for its 5 words (the comma leaves
  // one free). 春风又绿 alone would not be reported, but 。 ends no sentence, so it shares
  // one with "Sit": 4 characters and a word. 机器狗Go2 jumps: 3 characters and 2 words.
  const std::uint32_t end =
      analyzer.analyze("Robots, dogs and cats run. 春风又绿。 Sit!\n\n机器狗Go2 jumps", 10, options,
                       [](const Token&) {});
  const std::uint32_t spring = 16 + kSentenceGap;         // 春
  const std::uint32_t robot = spring + 6 + kSentenceGap;  // 机: after "Sit", "!" and a blank line
  CHECK(bounds == std::vector<std::uint32_t>{10, 15, spring, spring + 5, robot, robot + 5});
  CHECK(end == robot + 5);
  // Nothing but Chinese: no sentence is reported.
  bounds.clear();
  analyzer.analyze("春风又绿江南岸。明月何时照我还", 1, options, [](const Token&) {});
  CHECK(bounds.empty());
}

TEST_CASE("Words keep Xapian's infixes and suffixes", "[analyzer]") {
  struct Case {
    std::string_view text;
    std::vector<std::string> terms;
  };
  // Words that punctuation separates are a position apart (checked above); here only
  // the terms matter.
  const Case cases[] = {
      {"I like C++.", {"i", "like", "c++"}},
      {"c# and F#", {"c#", "and", "f#"}},
      {"don't", {"don't"}},
      {"don\xE2\x80\x99t", {"don't"}},  // U+2019 becomes '
      {"AT&T", {"at&t"}},
      {"pi is 3.14", {"pi", "is", "3.14"}},
      {"1,000 people", {"1,000", "people"}},
      {"a.b", {"a", "b"}},  // '.' joins digits only
      {"end.", {"end"}},    // a trailing infix is not part of the word
      {"snake_case", {"snake_case"}},
      {"cyber-yangko", {"cyber", "yangko"}},
      {"user@example.com", {"user", "example", "com"}},
  };
  const Analyzer analyzer;
  for (const Case& c : cases) {
    INFO(c.text);
    std::vector<std::string> terms;
    std::uint32_t last_position = 0;
    for (const Token& t : analyzer.tokens(c.text)) {
      terms.push_back(t.term);
      CHECK(t.kind == Kind::kWord);
      CHECK(t.position > last_position);
      last_position = t.position;
    }
    CHECK(terms == c.terms);
  }
}

TEST_CASE("Suffixes, numbers and hyphenated words keep their original range", "[analyzer]") {
  check_tokens("Use C++ or C# in 3.14 don't cyber-yangko",
               {{Kind::kWord, "use", 1, true, "Use"},
                {Kind::kWord, "c++", 2, true, "C++"},
                {Kind::kWord, "or", 3, true, "or"},
                {Kind::kWord, "c#", 4, true, "C#"},
                {Kind::kWord, "in", 5, true, "in"},
                {Kind::kWord, "3.14", 6, true, "3.14"},
                {Kind::kWord, "don't", 7, true, "don't"},
                {Kind::kWord, "cyber", 8, true, "cyber"},
                {Kind::kWord, "yangko", 9, true, "yangko"}});
}

TEST_CASE("Stems: English words stemmed, words not starting with a letter not", "[analyzer]") {
  struct Case {
    std::string_view word;
    std::string stem;
  };
  const Case cases[] = {
      {"robots", "robot"}, {"running", "run"}, {"connected", "connect"},
      {"2024", ""},        {"3.14", ""},       {"2nd", ""},
  };
  const Analyzer analyzer;
  for (const Case& c : cases) {
    INFO(c.word);
    CHECK(analyzer.stem(c.word) == c.stem);
    const std::vector<Token> tokens = analyzer.tokens(c.word);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].stem == c.stem);
    AnalyzeOptions no_stems;
    no_stems.stems = false;
    const std::vector<Token> unstemmed = analyzer.tokens(c.word, no_stems);
    REQUIRE(unstemmed.size() == 1);
    CHECK(unstemmed[0].stem.empty());
  }
  CHECK(analyzer.stem("").empty());
}

TEST_CASE("Full-width Latin becomes one word covering the full-width bytes", "[analyzer]") {
  check_tokens("ＵＮＩＴＲＥＥ Go2", {{Kind::kWord, "unitree", 1, true, "ＵＮＩＴＲＥＥ"},
                                      {Kind::kWord, "go2", 2, true, "Go2"}});
}

TEST_CASE("A CJK run gives positional bigrams and unigrams positional only where a token joins",
          "[analyzer]") {
  check_tokens("宇树科技", {{Kind::kCjkUnigram, "宇", 1, false, "宇"},
                            {Kind::kCjkBigram, "宇树", 1, true, "宇树"},
                            {Kind::kCjkUnigram, "树", 2, false, "树"},
                            {Kind::kCjkBigram, "树科", 2, true, "树科"},
                            {Kind::kCjkUnigram, "科", 3, false, "科"},
                            {Kind::kCjkBigram, "科技", 3, true, "科技"},
                            {Kind::kCjkUnigram, "技", 4, false, "技"}});
  const Analyzer analyzer;
  CHECK(analyzer.analyze("宇树科技", 1, {}, [](const Token&) {}) == 5);
  CHECK(analyzer.analyze("宇树科技", 10, {}, [](const Token&) {}) == 14);
}

TEST_CASE("Mixed CJK and Latin share one position counter", "[analyzer]") {
  check_tokens("机器狗Go2", {{Kind::kCjkUnigram, "机", 1, false, "机"},
                             {Kind::kCjkBigram, "机器", 1, true, "机器"},
                             {Kind::kCjkUnigram, "器", 2, false, "器"},
                             {Kind::kCjkBigram, "器狗", 2, true, "器狗"},
                             {Kind::kCjkUnigram, "狗", 3, true, "狗"},
                             {Kind::kWord, "go2", 4, true, "Go2"}});
  check_tokens("2024年春晚", {{Kind::kWord, "2024", 1, true, "2024"},
                              {Kind::kCjkUnigram, "年", 2, true, "年"},
                              {Kind::kCjkBigram, "年春", 2, true, "年春"},
                              {Kind::kCjkUnigram, "春", 3, false, "春"},
                              {Kind::kCjkBigram, "春晚", 3, true, "春晚"},
                              {Kind::kCjkUnigram, "晚", 4, false, "晚"}});
}

TEST_CASE("A run's end unigram keeps its position only next to a token", "[analyzer]") {
  const Analyzer analyzer;
  auto positional_unigrams = [&](std::string_view text) {
    std::string out;
    for (const Token& t : analyzer.tokens(text)) {
      if (t.kind == Kind::kCjkUnigram && t.positional)
        out += t.term + "@" + std::to_string(t.position) + " ";
    }
    return out;
  };
  CHECK(positional_unigrams("机器 狗") == "器@2 狗@3 ");  // white space joins
  CHECK(positional_unigrams("机器-dog") == "器@2 ");      // so does a hyphen
  CHECK(positional_unigrams("机器。dog") == "");          // punctuation does not
  CHECK(positional_unigrams("v2机器人x") == "机@2 人@4 ");
  CHECK(positional_unigrams("  机器  ") == "");  // nor the text's ends
}

// Regression: 春风 must not match 「春。风」, nor 哈哈哈 「哈，哈哈」 (docs/architecture.md,
// "Tokens and positions").
TEST_CASE("Punctuation ends a CJK run: no bigram across it", "[analyzer]") {
  check_tokens("春。风", {{Kind::kCjkUnigram, "春", 1, false, "春"},
                          {Kind::kCjkUnigram, "风", 3, false, "风"}});
  check_tokens("哈，哈哈", {{Kind::kCjkUnigram, "哈", 1, false, "哈"},
                            {Kind::kCjkUnigram, "哈", 3, false, "哈"},
                            {Kind::kCjkBigram, "哈哈", 3, true, "哈哈"},
                            {Kind::kCjkUnigram, "哈", 4, false, "哈"}});
}

TEST_CASE("Tokens arrive in order of position", "[analyzer]") {
  const Analyzer analyzer;
  std::uint32_t last = 0;
  const std::vector<Token> tokens = analyzer.tokens("宇树科技 robots 深度学习, kernel's 杭州");
  REQUIRE(tokens.size() > 10);
  for (const Token& t : tokens) {
    INFO(t.term << "@" << t.position);
    CHECK(t.position >= last);
    last = t.position;
  }
}

TEST_CASE("Empty and ill-formed input", "[analyzer]") {
  const Analyzer analyzer;
  CHECK(analyzer.tokens("").empty());
  CHECK(analyzer.tokens(" ,.!? 。").empty());
  CHECK(analyzer.analyze("", 7, {}, [](const Token&) { FAIL("no token expected"); }) == 7);
  CHECK(analyzer.analyze("hello world", 10, {}, [](const Token&) {}) == 12);
  const std::string_view bad = "pq\xFFrs \xC0\x80 \xE5\xAE 宇\xFF树 \xED\xA0\x80";
  std::vector<Token> tokens;
  REQUIRE_NOTHROW(tokens = analyzer.tokens(bad));
  std::vector<std::string> terms;
  for (const Token& t : tokens) terms.push_back(t.term);
  CHECK(terms == std::vector<std::string>{"pq", "rs", "宇", "树"});
}

TEST_CASE("contains_cjk", "[analyzer]") {
  struct Case {
    std::string_view text;
    bool cjk;
  };
  const Case cases[] = {
      {"", false},
      {"unitree", false},
      {"ＵＮＩＴＲＥＥ", false},  // full-width Latin is not CJK
      {"，。「」", false},        // nor CJK punctuation
      {"한국어", false},          // Hangul is not in the CJK runs
      {"宇树", true},
      {"Unitree 宇树 Go2", true},
      {"ひらがな", true},
      {"カタカナ", true},
      {"々", true},
      {"〇", true},
      {"ー", true},
      {"\xF0\xA0\x80\x80", true},  // U+20000, extension B
      {"\xE5\xAE", false},         // a truncated 宇
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(contains_cjk(c.text) == c.cjk);
  }
}

}  // namespace
}  // namespace longjing
