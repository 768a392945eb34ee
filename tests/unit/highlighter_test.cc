// Highlighter: spans over the original text, merged CJK matches, passages.
#include "longjing/highlighter.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "longjing/analyzer.h"
#include "longjing/query_builder.h"
#include "longjing/utf8.h"
#include "search/highlighter_internals.h"

using longjing::Analyzer;
using longjing::Highlighter;
using longjing::Passages;
using longjing::QueryBuilder;
using longjing::Snippet;

namespace {

// The snippet with spans written as [..], to compare with a readable expectation.
std::string marked(const Snippet& s) {
  std::string out;
  std::size_t at = 0;
  for (const auto& span : s.spans) {
    out += s.text.substr(at, span.begin - at) + "[" +
           s.text.substr(span.begin, span.end - span.begin) + "]";
    at = span.end;
  }
  return out + s.text.substr(at);
}

std::string highlight(const std::string& query, const std::string& text) {
  Analyzer analyzer;
  QueryBuilder builder;
  Highlighter h(analyzer, builder.build(query).highlight_patterns());
  return marked(h.highlight(text));
}

}  // namespace

TEST_CASE("Matches are marked on the text as written", "[highlighter]") {
  struct Case {
    const char* query;
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"robot", "Robots and a rowboat robot.", "[Robots] and a rowboat [robot]."},
      {"Unitree", "ＵＮＩＴＲＥＥ makes Unitree's dogs", "[ＵＮＩＴＲＥＥ] makes [Unitree's] dogs"},
      // Adjacent CJK bigram matches merge into one span.
      {"宇树科技", "杭州宇树科技有限公司", "杭州[宇树科技]有限公司"},
      {"杭州", "杭州宇树科技", "[杭州]宇树科技"},
      {"宇", "宇树和宇宙", "[宇]树和[宇]宙"},
      // Only where the whole phrase occurs.
      {"宇树科", "宇树和宇树科技", "宇树和[宇树科]技"},
      {"春风", "春。风", "春。风"},
      {"哈哈哈", "哈，哈哈", "哈，哈哈"},
      {"机器狗Go2", "新款机器狗Go2上市", "新款[机器狗Go2]上市"},
      {"\"six little dragons\"", "the Six Little Dragons and six dragons",
       "the [Six Little Dragons] and six dragons"},
      {"Unitree NOT dance", "Unitree robots dance", "[Unitree] robots dance"},
      // Latin accents fold both ways; the highlight covers the text as written.
      {"cafe", "Café and cafés", "[Café] and [cafés]"},
      {"résumé", "my resume", "my [resume]"},
      {"zhejiang", "Zhèjiāng province", "[Zhèjiāng] province"},
      // Prefixes and field words are highlighted as text.
      {"robo*", "Robots and a robotic arm", "[Robots] and a [robotic] arm"},
      {"title:Wukong", "Black Myth: Wukong", "Black Myth: [Wukong]"},
      // Every word stemming as the query's does: short stems, the stemmer's exceptions,
      // and long stems read past their first three bytes.
      {"it", "It's its it itself", "[It's] [its] [it] itself"},
      {"id", "ids, IDs and idle", "[ids], [IDs] and idle"},
      {"die", "Dying, dies and died", "[Dying], [dies] and [died]"},
      {"lie", "lying liar", "[lying] liar"},
      {"sky", "Skies and the sky", "[Skies] and the [sky]"},
      {"thermal", "Thermally, thermals; thermostat", "[Thermally], [thermals]; thermostat"},
      {"happiness", "happy happier HAPPINESS", "[happy] happier [HAPPINESS]"},
      {"configuration", "configured configuring config", "[configured] [configuring] config"},
  };
  for (const Case& c : cases) {
    INFO(c.query << " in " << c.text);
    CHECK(highlight(c.query, c.text) == c.expected);
  }
}

