// QueryBuilder: syntax through Xapian's QueryParser, CJK through the Analyzer.
#include <catch2/catch.hpp>

#include "longjing/error.h"
#include "longjing/query_builder.h"

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

TEST_CASE("Operators keep their meaning; excluded terms are not highlighted",
          "[query_builder]") {
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

TEST_CASE("Queries that cannot be read raise QueryError naming the query",
          "[query_builder]") {
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
