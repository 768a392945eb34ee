// QueryBuilder: syntax through Xapian's QueryParser, CJK through the Analyzer.
#include "longjing/query_builder.h"

#include <catch2/catch.hpp>

#include "longjing/error.h"

using longjing::ParsedQuery;
using longjing::QueryBuilder;
using longjing::QueryError;

namespace {

std::vector<std::vector<std::string>> patterns_of(const ParsedQuery& q) {
  std::vector<std::vector<std::string>> out;
  for (const auto& p : q.highlight_patterns()) out.push_back(p.terms);
  return out;
}

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
  CHECK(q.description().find("AND_NOT") != std::string::npos);
  CHECK(patterns_of(q) == std::vector<std::vector<std::string>>{{"Zunitre"}});
  CHECK(builder.build("DeepSeek OR 深度求索").description().find(" OR ") != std::string::npos);
}

TEST_CASE("rewrite_query leaves operators and syntax alone", "[query_builder]") {
  CHECK(longjing::rewrite_query("Unitree AND Robots") == "unitree AND robots");
  CHECK(longjing::rewrite_query("(a OR B) -C") == "(a OR b) -c");
  CHECK(longjing::rewrite_query("title:Wukong") == "title:wukong");
  // CJK chunks travel hex-encoded in the internal cjk: field.
  CHECK(longjing::rewrite_query("宇树").rfind("cjk:", 0) == 0);
  CHECK(longjing::rewrite_query("(宇树)").front() == '(');
  CHECK(longjing::rewrite_query("(宇树)").back() == ')');
}

TEST_CASE("Queries that cannot be read raise QueryError naming the query", "[query_builder]") {
  QueryBuilder builder;
  for (const char* bad : {"Unitree AND", "OR", "(unbalanced"}) {
    INFO(bad);
    try {
      const ParsedQuery q = builder.build(bad);
      // QueryParser reads some of these leniently; then the result must still be usable.
      CHECK_NOTHROW(q.description());
    } catch (const QueryError& e) {
      CHECK(std::string(e.what()).find(bad) != std::string::npos);
    }
  }
  CHECK_THROWS_AS(builder.build("Unitree AND"), QueryError);
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
  const Case cases[] = {
      {"\"unbalanced quote", Outcome::kLenient, ""},  // quote closed at the end
      {"(unbalanced paren", Outcome::kLenient, ""},   // paren closed at the end
      {"unbalanced paren)", Outcome::kLenient, ""},   // stray ) ignored
      {"\"宇树 unbalanced", Outcome::kLenient, ""},
      {"Unitree AND", Outcome::kError, "Syntax: <expression> AND <expression>"},
      {"AND", Outcome::kError, "Syntax: <expression> AND <expression>"},
      {"OR OR OR", Outcome::kError, "Syntax: <expression> OR <expression>"},
      {"NOT", Outcome::kError, "Syntax: <expression> NOT <expression>"},
      {"title:", Outcome::kLenient, ""},  // the word "title"
      {"date:2025-13-45..", Outcome::kError, "not a valid YYYY-MM-DD date"},
      {"date:2025-02-30..2025-03-01", Outcome::kError, "not a valid YYYY-MM-DD date"},
      {"date:yesterday", Outcome::kError, "is not a range"},
      {long_query, Outcome::kLenient, ""},  // one long word (over 64 bytes: no term)
      {many_words, Outcome::kLenient, ""},
      {std::string("caf\xC3\xA9 \xFF\xFE bad"), Outcome::kLenient, ""},  // invalid UTF-8
      {"cjk:zz", Outcome::kLenient, ""},  // our internal field, garbage payload
      {"宇树 NEAR/3 杭州", Outcome::kLenient, ""},
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
  CHECK(unitree.description().find("宇树") != std::string::npos);
  // Two-word names match as a whole, case and width folded.
  CHECK(builder.build("game SCIENCE").description().find("游戏") != std::string::npos);
  CHECK(builder.build("Game").alias_expansions().empty());
  // Chinese is matched exactly as typed.
  CHECK(builder.build("宇树").alias_expansions().empty());
  CHECK(builder.build("宇树").description().find("unitree") == std::string::npos);
  // Beside NEAR the name stays a term, or the query would not parse.
  CHECK(builder.build("Unitree NEAR robot").alias_expansions().empty());
  // Patterns know which alias they stand for.
  bool tagged = false;
  for (const auto& p : unitree.highlight_patterns()) {
    if (p.alias == "宇树" && p.typed == "Unitree") tagged = true;
  }
  CHECK(tagged);
}

// query_fuzz: "cjk::\"" reached QueryParser as a cjk: field word with two colons (which
// crashes Xapian 1.4.22), through the field-then-quote path of the rewriter.
TEST_CASE("A field name before a quote is ours only when it is a known field",
          "[query_builder][regression]") {
  CHECK(longjing::rewrite_query("cjk::\"").rfind("cjk ", 0) == 0);
  CHECK(longjing::rewrite_query("+title:\"x\"").rfind("+cjk:", 0) == 0);  // title phrase
  QueryBuilder builder;
  CHECK_NOTHROW(builder.build("cjk::\""));
  CHECK_NOTHROW(builder.build("cJk::\""));  // folds to cjk:: after the field check
  CHECK(longjing::rewrite_query("x (cjk:zz)") == "x (cjk zz)");
  CHECK(builder.build("+title:\"Unitree\"").description().find("Sunitree") != std::string::npos);
}

TEST_CASE(
    "A CJK run of 3+ characters is boosted by each 2-4 character stretch, as a dictionary word",
    "[query_builder]") {
  QueryBuilder builder;
  const std::string five = builder.build("杭州宇树科").description();
  INFO(five);
  CHECK(five.find("AND_MAYBE") != std::string::npos);
  for (const char* word : {"XW杭州", "XW州宇", "XW宇树科", "XW杭州宇树", "XW树科"})
    CHECK(five.find(word) != std::string::npos);
  CHECK(five.find("XW杭州宇树科") == std::string::npos);  // longer than a word is
  // Two characters are their own bigram; a field's words are not boosted.
  CHECK(builder.build("杭州").description().find("XW") == std::string::npos);
  CHECK(builder.build("title:杭州宇树").description().find("XW") == std::string::npos);
  // Traditional folds to Simplified, as in the index.
  CHECK(builder.build("長安城").description().find("XW长安") != std::string::npos);
}