TEST_CASE("The best passage holds the matches, cut cleanly", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  Highlighter h(analyzer, builder.build("Unitree").highlight_patterns());
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler words here ";
  text += "and then Unitree appears once ";
  for (int i = 0; i < 40; ++i) text += "more filler text ";
  const Snippet s = h.best_passage(text, 80);
  CHECK(marked(s).find("[Unitree]") != std::string::npos);
  CHECK(s.text.rfind("…", 0) == 0);                      // elided before
  CHECK(s.text.substr(s.text.size() - 3) == "…");        // and after
  CHECK(longjing::count_code_points(s.text) <= 80 + 2);  // the two ellipses
  // Cut at word boundaries: the passage starts and ends with whole words.
  const std::string inner = s.text.substr(3, s.text.size() - 6);
  CHECK(inner.front() != ' ');
  CHECK((inner.rfind("filler", 0) == 0 || inner.rfind("words", 0) == 0 ||
         inner.rfind("here", 0) == 0 || inner.rfind("and", 0) == 0));
}

TEST_CASE("Passages never cut a CJK character and collapse whitespace", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  Highlighter h(analyzer, builder.build("春晚").highlight_patterns());
  std::string text;
  for (int i = 0; i < 100; ++i) text += "机器人";
  text += "在春晚\n\n  上跳舞";
  for (int i = 0; i < 100; ++i) text += "秧歌";
  const Snippet s = h.best_passage(text, 30);
  CHECK(longjing::is_valid_utf8(s.text));
  CHECK(marked(s).find("在[春晚] 上跳舞") != std::string::npos);
}

TEST_CASE("Passages never cut a match: 宇树 at a passage's edge is shown whole or not at all",
          "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  Highlighter h(analyzer, builder.build("宇树").highlight_patterns());
  // Each width puts the passage's end somewhere in or around the second 宇树.
  const std::string filler = "一二三四五六七八";
  const std::string text = "宇树" + filler + "宇树" + filler + filler + "宇树" + filler;
  for (std::size_t width = 16; width <= 40; width += 2) {
    CAPTURE(width);
    const Passages passages = h.best_passages(text, width, 2);
    REQUIRE(!passages.snippets.empty());
    for (const Snippet& s : passages.snippets) {
      for (const auto& span : s.spans) {
        CHECK(s.text.substr(span.begin, span.end - span.begin) == "宇树");
      }
    }
  }
}

TEST_CASE("Without a match the passage is the text's beginning", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  Highlighter h(analyzer, builder.build("absent").highlight_patterns());
  const Snippet s = h.best_passage("First words of the article. Then more.", 200);
  CHECK(s.text == "First words of the article. Then more.");
  CHECK(s.spans.empty());
}

