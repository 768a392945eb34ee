// Regression tests for what fuzzing and fault injection found (tests/fuzz/, tests/e2e/):
// one test case per finding, named after what broke, with the smallest input that showed it.
#include <catch2/catch.hpp>
#include <string>

#include "longjing/error.h"
#include "longjing/formats.h"
#include "longjing/query_builder.h"
#include "longjing/utf8.h"

using Catch::Matchers::Contains;
using longjing::Article;
using longjing::parse_html;
using longjing::QueryBuilder;
using longjing::QueryError;

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

// formats_fuzz: gumbo decodes a numeric character reference past 32 bits to ill-formed
// UTF-8 (its code point overflows), which reached the Article (body, title, metadata).
TEST_CASE("parse_html keeps UTF-8 valid when a numeric reference overflows",
          "[formats][regression]") {
  struct Case {
    const char* html;
    std::string body;
  };
  const std::string r = kReplacement;
  const Case cases[] = {
      {"&#xBBBBBBBB", r},
      {"<p>a &#xBBBBBBBB; b</p>", "a " + r + " b"},
      {"<p>&#99999999999;</p>", r},
      {"<p>&#x10FFFF;&#x110000;</p>", "\xF4\x8F\xBF\xBF" + r},  // the last valid one stays
  };
  for (const Case& c : cases) {
    INFO(c.html);
    const Article a = parse_html(c.html);
    CHECK(a.body == c.body);
    CHECK(longjing::is_valid_utf8(a.body));
  }
  const Article meta = parse_html(
      "<html lang='&#xBBBBBBBB;'><head><title>T &#xBBBBBBBB;</title>"
      "<meta name=author content='&#xBBBBBBBB;'></head><body>x</body></html>");
  CHECK(meta.title == "T " + r);
  CHECK(meta.source == r);
  CHECK(meta.language == r);
  CHECK(meta.body == "x");
}

// query_fuzz: a Chinese run of three or more characters (or Chinese then Latin, 机2) next
// to NEAR or ADJ becomes a phrase, which Xapian refuses inside NEAR with UnimplementedError
// (and leaks its parse state: tests/lsan-suppressions.txt). It must reach the user as a
// QueryError naming the query, never as another exception.
TEST_CASE("NEAR next to Chinese words is a QueryError", "[query_builder][regression]") {
  QueryBuilder builder;
  for (const char* query :
       {"宇树科技 NEAR robot", "robot NEAR 宇树科技", "宇树科技 ADJ/2 robot", "机2 NEAR Q"}) {
    INFO(query);
    try {
      (void)builder.build(query);
      FAIL("no QueryError");
    } catch (const QueryError& e) {
      CHECK_THAT(e.what(), Catch::Matchers::Contains(std::string("'") + query + "'"));
    }
  }
  // One or two Chinese characters are a single term: NEAR accepts them.
  CHECK(builder.build("宇树 NEAR robot").description() == "Query((宇树 NEAR 11 robot@2))");
  CHECK(builder.build("宇 NEAR robot").description() == "Query((宇 NEAR 11 robot@2))");
}

// query_fuzz: Xapian 1.4.22's QueryParser crashes (a null dereference in Query::operator&=)
// on a word of a field-processor prefix that holds a second colon ("z +cjk:a:b").
// rewrite_query made one when a word touched a quoted Chinese chunk (z +州"州 became
// z +cjk:<hex>cjk:<hex>) and passed a user's own "cjk:a:b" through, so `searcher
// 'unitree +宇树"杭州'` died with SIGSEGV. Touching pieces are now written apart, and a
// user's "cjk:" is plain text.
TEST_CASE("A word touching a quoted Chinese chunk does not crash the query parser",
          "[query_builder][regression][query_crash]") {
  QueryBuilder builder;
  CHECK_THAT(builder.build("unitree +宇树\"杭州").description(),
             Contains("宇树") && Contains("杭州") && Contains("unitre"));
  CHECK_THAT(builder.build("z +州\"州").description(), Contains("州"));
  try {
    (void)builder.build("z +cjk:a:b");  // any answer but a crash
  } catch (const QueryError& e) {
    CHECK_THAT(e.what(), Contains("z +cjk:a:b"));
  }
}
