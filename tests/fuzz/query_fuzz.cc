// Fuzz target: arbitrary strings as queries. parse_query reads anything (a date that
// names no day is its only refusal, a QueryError) and keeps its contract: the description
// of every tree it makes parses back to the same tree; QueryBuilder::build may refuse a
// query only with QueryError; the query is then run by a Searcher over a small database
// built at start-up (English, Chinese, mixed), which may answer QueryError or hits, never
// another exception. Every hit's snippets keep the Snippet contract: spans sorted,
// disjoint, non-empty, inside the text, on character boundaries. Anything else (another
// exception, a crash, a sanitizer report) is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "longjing/error.h"
#include "longjing/index_writer.h"
#include "longjing/query_builder.h"
#include "longjing/searcher.h"
#include "longjing/utf8.h"
#include "query/parse_query.h"
#include "query/to_xapian.h"

namespace {

using longjing::fuzz::require;

std::string g_query;  // the input being run, for require()'s report

void check_snippet(const longjing::Snippet& s) {
  std::size_t previous_end = 0;
  for (const longjing::Span& span : s.spans) {
    require(span.begin < span.end, "empty or reversed span", g_query);
    require(span.end <= s.text.size(), "span past the text", g_query);
    require(span.begin >= previous_end, "spans overlap or are unsorted", g_query);
    require(longjing::floor_to_code_point(s.text, span.begin) == span.begin &&
                (span.end == s.text.size() ||
                 longjing::floor_to_code_point(s.text, span.end) == span.end),
            "span splits a character", g_query);
    previous_end = span.end;
  }
}

class CheckingSink : public longjing::HitSink {
 public:
  bool on_hit(const longjing::Hit& hit) override {
    check_snippet(hit.title_snippet);
    for (const longjing::Snippet& s : hit.snippets) check_snippet(s);
    return true;
  }
};

longjing::schema::StoredDocument document(const char* path, const char* title, const char* body) {
  longjing::schema::StoredDocument doc;
  doc.article.path = path;
  doc.article.title = title;
  doc.article.body = body;
  doc.content_hash = "0";
  return doc;
}

// A database of three small articles in a directory removed at exit.
longjing::Searcher& searcher() {
  static std::unique_ptr<longjing::Searcher> instance = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string dir =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/longjing-query-fuzz-XXXXXX";
    if (::mkdtemp(dir.data()) == nullptr) {
      std::perror("query_fuzz: mkdtemp");
      std::abort();
    }
    static std::string cleanup_dir = dir;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(cleanup_dir, ec);
    });
    {
      longjing::IndexWriter writer(dir + "/db");
      writer.put(document("/a/unitree.txt", "Unitree robots dance",
                          "Unitree's robot dogs and humanoid robots danced at the 2025 Spring "
                          "Festival Gala. C++ and c# are languages; 3.14 is a number."));
      writer.put(
          document("/a/yushu.md", "杭州宇树科技",
                   "杭州宇树科技的机器狗Go2在春晚跳舞。春。风 哈，哈哈 六小龙 DeepSeek 深度求索"));
      writer.put(
          document("/b/mixed.html", "Six Little Dragons 六小龙",
                   "The \"Six Little Dragons\" of Hangzhou: 宇树 Unitree, 深度求索 DeepSeek, "
                   "游戏科学 Game Science (黑神话：悟空 Black Myth: Wukong)."));
      writer.commit();
    }
    return std::make_unique<longjing::Searcher>(std::vector<std::string>{dir + "/db"});
  }();
  return *instance;
}

[[noreturn]] void finding(const char* stage, const char* what) {
  std::fprintf(stderr, "query_fuzz: %s threw something other than QueryError: %s\n", stage, what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  g_query.assign(reinterpret_cast<const char*>(data), size);
  static const longjing::QueryBuilder builder;
  try {
    const longjing::query::Node tree = longjing::query::parse_query(g_query);
    const std::string described = longjing::query::describe(tree);
    require(longjing::query::parse_query(described) == tree,
            "the description does not parse back to the tree", g_query + " -> " + described);
  } catch (const longjing::QueryError&) {
    return 0;  // a date that names no day: the one refusal
  } catch (const std::exception& e) {
    finding("parse_query", e.what());
  }
  try {
    const longjing::ParsedQuery parsed = builder.build(g_query);
    (void)parsed.description();
    for (const longjing::HighlightPattern& p : parsed.highlight_patterns()) {
      require(!p.terms.empty(), "highlight pattern without terms", g_query);
    }
  } catch (const longjing::QueryError&) {
    return 0;  // a query that cannot be read: the expected refusal
  } catch (const std::exception& e) {
    finding("QueryBuilder::build", e.what());
  }
  longjing::SearchRequest request;
  request.query = g_query;
  request.limit = 3;
  request.snippet_width = 60;
  request.snippet_count = 2;
  request.explain = true;
  CheckingSink sink;
  try {
    const longjing::SearchSummary summary = searcher().search(request, sink);
    require(summary.returned <= 3, "more hits than the limit", g_query);
  } catch (const longjing::QueryError&) {
    return 0;
  } catch (const std::exception& e) {
    finding("Searcher::search", e.what());
  }
  return 0;
}