namespace {

// Long filler that matches none of the queries below: English words, and Chinese
// characters for the CJK cases, with the odd punctuation and blank lines.
std::string filler(std::size_t bytes, bool chinese) {
  static const char* const kEnglish[] = {"the",   "quick",   "brown",   "fox,",    "jumps", "over",
                                         "lazy",  "dogs.",   "Every",   "word",    "here",  "is",
                                         "plain", "filler;", "nothing", "else\n\n"};
  static const char* const kChinese[] = {"演员们",       "在",      "《晚会》", "上",
                                         "跳舞，",       "观众：",  "鼓掌。\n", "「票价」",
                                         "１，０００；", "2，000！"};
  std::string out;
  for (std::size_t i = 0; out.size() < bytes; ++i) {
    out += chinese ? kChinese[i % 10] : kEnglish[i % 16];
    if (!chinese) out += ' ';
  }
  return out;
}

// Everything the windowed path's output could differ in, as one string.
std::string everything(const Highlighter& h, const std::string& text) {
  std::string out;
  std::vector<std::size_t> matched;
  out += marked(h.highlight(text, &matched)) + "\n";
  for (std::size_t p : matched) out += std::to_string(p) + " ";
  for (const std::size_t width : {40, 160}) {
    for (const std::size_t count : {1, 3, 20}) {
      const longjing::Passages passages = h.best_passages(text, width, count);
      out += "\n--";
      for (const Snippet& s : passages.snippets)
        (out += '\n') += marked(s);  // appended: see html_format.cc
      for (std::size_t p : passages.matched_patterns) (out += ' ') += std::to_string(p);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Windowed matching gives what analyzing the whole text gives", "[highlighter]") {
  struct Case {
    const char* query;
    const char* inserted;  // placed at the start, in the middle and at the end
    bool chinese;          // Chinese filler
    std::size_t spans;     // marked spans expected in the whole text
  };
  const Case cases[] = {
      {"time", "Time times timing time. (time) \"Times\"", false, 3 * 6},
      {"running", "run runs RUNNING ran runner", false, 3 * 3},
      {"happiness", "happy happiness HAPPINESS unhappy", false, 3 * 3},
      // Full-width letters, a ligature, a soft hyphen and the Kelvin sign normalize to
      // ASCII that the raw bytes do not show.
      {"unitree", "ＵＮＩＴＲＥＥ Ｕnitree u\u00ADnitree Unitree's", false, 3 * 4},
      {"file", "\xEF\xAC\x81le FILE", false, 3 * 2},
      {"kelvin", "\u212Aelvin KELVIN", false, 3 * 2},
      {"über", "ÜBER über Über", false, 3 * 3},
      {"café", "cafe\u0301 CAFÉ café", false, 3 * 3},
      // After a non-ASCII character or a CJK one.
      {"time", "\u2014time 宇树time <\u0338time", false, 3 * 3},
      // Phrases across white space and a line break, not across a blank line, a sentence's
      // end or other punctuation.
      {"\"United States\"", "the United States, united\n   STATES; united. states", false, 3 * 2},
      {"\"United States\"", "united\n \n   states", false, 0},
      {"\"United States\"", "United", false, 0},
      {"\"United States\"",
       "United. Then enough words to keep its window apart from the next one, even after it "
       "grew: unix\u00A0states",
       false, 0},
      {"\"Black Myth: Wukong\"", "Black Myth: Wukong and black myth wukong", false, 3 * 1},
      // Chinese: Traditional and Simplified forms, phrases, compatibility ideographs.
      {"长安", "長安城 长安 長 安", true, 3 * 2},
      {"\"白日依山尽\"", "白日依山盡，白日依山 尽", true, 3 * 1},
      {"宇树科技", "杭州宇树科技有限公司 宇树 科技", true, 3 * 1},
      {"机器狗Go2", "新款机器狗Go2上市 ＧＯ２", true, 3 * 1},
      {"\u5C6E", "\uFA3C", true, 3 * 1},  // 屮 and its compatibility ideograph
      // A full-width comma joins digits as a comma does.
      {"9,123", "价格9，123元，9，1 and 9,123.", true, 3 * 2},
  };
  Analyzer analyzer;
  QueryBuilder builder;
  for (const Case& c : cases) {
    const std::string part = filler(6000, c.chinese);
    const std::string text =
        std::string(c.inserted) + " " + part + " " + c.inserted + " " + part + " " + c.inserted;
    Highlighter whole(analyzer, builder.build(c.query).highlight_patterns());
    longjing::HighlighterInternals::analyze_whole_texts(whole);
    Highlighter windows(analyzer, builder.build(c.query).highlight_patterns());
    INFO(c.query << " around " << c.inserted);
    // The windows leave most of the text out, or the comparison would prove nothing.
    std::size_t covered = 0;
    for (const auto& [begin, end] : longjing::HighlighterInternals::scan_windows(windows, text))
      covered += end - begin;
    CHECK(covered < text.size() / 10);
    CHECK(whole.highlight(text).spans.size() == c.spans);
    CHECK(everything(windows, text) == everything(whole, text));
  }
}

TEST_CASE("The pre-scan reads a long stem past its first three bytes", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  std::string text;
  for (int i = 0; i < 300; ++i) text += "The other theme, then there. ";
  text += "Thermal.";
  const Highlighter h(analyzer, builder.build("thermal").highlight_patterns());
  // One window, about "Thermal", not one about every word starting with "the".
  const auto windows = longjing::HighlighterInternals::scan_windows(h, text);
  REQUIRE(windows.size() == 1);
  CHECK(windows.front().first > text.size() / 2);
  CHECK(marked(h.highlight(text.substr(text.size() - 60))).ends_with("[Thermal]."));
}

TEST_CASE("The pre-scan finds a key at any offset of a block and in any case", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  const Highlighter h(analyzer, builder.build("kernel OR zebra").highlight_patterns());
  // Offsets 0 to 40 cover every place in the 16- and 8-byte blocks the pre-scan reads and
  // the bytes after them; '@' and '[' stand just outside 'A'..'Z', and "xkernel" holds
  // the key but not at a word's start.
  for (const char* word : {"kernel", "KERNEL", "Kernel", "kErNeL", "ZEBRA", "zebra"}) {
    for (std::size_t offset = 0; offset <= 40; ++offset) {
      const std::string text = std::string(offset, offset % 2 == 0 ? '@' : '[') + word + " xkernel";
      INFO(word << " at offset " << offset);
      const auto windows = longjing::HighlighterInternals::scan_windows(h, text);
      REQUIRE(windows.size() == 1);
      CHECK(windows.front().first <= offset);
      CHECK(windows.front().second >= offset + std::strlen(word));
      CHECK(h.highlight(text).spans.size() == 1);
    }
  }
  CHECK(longjing::HighlighterInternals::scan_windows(h, std::string(40, '@') + "xkernel kern zeb")
            .empty());
}

TEST_CASE("A phrase whose words lie past its window's end is still found", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  const std::string text = filler(3000, false) + " United" + std::string(500, ' ') +
                           "-  \n States " + filler(3000, false);
  Highlighter h(analyzer, builder.build("\"United States\"").highlight_patterns());
  const auto windows = longjing::HighlighterInternals::scan_windows(h, text);
  REQUIRE(windows.size() == 1);
  CHECK(windows.front().second < text.find("States"));  // the window must grow
  CHECK(h.highlight(text).spans.size() == 1);
}

TEST_CASE("The pre-scan falls back to the whole text when it cannot be sure", "[highlighter]") {
  Analyzer analyzer;
  const std::string text = filler(3000, false);
  // No key can be read from a first term starting with punctuation.
  const Highlighter unsure(analyzer, {longjing::HighlightPattern{{"+x"}, {}, 1.0, {}, {}}});
  CHECK(longjing::HighlighterInternals::scan_windows(unsure, text) ==
        std::vector<std::pair<std::size_t, std::size_t>>{{0, text.size()}});
  // A pattern that can never match needs no window at all.
  const Highlighter never(analyzer, {longjing::HighlightPattern{{"Sfox"}, {}, 1.0, {}, {}}});
  CHECK(longjing::HighlighterInternals::scan_windows(never, text).empty());
}

TEST_CASE("A huge text is searched for passages in its beginning only", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  const Highlighter h(analyzer, builder.build("harbour").highlight_patterns());
  // 9 MiB of matches of another word's key ("harm"), then one of the word: past the
  // first 8 MiB, so it is not looked for, and the matches before it are analyzed only
  // up to 256 KiB of their windows.
  std::string text;
  while (text.size() < (9u << 20)) text += "harm; ";
  const std::string late = text + "harbour.";
  const longjing::Passages none = h.best_passages(late, 80, 1);
  CHECK(none.matched_patterns.empty());
  REQUIRE(none.snippets.size() == 1);
  CHECK(none.snippets[0].spans.empty());
  // The same word near the beginning is found and marked.
  const longjing::Passages found = h.best_passages("harm; harbour. " + text, 80, 1);
  CHECK(found.matched_patterns == std::vector<std::size_t>{0});
  REQUIRE(found.snippets.size() == 1);
  CHECK(found.snippets[0].spans.size() == 1);
}
