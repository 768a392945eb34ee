// Indexing and searching together: the indexer's run semantics and the searcher's hits.
#include <catch2/catch.hpp>

#include <filesystem>

#include "longjing/error.h"
#include "longjing/index_writer.h"
#include "longjing/indexing.h"
#include "longjing/searcher.h"
#include "temp_dir.h"

using namespace longjing;

namespace {

// Collects hits.
struct Collect : HitSink {
  std::vector<Hit> hits;
  void on_hit(const Hit& h) override { hits.push_back(h); }
};

std::vector<std::string> paths_for(const std::string& db, const std::string& query) {
  Searcher searcher({db});
  Collect sink;
  SearchRequest request;
  request.query = query;
  request.limit = 0;
  searcher.search(request, sink);
  std::vector<std::string> paths;
  for (const Hit& h : sink.hits) paths.push_back(std::filesystem::path(h.path).filename().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

IndexReport index(const std::string& db, const std::vector<std::string>& paths) {
  IndexOptions options;
  options.database = db;
  options.paths = paths;
  return index_paths(options, [](const FileProblem&) {});
}

using Paths = std::vector<std::string>;

}  // namespace

TEST_CASE("Chinese queries find exactly the documents containing the string", "[index_search]") {
  TempDir dir;
  dir.write("docs/a.txt", "Title A\n\n杭州宇树科技有限公司推出机器狗Go2。");
  dir.write("docs/b.txt", "Title B\n\n杭州六小龙包括深度求索。");
  dir.write("docs/c.txt", "Title C\n\n春。风，哈，哈哈。");
  dir.write("docs/d.md", "---\ntitle: 長安\n---\n春风又绿江南岸，哈哈哈。");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});

  CHECK(paths_for(db, "宇树") == Paths{"a.txt"});
  CHECK(paths_for(db, "杭州") == Paths{"a.txt", "b.txt"});
  CHECK(paths_for(db, "六小龙") == Paths{"b.txt"});
  CHECK(paths_for(db, "春风") == Paths{"d.md"});
  CHECK(paths_for(db, "哈哈哈") == Paths{"d.md"});
  CHECK(paths_for(db, "哈") == Paths{"c.txt", "d.md"});
  CHECK(paths_for(db, "机器狗Go2") == Paths{"a.txt"});
  CHECK(paths_for(db, "長安") == Paths{"d.md"});
  CHECK(paths_for(db, "长安") == Paths{"d.md"});  // scripts fold both ways
  CHECK(paths_for(db, "宇树 OR 深度求索") == Paths{"a.txt", "b.txt"});
  CHECK(paths_for(db, "杭州 -宇树") == Paths{"b.txt"});
}

TEST_CASE("Re-indexing skips unchanged files, replaces changed ones, deletes vanished ones",
          "[index_search]") {
  TempDir dir;
  const std::string a = dir.write("docs/a.md", "# Alpha\n\nUnitree robots.");
  dir.write("docs/b.md", "# Beta\n\nDeepSeek models.");
  const std::string db = dir.str("db");

  IndexReport first = index(db, {dir.str("docs")});
  CHECK(first.added == 2);
  CHECK(first.documents == 2);

  IndexReport second = index(db, {dir.str("docs")});
  CHECK(second.added == 0);
  CHECK(second.unchanged == 2);
  CHECK(second.documents == 2);

  dir.write("docs/a.md", "# Alpha\n\nBrainCo headbands, rewritten at more length.");
  std::filesystem::remove(dir.str("docs/b.md"));
  IndexReport third = index(db, {dir.str("docs")});
  CHECK(third.updated == 1);
  CHECK(third.deleted == 1);
  CHECK(third.documents == 1);
  CHECK(paths_for(db, "Unitree").empty());
  CHECK(paths_for(db, "BrainCo") == Paths{"a.md"});
  CHECK(paths_for(db, "DeepSeek").empty());
  (void)a;
}

