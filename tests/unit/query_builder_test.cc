// QueryBuilder: the syntax tree (parse_query) and its readings, CJK through the Analyzer.
#include "longjing/query_builder.h"

#include <catch2/catch.hpp>

#include "longjing/error.h"
#include "query/parse_query.h"
#include "query/query_internal.h"
#include "query/to_xapian.h"

using longjing::ParsedQuery;
using longjing::QueryBuilder;
using longjing::QueryError;

namespace {

std::vector<std::vector<std::string>> patterns_of(const ParsedQuery& q) {
  std::vector<std::vector<std::string>> out;
  for (const auto& p : q.highlight_patterns()) out.push_back(p.terms);
  return out;
}

// Xapian's description of the query a ParsedQuery runs (white-box: query_internal.h).
std::string xapian_of(const ParsedQuery& q) { return q.impl().query.get_description(); }

}  // namespace

TEST_CASE("CJK runs become phrases of bigrams", "[query_builder]") {
  QueryBuilder builder;
  struct Case {
    const char* query;
    std::vector<std::vector<std::string>> patterns;
  };
  const Case cases[] = {
      {"宇", {{"宇"}}},
      {"宇树", {{"宇树"}}},
      {"宇树科技", {{"宇树", "树科", "科技"}}},
      // The run's last unigram chains the phrase to the Latin word after it.
      {"机器狗Go2", {{"机器", "器狗", "狗", "go2"}}},
      {"2024年春晚", {{"2024", "年春", "春晚"}}},
      {"\"机器狗 Go2\"", {{"机器", "器狗", "狗", "go2"}}},
      // Repeated characters: two identical bigrams at consecutive positions.
      {"哈哈哈", {{"哈哈", "哈哈"}}},
      {"宇树 杭州", {{"宇树"}, {"杭州"}}},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(patterns_of(builder.build(c.query)) == c.patterns);
  }
}

TEST_CASE("English words are normalized and stemmed as the index is", "[query_builder]") {
  QueryBuilder builder;
  CHECK(patterns_of(builder.build("robots")) == std::vector<std::vector<std::string>>{{"Zrobot"}});
  // Full-width letters fold before QueryParser sees them.
  CHECK(patterns_of(builder.build("ＵＮＩＴＲＥＥ")) ==
        std::vector<std::vector<std::string>>{{"Zunitre"}});
  CHECK(patterns_of(builder.build("\"Six Little Dragons\"")) ==
        std::vector<std::vector<std::string>>{{"six", "little", "dragons"}});
}

TEST_CASE("Operators keep their meaning; excluded terms are not highlighted", "[query_builder]") {
  QueryBuilder builder;
  const ParsedQuery q = builder.build("Unitree NOT 宇树");
  CHECK(xapian_of(q).find("AND_NOT") != std::string::npos);
  CHECK(patterns_of(q) == std::vector<std::vector<std::string>>{{"Zunitre"}});
  CHECK(xapian_of(builder.build("DeepSeek OR 深度求索")).find(" OR ") != std::string::npos);
}

TEST_CASE("The Xapian query of each construct", "[query_builder]") {
  QueryBuilder builder;
  struct Case {
    const char* query;
    const char* xapian;
  };
  const Case cases[] = {
      {"Unitree AND Robots", "Query((Zunitre@1 AND Zrobot@2))"},
      {"(a OR B) -C", "Query(((Za@1 OR Zb@2) AND_NOT Zc@3))"},
      {"a b OR c", "Query(((Za@1 AND Zb@2) OR Zc@3))"},
      {"a XOR b", "Query((Za@1 XOR Zb@2))"},
      {"title:Wukong", "Query(ZSwukong@1)"},
      {"source:\"Ann Lee\"", "Query((Aann AND Alee))"},
      {"robot NEAR/3 dog", "Query((robot@1 NEAR 4 dog@2))"},
      {"a ADJ b ADJ c", "Query((a@1 PHRASE 12 b@2 PHRASE 12 c@3))"},
      {"\"Six little\"", "Query((six PHRASE 2 little))"},
      {"song-ci", "Query((song PHRASE 2 ci))"},
      {"a.b", "Query((a PHRASE 3 b))"},
      {"kernel's", "Query(Zkernel@1)"},
      {"robo*", "Query(WILDCARD SYNONYM robo)"},
      // A lone character is every term it begins: its unigram and its bigrams.
      {"宇", "Query(WILDCARD SYNONYM 宇)"},
      {"宇。树", "Query((WILDCARD SYNONYM 宇 AND WILDCARD SYNONYM 树))"},
      {"lang:zh 明月", "Query((明月 FILTER Lzh))"},
      {"lang:zh lang:en x", "Query((Zx@1 FILTER (Lzh OR Len)))"},
      {"date:2025-02-19", "Query(VALUE_RANGE 0 20250219 20250219)"},
      {"date:2025-02 x", "Query((Zx@1 FILTER VALUE_RANGE 0 20250201 20250231))"},
      {"date:2025 x", "Query((Zx@1 FILTER VALUE_RANGE 0 20250101 20251231))"},
      {"x date:..2024-12", "Query((Zx@1 FILTER VALUE_LE 0 20241231))"},
      // Negation alone is the complement, however it is written.
      {"-Unitree", "Query((<alldocuments> AND_NOT Zunitre@1))"},
      {"NOT Unitree", "Query((<alldocuments> AND_NOT Zunitre@1))"},
      {"Unitree -dance", "Query((Zunitre@1 AND_NOT Zdanc@2))"},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    CHECK(xapian_of(builder.build(c.query)) == c.xapian);
  }
}

