// Highlighter: spans over the original text, merged CJK matches, passages.
#include <catch2/catch.hpp>

#include "longjing/analyzer.h"
#include "longjing/highlighter.h"
#include "longjing/query_builder.h"
#include "longjing/utf8.h"

using longjing::Analyzer;
using longjing::Highlighter;
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
  CHECK(s.text.rfind("…", 0) == 0);                     // elided before
  CHECK(s.text.substr(s.text.size() - 3) == "…");       // and after
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

TEST_CASE("Without a match the passage is the text's beginning", "[highlighter]") {
  Analyzer analyzer;
  QueryBuilder builder;
  Highlighter h(analyzer, builder.build("absent").highlight_patterns());
  const Snippet s = h.best_passage("First words of the article. Then more.", 200);
  CHECK(s.text == "First words of the article. Then more.");
  CHECK(s.spans.empty());
}