TEST_CASE("Files that cannot be indexed are reported and the run goes on", "[index_search]") {
  TempDir dir;
  dir.write("docs/good.txt", "Good\n\nUnitree");
  dir.write("docs/binary.txt", std::string("GIF89a\0\0binary", 14));
  dir.write("docs/broken.txt", "Broken\n\nUnitree caf\xe9");
  std::vector<FileProblem> problems;
  IndexOptions options;
  options.database = dir.str("db");
  options.paths = {dir.str("docs")};
  const IndexReport r = index_paths(options, [&](const FileProblem& p) { problems.push_back(p); });
  CHECK(r.added == 2);
  CHECK(r.skipped == 1);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].path.find("binary.txt") != std::string::npos);
  CHECK(problems[0].skipped);
  CHECK(problems[1].path.find("broken.txt") != std::string::npos);
  CHECK_FALSE(problems[1].skipped);
  CHECK(paths_for(dir.str("db"), "Unitree") == Paths{"broken.txt", "good.txt"});
}

TEST_CASE("A missing path or database is a clear error", "[index_search]") {
  TempDir dir;
  IndexOptions options;
  options.database = dir.str("db");
  options.paths = {dir.str("missing")};
  CHECK_THROWS_WITH(index_paths(options, [](const FileProblem&) {}),
                    Catch::Contains("missing") && Catch::Contains("no such file"));
  CHECK_THROWS_AS(Searcher({dir.str("nowhere")}), DatabaseError);
}

TEST_CASE("A second writer is refused with a message naming the lock", "[index_search]") {
  TempDir dir;
  IndexWriter first(dir.str("db"));
  CHECK_THROWS_WITH(IndexWriter(dir.str("db")), Catch::Contains("locked"));
}

TEST_CASE("Hits carry metadata and highlighted snippets; titles rank first", "[index_search]") {
  TempDir dir;
  dir.write("docs/title.md",
            "---\ntitle: Unitree story\ndate: 2025-02-06\nsource: Paper\n---\nA robot maker.");
  dir.write("docs/body.md", "---\ntitle: Other\n---\nA robot maker called Unitree.");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  Searcher searcher({db});
  Collect sink;
  SearchRequest request;
  request.query = "Unitree";
  const SearchSummary summary = searcher.search(request, sink);
  CHECK(summary.returned == 2);
  REQUIRE(sink.hits.size() == 2);
  const Hit& top = sink.hits[0];
  CHECK(std::filesystem::path(top.path).filename() == "title.md");
  CHECK(top.rank == 1);
  CHECK(top.date == "2025-02-06");
  CHECK(top.source == "Paper");
  REQUIRE(top.title_snippet.spans.size() == 1);
  CHECK(top.title_snippet.text.substr(top.title_snippet.spans[0].begin,
                                      top.title_snippet.spans[0].end -
                                          top.title_snippet.spans[0].begin) == "Unitree");
  REQUIRE(sink.hits[1].snippet.spans.size() == 1);
}

TEST_CASE("Several databases are searched as one", "[index_search]") {
  TempDir dir;
  dir.write("one/a.txt", "A\n\nUnitree");
  dir.write("two/b.txt", "B\n\nUnitree");
  index(dir.str("db1"), {dir.str("one")});
  index(dir.str("db2"), {dir.str("two")});
  Searcher searcher({dir.str("db1"), dir.str("db2")});
  Collect sink;
  SearchRequest request;
  request.query = "Unitree";
  CHECK(searcher.search(request, sink).returned == 2);
}

TEST_CASE("A query without words is an error naming it", "[index_search]") {
  TempDir dir;
  dir.write("docs/a.txt", "A\n\nUnitree");
  index(dir.str("db"), {dir.str("docs")});
  Searcher searcher({dir.str("db")});
  Collect sink;
  SearchRequest request;
  request.query = "。，！";
  CHECK_THROWS_WITH(searcher.search(request, sink),
                    Catch::Contains("。，！") && Catch::Contains("no words"));
}