TEST_CASE("describe writes the tree back as a query that parses to it", "[query_builder]") {
  const char* queries[] = {"Unitree robot",
                           "(DeepSeek OR Unitree) 杭州",
                           "a b OR c -d",
                           "NOT x",
                           "-x -y",
                           "title:\"Black Myth\"",
                           "robo*",
                           "a NEAR/3 b",
                           "x ADJ y",
                           "date:2025-02",
                           "date:2025",
                           "date:2024-01..2025-02",
                           "lang:zh-hant 明月",
                           "+NOT a",
                           "+-x",
                           "a XOR b XOR c",
                           "((a))",
                           "\"unclosed",
                           "x)",
                           "AND OR"};
  for (const char* q : queries) {
    INFO(q);
    const longjing::query::Node tree = longjing::query::parse_query(q);
    const std::string described = longjing::query::describe(tree);
    INFO(described);
    CHECK(longjing::query::parse_query(described) == tree);
  }
  CHECK(longjing::query::describe(longjing::query::parse_query("Unitree  AND  robots")) ==
        "Unitree robots");
  CHECK(longjing::query::describe(longjing::query::parse_query("-a b")) == "b NOT a");
}

TEST_CASE("Only a date that names no day is an error, naming the query", "[query_builder]") {
  QueryBuilder builder;
  for (const char* bad : {"x date:2025-13", "date:2025-02-30", "date:soon"}) {
    INFO(bad);
    try {
      (void)builder.build(bad);
      FAIL("no QueryError");
    } catch (const QueryError& e) {
      CHECK(std::string(e.what()).find(bad) != std::string::npos);
    }
  }
}

TEST_CASE("More prefixes and lone characters than a query may expand are an error, naming it",
          "[query_builder]") {
  QueryBuilder builder;
  std::string query;
  for (std::size_t i = 0; i < longjing::kMaxExpandedWords; ++i) {
    query += (i % 2 == 0 ? "w" + std::to_string(i) + "* " : std::string("山 "));
  }
  CHECK_FALSE(builder.build(query).empty());  // at the limit: searched
  query += "月";
  try {
    (void)builder.build(query);
    FAIL("no QueryError");
  } catch (const QueryError& e) {
    CHECK(std::string(e.what()).find("has 33 prefixes and one-character words") !=
          std::string::npos);
    CHECK(std::string(e.what()).find("'w0* 山") != std::string::npos);
  }
}

TEST_CASE("Empty and punctuation-only queries are empty", "[query_builder]") {
  QueryBuilder builder;
  CHECK(builder.build("").empty());
  CHECK(builder.build("。，！").empty());
  CHECK_FALSE(builder.build("宇树").empty());
}

