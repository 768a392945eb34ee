// Tests for schema.h: document data encoding, unique-id terms and compact dates.
#include "longjing/schema.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace longjing::schema {
namespace {

StoredDocument sample_document() {
  StoredDocument doc;
  doc.article.path = "/home/a/corpus/宇树/unitree.md";
  doc.article.title = "宇树科技发布 Go2";
  doc.article.date = "2025-02-19";
  doc.article.source = "新华社";
  doc.article.language = "zh-Hans";
  doc.article.url = "https://example.com/unitree?x=1&y=2";
  doc.article.body = "机器狗Go2 在 2024年春晚 亮相。\n";
  doc.article.body += '\0';
  doc.article.body += "second line" + std::string(300, 'x');
  doc.mtime = 4'102'444'800;  // 2100-01-01, beyond 32 bits
  doc.size = 5'000'000'000ull;
  doc.content_hash = "cbf29ce484222325";
  doc.article.pages = 300;
  return doc;
}

void check_same(const StoredDocument& a, const StoredDocument& b) {
  CHECK(a.article.path == b.article.path);
  CHECK(a.article.title == b.article.title);
  CHECK(a.article.date == b.article.date);
  CHECK(a.article.source == b.article.source);
  CHECK(a.article.language == b.article.language);
  CHECK(a.article.url == b.article.url);
  CHECK(a.article.body == b.article.body);
  CHECK(a.mtime == b.mtime);
  CHECK(a.size == b.size);
  CHECK(a.content_hash == b.content_hash);
  CHECK(a.article.pages == b.article.pages);
}

TEST_CASE("encode_document and decode_document round-trip every field", "[schema]") {
  const StoredDocument doc = sample_document();
  REQUIRE(doc.article.body.find('\0') != std::string::npos);  // embedded NUL survives too
  const std::optional<StoredDocument> decoded = decode_document(encode_document(doc));
  REQUIRE(decoded.has_value());
  check_same(*decoded, doc);
}

TEST_CASE("encode_document round-trips extreme numbers and empty fields", "[schema]") {
  StoredDocument doc;
  const std::int64_t mtime =
      GENERATE(std::int64_t{0}, std::int64_t{1}, std::int64_t{127}, std::int64_t{128},
               std::int64_t{-1}, std::int64_t{INT64_MAX}, std::int64_t{INT64_MIN});
  doc.mtime = mtime;
  doc.size = UINT64_MAX;
  const std::optional<StoredDocument> decoded = decode_document(encode_document(doc));
  REQUIRE(decoded.has_value());
  check_same(*decoded, doc);
}

TEST_CASE("decode_document refuses data that is not ours or is damaged", "[schema]") {
  const std::string good = encode_document(sample_document());
  struct Case {
    const char* name;
    std::string data;
  };
  const Case cases[] = {
      {"empty", ""},
      {"plain text", "hello world"},
      {"wrong version", std::string("\x02").append(good, 1)},  // appended: see html_format.cc
      {"version byte only", "\x01"},
      {"length past the end", "\x01\x7Fxyz"},
      {"unterminated varint", std::string("\x01").append(20, '\xFF')},
      {"trailing byte", good + "x"},
      {"JSON", R"({"path": "/a"})"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK_FALSE(decode_document(c.data).has_value());
  }
}

TEST_CASE("decode_document reads data written before page counts as no pages", "[schema]") {
  StoredDocument doc = sample_document();
  doc.article.pages = 0;  // what every document was before: no trailing count
  const std::string old_data = encode_document(doc);
  doc.article.pages = 300;
  const std::string new_data = encode_document(doc);
  REQUIRE(new_data.size() == old_data.size() + 2);  // one varint more, nothing else moved
  CHECK(new_data.compare(0, old_data.size(), old_data) == 0);
  const auto decoded = decode_document(old_data);
  REQUIRE(decoded.has_value());
  CHECK(decoded->article.pages == 0);
  CHECK(decode_document(new_data)->article.pages == 300);
  CHECK_FALSE(decode_document(new_data.substr(0, new_data.size() - 1)).has_value());  // cut varint
  CHECK_FALSE(decode_document(old_data + '\0').has_value());  // a count of 0 is never written
}

TEST_CASE("decode_document reads tags after the page count, and older data as no tags",
          "[schema]") {
  StoredDocument doc = sample_document();
  doc.article.pages = 0;
  const std::string old_data = encode_document(doc);
  doc.article.tags = {"robotics", "机器人"};
  const std::string tagged = encode_document(doc);
  CHECK(tagged.compare(0, old_data.size(), old_data) == 0);  // appended, nothing else moved
  const auto decoded = decode_document(tagged);
  REQUIRE(decoded.has_value());
  CHECK(decoded->article.tags == std::vector<std::string>{"robotics", "机器人"});
  CHECK(decoded->article.pages == 0);
  CHECK(decode_document(old_data)->article.tags.empty());
  doc.article.pages = 12;
  const auto paged = decode_document(encode_document(doc));
  REQUIRE(paged.has_value());
  CHECK(paged->article.pages == 12);
  CHECK(paged->article.tags.size() == 2);
  for (std::size_t cut = old_data.size() + 1; cut < tagged.size(); ++cut) {
    INFO("first " << cut << " of " << tagged.size() << " bytes");
    CHECK_FALSE(decode_document(std::string_view(tagged).substr(0, cut)).has_value());
  }
}

TEST_CASE("decode_document refuses every truncation of a good record", "[schema]") {
  StoredDocument doc = sample_document();
  doc.article.body = "宇树 Unitree";  // keep the loop short
  doc.article.pages = 0;              // a page count is optional at the end: see the test above
  const std::string good = encode_document(doc);
  for (std::size_t n = 0; n < good.size(); ++n) {
    INFO("first " << n << " of " << good.size() << " bytes");
    CHECK_FALSE(decode_document(std::string_view(good).substr(0, n)).has_value());
  }
  CHECK(decode_document(good).has_value());
}

TEST_CASE("parse_term reads every prefix the schema writes, and make_term writes it", "[schema]") {
  struct Case {
    std::string_view term;
    TermKind kind;
    std::string_view text;
  };
  const Case cases[] = {
      {"robots", TermKind::kWord, "robots"},       {"宇树", TermKind::kWord, "宇树"},
      {"2024", TermKind::kWord, "2024"},           {"Zrobot", TermKind::kStem, "robot"},
      {"Swukong", TermKind::kTitleWord, "wukong"}, {"ZSwukong", TermKind::kTitleStem, "wukong"},
      {"Ahuabo", TermKind::kSourceWord, "huabo"},  {"Krobotics", TermKind::kTagWord, "robotics"},
      {"XPcorpus", TermKind::kPathWord, "corpus"}, {"XW杭州", TermKind::kDictionaryWord, "杭州"},
      {"Q/a/b.txt", TermKind::kId, "/a/b.txt"},    {"Lzh-hans", TermKind::kLanguage, "zh-hans"},
      {"D20250219", TermKind::kDay, "20250219"},   {"M202502", TermKind::kMonth, "202502"},
      {"Y2025", TermKind::kYear, "2025"},          {"XYZabc", TermKind::kOther, "abc"},
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

TEST_CASE("id_term of a short path is Q + the path", "[schema]") {
  const std::string paths[] = {"/a", "/home/a/corpus/宇树/unitree.md", std::string(239, 'p')};
  for (const std::string& path : paths) {
    INFO(path);
    CHECK(id_term(path) == "Q" + path);
  }
  CHECK(id_term(std::string(239, 'p')).size() == kMaxIdTermBytes);
}

TEST_CASE("id_term of a long path is bounded and unique", "[schema]") {
  const std::string common(480, 'd');
  const std::string a = "/" + common + "/first.txt";
  const std::string b = "/" + common + "/other.txt";
  REQUIRE(a.size() == 491);
  const std::string ta = id_term(a);
  const std::string tb = id_term(b);
  CHECK(ta.size() <= kMaxIdTermBytes);
  CHECK(tb.size() <= kMaxIdTermBytes);
  CHECK(ta.rfind("Q#", 0) == 0);
  CHECK(ta != tb);
  CHECK(id_term(a) == ta);  // stable

  // Same tail, different heads: the hash tells them apart.
  const std::string c = "/x" + std::string(500, 'd') + "/same.txt";
  const std::string d = "/y" + std::string(500, 'd') + "/same.txt";
  CHECK(id_term(c).size() <= kMaxIdTermBytes);
  CHECK(id_term(c) != id_term(d));

  // One byte over the limit is hashed too.
  const std::string e(240, 'p');
  CHECK(id_term(e).size() <= kMaxIdTermBytes);
  CHECK(id_term(e) != std::string("Q").append(e, 0, 239));  // appended: see html_format.cc
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
