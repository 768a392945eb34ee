// Regression tests for what fuzzing and fault injection found (tests/fuzz/, tests/e2e/):
// one test case per finding, named after what broke, with the smallest input that showed it.
#include <catch2/catch.hpp>
#include <string>

#include "longjing/error.h"
#include "longjing/formats.h"
#include "longjing/query_builder.h"
#include "longjing/utf8.h"
#include "query/query_internal.h"

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
// to NEAR or ADJ becomes a phrase, which Xapian refuses inside NEAR with UnimplementedError.
// The query tree asks its operands first: NEAR of anything but single words is their AND.
TEST_CASE("NEAR next to Chinese words is the AND of its operands", "[query_builder][regression]") {
  QueryBuilder builder;
  for (const char* query :
       {"宇树科技 NEAR robot", "robot NEAR 宇树科技", "宇树科技 ADJ/2 robot", "机2 NEAR Q"}) {
    INFO(query);
    const std::string xapian = builder.build(query).impl().query.get_description();
    CHECK(xapian.find("NEAR") == std::string::npos);
    CHECK(xapian.find(" AND ") != std::string::npos);
  }
  // One or two Chinese characters are a single term: NEAR accepts them.
  CHECK(builder.build("宇树 NEAR robot").impl().query.get_description() ==
        "Query((宇树@1 NEAR 11 robot@2))");
}

// query_fuzz: Xapian 1.4.22's QueryParser crashed (a null dereference in Query::operator&=)
// on a word of a field-processor prefix that holds a second colon ("z +cjk:a:b"), which
// the old string rewriter made when a word touched a quoted Chinese chunk. The query tree
// never hands text to QueryParser; the inputs that showed it stay here.
TEST_CASE("A word touching a quoted Chinese chunk is read as both",
          "[query_builder][regression][query_crash]") {
  QueryBuilder builder;
  CHECK_THAT(builder.build("unitree +宇树\"杭州").impl().query.get_description(),
             Contains("宇树") && Contains("杭州") && Contains("unitre"));
  CHECK_THAT(builder.build("z +州\"州").impl().query.get_description(), Contains("州"));
  CHECK_NOTHROW(builder.build("z +cjk:a:b"));
  CHECK_NOTHROW(builder.build("cjk::\""));
}