// Every malformed query either gets a documented lenient reading or a QueryError that
// names the query and says what is wrong; none crashes or hangs.
TEST_CASE("Malformed queries: a lenient reading or a clear error", "[query_builder]") {
  QueryBuilder builder;
  enum class Outcome { kLenient, kError };
  struct Case {
    std::string query;
    Outcome outcome;
    const char* message_part;  // for errors: what the message must say
  };
  const std::string long_query(10000, 'a');
  std::string many_words;
  for (int i = 0; i < 2000; ++i)
    ((many_words += 'w') += std::to_string(i)) += ' ';  // see html_format.cc
  const std::string deep = std::string(5000, '(') + "x" + std::string(5000, ')');
  const Case cases[] = {
      {"\"unbalanced quote", Outcome::kLenient, ""},  // quote closed at the end
      {"(unbalanced paren", Outcome::kLenient, ""},   // paren closed at the end
      {"unbalanced paren)", Outcome::kLenient, ""},   // stray ) ignored
      {"\"宇树 unbalanced", Outcome::kLenient, ""},
      {"Unitree AND", Outcome::kLenient, ""},  // an operator without an operand: left out
      {"AND", Outcome::kLenient, ""},
      {"OR OR OR", Outcome::kLenient, ""},
      {"NOT", Outcome::kLenient, ""},
      {"NEAR x", Outcome::kLenient, ""},
      {"title:", Outcome::kLenient, ""},  // the word "title"
      {"date:2025-13-45..", Outcome::kError, "not a valid YYYY-MM-DD date"},
      {"date:2025-02-30..2025-03-01", Outcome::kError, "not a valid YYYY-MM-DD date"},
      {"date:yesterday", Outcome::kError, "is no date"},
      {long_query, Outcome::kLenient, ""},  // one long word (over 64 bytes: no term)
      {many_words, Outcome::kLenient, ""},
      {deep, Outcome::kLenient, ""},  // nesting beyond 64 levels groups nothing more
      {std::string("caf\xC3\xA9 \xFF\xFE bad"), Outcome::kLenient, ""},  // invalid UTF-8
      {"cjk:zz", Outcome::kLenient, ""},  // once an internal field: now a word like any
      {"宇树 NEAR/3 杭州", Outcome::kLenient, ""},
      {"宇树科技 NEAR robot", Outcome::kLenient, ""},  // NEAR of a phrase: their AND
  };
  for (const Case& c : cases) {
    INFO(c.query.substr(0, 60));
    if (c.outcome == Outcome::kLenient) {
      CHECK_NOTHROW(builder.build(c.query));
    } else {
      try {
        builder.build(c.query);
        FAIL("expected a QueryError");
      } catch (const QueryError& e) {
        const std::string what = e.what();
        CHECK(what.find(c.message_part) != std::string::npos);
        CHECK(what.find(c.query.substr(0, 20)) != std::string::npos);
      }
    }
  }
}

TEST_CASE("Aliases expand Latin-script names, never Chinese", "[query_builder]") {
  longjing::AliasTable aliases;
  aliases.add_text("Unitree | Unitree Robotics | 宇树\nGame Science | 游戏科学\n", "test");
  QueryBuilder builder(std::move(aliases));
  const ParsedQuery unitree = builder.build("Unitree");
  REQUIRE(unitree.alias_expansions().size() == 1);
  CHECK(unitree.alias_expansions()[0].typed == "Unitree");
  CHECK(xapian_of(unitree).find("宇树") != std::string::npos);
  // Two-word names match as a whole, case and width folded.
  CHECK(xapian_of(builder.build("game SCIENCE")).find("游戏") != std::string::npos);
  CHECK(builder.build("Game").alias_expansions().empty());
  // Chinese is matched exactly as typed.
  CHECK(builder.build("宇树").alias_expansions().empty());
  CHECK(xapian_of(builder.build("宇树")).find("unitree") == std::string::npos);
  // Beside NEAR the name stays a term: NEAR joins single words.
  CHECK(builder.build("Unitree NEAR robot").alias_expansions().empty());
  // Wherever a name stands: in parentheses, and as a quoted name.
  CHECK(xapian_of(builder.build("(DeepSeek OR Unitree) 杭州")).find("宇树") != std::string::npos);
  CHECK(xapian_of(builder.build("\"Game Science\"")).find("游戏") != std::string::npos);
  CHECK(xapian_of(builder.build("-Unitree x")).find("AND_NOT (Zunitre@2 OR") != std::string::npos);
  // Patterns know which alias they stand for.
  bool tagged = false;
  for (const auto& p : unitree.highlight_patterns()) {
    if (p.alias == "宇树" && p.typed == "Unitree") tagged = true;
  }
  CHECK(tagged);
}

TEST_CASE("Field words and prefixes are highlighted as text", "[query_builder]") {
  QueryBuilder builder;
  CHECK(patterns_of(builder.build("title:Wukong")) ==
        std::vector<std::vector<std::string>>{{"Zwukong"}});
  CHECK(patterns_of(builder.build("robo*")) == std::vector<std::vector<std::string>>{{"robo*"}});
  CHECK(patterns_of(builder.build("title:\"Black Myth\"")) ==
        std::vector<std::vector<std::string>>{{"black", "myth"}});
  CHECK(patterns_of(builder.build("tag:robotics lang:zh date:2025")) ==
        std::vector<std::vector<std::string>>{{"robotics"}});
}

TEST_CASE("A CJK run is matched as its phrase alone, with no boost of other terms",
          "[query_builder]") {
  QueryBuilder builder;
  const std::string five = xapian_of(builder.build("杭州宇树科"));
  INFO(five);
  CHECK(five.find("PHRASE") != std::string::npos);
  CHECK(five.find("AND_MAYBE") == std::string::npos);
  CHECK(five.find("XW") == std::string::npos);
}
