// Tests for schema.h: document data encoding, unique-id terms and compact dates.
#include "longjing/schema.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace longjing::schema {
namespace {

Article sample_article() {
  Article a;
  a.title = "宇树科技发布 Go2";
  a.date = "2025-02-19";
  a.source = "新华社";
  a.language = "zh-Hans";
  a.url = "https://example.com/unitree?x=1&y=2";
  a.body = "机器狗Go2 在 2024年春晚 亮相。\n";
  a.body += '\0';
  a.body += "second line" + std::string(300, 'x');
  a.pages = 300;
  return a;
}

void check_same(const Article& a, const Article& b) {
  CHECK(a.path == b.path);
  CHECK(a.title == b.title);
  CHECK(a.date == b.date);
  CHECK(a.source == b.source);
  CHECK(a.language == b.language);
  CHECK(a.url == b.url);
  CHECK(a.body == b.body);
  CHECK(a.pages == b.pages);
  CHECK(a.tags == b.tags);
}

TEST_CASE("encode_article and decode_article round-trip every stored field", "[schema]") {
  const Article article = sample_article();
  REQUIRE(article.body.find('\0') != std::string::npos);  // embedded NUL survives too
  const std::optional<Article> decoded = decode_article(encode_article(article));
  REQUIRE(decoded.has_value());
  check_same(*decoded, article);
}

TEST_CASE("encode_article leaves the path to the document's value", "[schema]") {
  Article article = sample_article();
  const std::string without = encode_article(article);
  article.path = "/home/a/corpus/宇树/unitree.md";
  const std::string with = encode_article(article);
  CHECK(with == without);
  CHECK(with.find("unitree.md") == std::string::npos);
  CHECK(decode_article(with)->path.empty());
}

TEST_CASE("encode_article round-trips empty fields and the largest page count", "[schema]") {
  Article article;
  article.pages = GENERATE(0u, 1u, 127u, 128u, UINT32_MAX);
  const std::optional<Article> decoded = decode_article(encode_article(article));
  REQUIRE(decoded.has_value());
  check_same(*decoded, article);
}

TEST_CASE("decode_article refuses data that is not ours or is damaged", "[schema]") {
  const std::string good = encode_article(sample_article());
  struct Case {
    const char* name;
    std::string data;
  };
  const Case cases[] = {
      {"empty", ""},
      {"plain text", "hello world"},
      {"the version of schema 2, with the path first",
       std::string("\x01").append(good, 1)},  // appended: see html_format.cc
      {"version byte only", "\x02"},
      {"length past the end", "\x02\x7Fxyz"},
      {"unterminated varint", std::string("\x02").append(20, '\xFF')},
      {"trailing byte", good + "x"},
      {"JSON", R"({"path": "/a"})"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK_FALSE(decode_article(c.data).has_value());
  }
}

TEST_CASE("decode_article reads a record without a page count as no pages", "[schema]") {
  Article article = sample_article();
  article.pages = 0;  // no trailing count
  const std::string unpaged = encode_article(article);
  article.pages = 300;
  const std::string paged = encode_article(article);
  REQUIRE(paged.size() == unpaged.size() + 2);  // one varint more, nothing else moved
  CHECK(paged.compare(0, unpaged.size(), unpaged) == 0);
  const auto decoded = decode_article(unpaged);
  REQUIRE(decoded.has_value());
  CHECK(decoded->pages == 0);
  CHECK(decode_article(paged)->pages == 300);
  CHECK_FALSE(decode_article(paged.substr(0, paged.size() - 1)).has_value());  // cut varint
  CHECK_FALSE(decode_article(unpaged + '\0').has_value());  // a count of 0 is never written
}

TEST_CASE("decode_article reads tags after the page count, and a record without them as none",
          "[schema]") {
  Article article = sample_article();
  article.pages = 0;
  const std::string untagged = encode_article(article);
  article.tags = {"robotics", "机器人"};
  const std::string tagged = encode_article(article);
  CHECK(tagged.compare(0, untagged.size(), untagged) == 0);  // appended, nothing else moved
  const auto decoded = decode_article(tagged);
  REQUIRE(decoded.has_value());
  CHECK(decoded->tags == std::vector<std::string>{"robotics", "机器人"});
  CHECK(decoded->pages == 0);
  CHECK(decode_article(untagged)->tags.empty());
  article.pages = 12;
  const auto paged = decode_article(encode_article(article));
  REQUIRE(paged.has_value());
  CHECK(paged->pages == 12);
  CHECK(paged->tags.size() == 2);
  for (std::size_t cut = untagged.size() + 1; cut < tagged.size(); ++cut) {
    INFO("first " << cut << " of " << tagged.size() << " bytes");
    CHECK_FALSE(decode_article(std::string_view(tagged).substr(0, cut)).has_value());
  }
}

TEST_CASE("decode_article refuses every truncation of a good record", "[schema]") {
  Article article = sample_article();
  article.body = "宇树 Unitree";  // keep the loop short
  article.pages = 0;              // a page count is optional at the end: see the test above
  const std::string good = encode_article(article);
  for (std::size_t n = 0; n < good.size(); ++n) {
    INFO("first " << n << " of " << good.size() << " bytes");
    CHECK_FALSE(decode_article(std::string_view(good).substr(0, n)).has_value());
  }
  CHECK(decode_article(good).has_value());
}

TEST_CASE("Sentence bounds round-trip, and a prefix of them is read up to a place", "[schema]") {
  const std::vector<std::uint32_t> bounds{1, 4, 104, 114, 144, 150, 260, 262};
  const std::string value = schema::encode_sentence_bounds(bounds);
  CHECK(value.size() == bounds.size());  // steps below 128 take a byte each
  CHECK(schema::decode_sentence_bounds(value) == bounds);
  // Up to the sentence starting after 120: the one it is in, and the one that ends it.
  CHECK(schema::decode_sentence_bounds(value, 120) ==
        std::vector<std::uint32_t>{1, 4, 104, 114, 144, 150});
  CHECK(schema::decode_sentence_bounds(value, 0) == std::vector<std::uint32_t>{1, 4});
  // Large steps take several bytes.
  const std::vector<std::uint32_t> far{5, 200000, 4000000000U, 4000000001U};
  CHECK(schema::decode_sentence_bounds(schema::encode_sentence_bounds(far)) == far);
  CHECK(schema::decode_sentence_bounds("").empty());
  // Damaged values read as none: a varint cut short, an odd count, a sum past 32 bits.
  CHECK(schema::decode_sentence_bounds(std::string("\x05\x85", 2)).empty());
  CHECK(schema::decode_sentence_bounds(std::string("\x05\x02\x03", 3)).empty());
  CHECK(schema::decode_sentence_bounds(schema::encode_sentence_bounds({4000000000U, 4000000001U}) +
                                       schema::encode_sentence_bounds({400000000U, 400000001U}))
            .empty());
}

TEST_CASE("parse_term reads every prefix the schema writes, and make_term writes it", "[schema]") {
  struct Case {
    std::string_view term;
    TermKind kind;
    std::string_view text;
  };
  const Case cases[] = {
      {"robots", TermKind::kWord, "robots"},
      {"宇树", TermKind::kWord, "宇树"},
      {"2024", TermKind::kWord, "2024"},
      {"Zrobot", TermKind::kStem, "robot"},
      {"Swukong", TermKind::kTitleWord, "wukong"},
      {"ZSwukong", TermKind::kTitleStem, "wukong"},
      {"Ahuabo", TermKind::kSourceWord, "huabo"},
      {"Krobotics", TermKind::kTagWord, "robotics"},
      {"XPcorpus", TermKind::kPathWord, "corpus"},
      {"Q00ff", TermKind::kId, "00ff"},
      {"Lzh-hans", TermKind::kLanguage, "zh-hans"},
      {"D20250219", TermKind::kDay, "20250219"},
      {"M202502", TermKind::kMonth, "202502"},
      {"Y2025", TermKind::kYear, "2025"},
      {"XYZabc", TermKind::kOther, "abc"},
  };
  for (const Case& c : cases) {
    INFO(c.term);
    const Term parsed = parse_term(c.term);
    CHECK(parsed.kind == c.kind);
    CHECK(parsed.text == c.text);
    if (c.kind != TermKind::kOther) CHECK(make_term(c.kind, c.text) == c.term);
  }
  CHECK(term_kind_name(TermKind::kTitleStem) == "title stem");
  CHECK(parse_term(id_term("/x/y.md")).kind == TermKind::kId);
}

TEST_CASE("id_term is Q and 16 hex digits of the path's hash, for paths of any length",
          "[schema]") {
  const std::string paths[] = {"/a", "/home/a/corpus/宇树/unitree.md", std::string(239, 'p'),
                               "/" + std::string(480, 'd') + "/first.txt",
                               "/" + std::string(480, 'd') + "/other.txt"};
  std::set<std::string> terms;
  for (const std::string& path : paths) {
    INFO(path);
    const std::string term = id_term(path);
    CHECK(term.size() == 17);
    CHECK(term.rfind("Q", 0) == 0);
    CHECK(term.find_first_not_of("0123456789abcdef", 1) == std::string::npos);
    CHECK(id_term(path) == term);  // stable
    terms.insert(term);
  }
  CHECK(terms.size() == std::size(paths));  // these differ (a shared hash is handled by callers)
  // The digits are FNV-1a 64's, most significant first, as indexes already built hold them.
  CHECK(id_term("") == "Qcbf29ce484222325");
  CHECK(id_term("a") == "Qaf63dc4c8601ec8c");
  CHECK(root_term("a") == "XRaf63dc4c8601ec8c");
}

TEST_CASE("compact_date", "[schema]") {
  struct Case {
    std::string_view iso;
    std::string_view compact;
  };
  const Case cases[] = {
      {"2025-02-19", "20250219"}, {"1999-12-31", "19991231"},
      {"2024-01-01", "20240101"}, {"2025-13-01", ""},
      {"2025-00-10", ""},         {"2025-01-00", ""},
      {"2025-01-32", ""},         {"2025/02/19", ""},
      {"20250219", ""},           {"2025-2-19", ""},
      {"2025-02-19T10:00", ""},   {"２０２５-02-19", ""},
      {"abcd-ef-gh", ""},         {"", ""},
  };
  for (const Case& c : cases) {
    INFO(c.iso);
    CHECK(compact_date(c.iso) == c.compact);
  }
}

TEST_CASE("compact_date refuses days past the end of the month", "[schema]") {
  struct Case {
    std::string_view iso;
    std::string_view compact;
  };
  const Case cases[] = {
      {"2024-02-29", "20240229"},  // leap year
      {"2025-02-29", ""},         {"2025-02-30", ""},         {"2025-04-31", ""},
      {"1900-02-29", ""},         {"2000-02-29", "20000229"},
  };
  for (const Case& c : cases) {
    INFO(c.iso);
    CHECK(compact_date(c.iso) == c.compact);
  }
}

}  // namespace
}  // namespace longjing::schema
