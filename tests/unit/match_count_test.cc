// How many matches a search reads for its count (search/match_count.h), and the counts a
// search then reports.
#include "search/match_count.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>

#include "longjing/index_writer.h"
#include "longjing/schema.h"
#include "longjing/searcher.h"
#include "temp_dir.h"

using namespace longjing;
using Q = Xapian::Query;

TEST_CASE("A single term's count is known without reading its matches", "[match_count]") {
  const Q stem("Zrobot");
  CHECK(count_known_without_reading(stem));
  CHECK(count_known_without_reading(Q(Q::OP_AND_MAYBE, stem, Q("robots"))));
  CHECK(count_known_without_reading(Q(Q::OP_SCALE_WEIGHT, stem, 0.5)));
  CHECK(count_known_without_reading(
      Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND_MAYBE, stem, Q("robots")), 0.5)));

  CHECK_FALSE(count_known_without_reading(Q(Q::OP_AND, stem, Q("Zdog"))));
  CHECK_FALSE(count_known_without_reading(Q(Q::OP_OR, stem, Q("Zdog"))));
  CHECK_FALSE(count_known_without_reading(Q(Q::OP_AND_MAYBE, Q(Q::OP_OR, stem, Q("Zdog")), stem)));
  CHECK_FALSE(count_known_without_reading(Q(Q::OP_AND_NOT, stem, Q("Zdog"))));
  CHECK_FALSE(count_known_without_reading(Q(Q::OP_FILTER, stem, Q(Q::OP_VALUE_GE, 1, "2025"))));
  CHECK_FALSE(count_known_without_reading(Q(Q::OP_PHRASE, stem, Q("Zdog"))));
  CHECK_FALSE(count_known_without_reading(Q()));
}

TEST_CASE("Matches are read for the count only when it is not known", "[match_count]") {
  const Q pair(Q::OP_AND, Q("Zrobot"), Q("Zdog"));
  CHECK(matches_to_check(Q("Zrobot"), 5000, 1000) == 0);
  CHECK(matches_to_check(pair, 5000, 1000) == 1000);
  CHECK(matches_to_check(pair, 300, 1000) == 300);
}

TEST_CASE("Counts stay exact whether read or known", "[match_count]") {
  // 1,100 articles say "robot" (beyond kExactCountUpTo), 900 of them "alpha" too, and 20
  // of those "zeta".
  static_assert(kExactCountUpTo < 1100);
  TempDir dir;
  const std::string db = dir.str("db");
  {
    IndexWriter writer(db);
    for (int i = 0; i < 1100; ++i) {
      schema::StoredDocument doc;
      doc.article.path = dir.str("a" + std::to_string(i) + ".txt");
      doc.article.title = "Article " + std::to_string(i);
      doc.article.body = i < 20 ? "robot alpha zeta" : i < 900 ? "robot alpha" : "robot";
      for (int word = 0; word < i % 40; ++word) doc.article.body += " filler";
      doc.mtime = 1'700'000'000;
      doc.size = doc.article.body.size();
      doc.content_hash = std::to_string(i);
      writer.put(doc);
    }
    writer.commit();
  }
  Searcher searcher({db});
  struct Discard : HitSink {
    bool on_hit(const Hit&) override { return true; }
  } sink;
  const auto summary_of = [&](const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 10;
    request.snippets = false;
    return searcher.search(request, sink);
  };
  const SearchSummary robot = summary_of("robot");  // known: one term
  CHECK(robot.estimated_matches == 1100);
  CHECK(robot.matches_exact);
  const SearchSummary both = summary_of("robot alpha");  // read: 900 matches of two terms
  CHECK(both.estimated_matches == 900);
  CHECK(both.matches_exact);
  // Read: Xapian alone bounds an OR of these two by 900 to 920.
  const SearchSummary either = summary_of("alpha OR zeta");
  CHECK(either.estimated_matches == 900);
  CHECK(either.matches_exact);
}
