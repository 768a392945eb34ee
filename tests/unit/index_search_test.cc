// Indexing and searching together: the indexer's run semantics and the searcher's hits.
#include <fcntl.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <string_view>

#include "index/document_mapping.h"
#include "longjing/error.h"
#include "longjing/index_writer.h"
#include "longjing/indexing.h"
#include "longjing/schema.h"
#include "longjing/searcher.h"
#include "temp_dir.h"

using namespace longjing;

namespace {

// Collects hits.
struct Collect : HitSink {
  std::vector<Hit> hits;
  bool on_hit(const Hit& h) override {
    hits.push_back(h);
    return hits.size() < stop_after;
  }
  std::size_t stop_after = SIZE_MAX;  // hits taken before the sink stops the search
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

// A stored document at `path` (below `root`, when not ""), mtime 1,700,000,000 and 21 bytes.
schema::StoredDocument unitree_document(const std::string& path, const std::string& root) {
  schema::StoredDocument doc;
  doc.root = root;
  doc.article.path = path;
  doc.article.title = "Unitree";
  doc.article.body = "Unitree robots dance.";
  doc.mtime = 1'700'000'000;
  doc.size = 21;
  doc.content_hash = "0123456789abcdef";
  return doc;
}

// Writes `doc` to the index at `db`, then records a new mtime and size for it (1,800,000,000
// and 22 bytes: the same content).
void put_then_touch(const std::string& db, const schema::StoredDocument& doc) {
  IndexWriter writer(db);
  writer.put(doc);
  writer.commit();
  writer.touch(doc.article.path, 1'800'000'000, 22);
  writer.commit();
}

// Writes each of `articles` (a file name below docs/, its text) in `dir` and indexes them
// into dir/db; returns the database's path.
std::string index_articles(TempDir& dir,
                           const std::vector<std::pair<std::string, std::string>>& articles) {
  for (const auto& [name, text] : articles) dir.write("docs/" + name, text);
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  return db;
}

// The file name of `hit`'s article.
std::string file_name(const Hit& hit) {
  return std::filesystem::path(hit.path).filename().string();
}

// The hits of `query` in the database at `db`, with what ranking multiplied each by.
std::vector<Hit> explained_hits(const std::string& db, const std::string& query) {
  Searcher searcher({db});
  Collect sink;
  SearchRequest request;
  request.query = query;
  request.explain = true;
  searcher.search(request, sink);
  return sink.hits;
}

// The file name of the first hit of `query` on a page of `limit` hits (0: all), or "" when
// there is none.
std::string first_at_limit(const std::string& db, const std::string& query, std::size_t limit) {
  Searcher searcher({db});
  Collect sink;
  SearchRequest request;
  request.query = query;
  request.limit = limit;
  searcher.search(request, sink);
  return sink.hits.empty() ? "" : file_name(sink.hits[0]);
}

// The BM25 weight of `hit` before ranking's reordering: its terms' weights, summed.
double bm25_weight(const Hit& hit) {
  double sum = 0;
  for (const TermWeight& t : hit.explanation) sum += t.weight;
  return sum;
}

// Whether ranking gave `hit` the reason `why` ("in order", "script typed": ranking.h).
bool ranked_for(const Hit& hit, std::string_view why) {
  return std::find(hit.ranking_reasons.begin(), hit.ranking_reasons.end(), why) !=
         hit.ranking_reasons.end();
}

}  // namespace

TEST_CASE("A sink that says stop ends the search after the hit it took", "[index_search]") {
  TempDir dir;
  for (const char* name : {"docs/a.txt", "docs/b.txt", "docs/c.txt", "docs/d.txt"}) {
    dir.write(name, "Title\n\nUnitree robots.");
  }
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  Searcher searcher({db});
  SearchRequest request;
  request.query = "Unitree";
  request.limit = 0;
  Collect all;
  CHECK(searcher.search(request, all).returned == 4);
  Collect two;
  two.stop_after = 2;
  const SearchSummary summary = searcher.search(request, two);
  CHECK(two.hits.size() == 2);
  CHECK(summary.returned == 2);
  CHECK(summary.estimated_matches == 4);  // the count still says what matched
}

TEST_CASE("A dry-run writer counts every change and makes none", "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  const auto document = [&](const std::string& name) {
    schema::StoredDocument doc;
    doc.article.path = dir.str(name);
    doc.article.body = "Unitree";
    return doc;
  };
  {
    IndexWriter writer(db);
    writer.put(document("a.txt"));
    writer.put(document("b.txt"));
    writer.set_roots({dir.str("")});
    writer.commit();
  }
  {
    IndexWriter dry(db, OpenMode::kDryRun);
    CHECK(dry.document_count() == 2);
    CHECK(dry.remove(dir.str("a.txt")));
    CHECK_FALSE(dry.remove(dir.str("a.txt")));  // counted once
    CHECK_FALSE(dry.remove(dir.str("nowhere.txt")));
    dry.put(document("c.txt"));
    dry.put(document("b.txt"));  // a change, not a new document
    CHECK(dry.document_count() == 2);
    dry.set_roots({});
    dry.commit();
  }
  IndexWriter after(db, OpenMode::kReadOnly);
  CHECK(after.document_count() == 2);
  CHECK(paths_for(db, "Unitree") == Paths{"a.txt", "b.txt"});
  CHECK(after.roots() == std::vector<std::string>{dir.str("")});
  // No database: an empty index, and none is made.
  IndexWriter none(dir.str("no-db"), OpenMode::kDryRun);
  CHECK(none.document_count() == 0);
  CHECK(none.roots().empty());
  CHECK_FALSE(std::filesystem::exists(dir.str("no-db")));
}

TEST_CASE("A stored document keeps its path, hash, mtime and size once, in its values",
          "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  const schema::StoredDocument doc = unitree_document(dir.str("宇树/unitree.md"), "");
  put_then_touch(db, doc);
  IndexWriter reader(db, OpenMode::kReadOnly);
  CHECK(reader.stored_hash(doc.article.path) == "0123456789abcdef");
  CHECK(reader.status(doc.article.path, 1'800'000'000, 22) == FileStatus::kUnchanged);
  CHECK(reader.status(doc.article.path, 1'700'000'000, 21) == FileStatus::kChanged);
  const Xapian::Database xdb(db);
  const std::string data = xdb.get_document(1).get_data();
  CHECK(data.find("unitree.md") == std::string::npos);
  CHECK(data.find("0123456789abcdef") == std::string::npos);
  Searcher searcher({db});
  const std::optional<Article> article = searcher.document(1);
  REQUIRE(article.has_value());
  CHECK(article->path == doc.article.path);
  CHECK(article->body == "Unitree robots dance.");
  CHECK(paths_for(db, "Unitree") == Paths{"unitree.md"});
}

// The frequency the spelling table records for `word` (0 when it lacks the word).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

TEST_CASE("The spelling table holds words of ASCII letters only, which the searcher corrects",
          "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  schema::StoredDocument doc = unitree_document(dir.str("a.md"), "");
  doc.article.body = "The Go2 runs spam_phrase with O'Brien's café and naïve ρομπότ code.";
  {
    IndexWriter writer(db);
    writer.put(doc);
    writer.commit();
  }
  const Xapian::Database xdb(db);
  CHECK(spelling_frequency(xdb, "runs") == 1);
  CHECK(spelling_frequency(xdb, "cafe") == 1);  // accents are folded before
  CHECK(spelling_frequency(xdb, "naive") == 1);
  CHECK(xdb.get_termfreq("go2") == 1);
  CHECK(spelling_frequency(xdb, "go2") == 0);
  CHECK(spelling_frequency(xdb, "spam_phrase") + spelling_frequency(xdb, "o'brien's") == 0);
  CHECK(spelling_frequency(xdb, "ρομπότ") + spelling_frequency(xdb, "ρομποτ") == 0);
  CHECK(schema::is_spelling_word("kernel"));
  CHECK_FALSE(schema::is_spelling_word("k"));
  CHECK_FALSE(schema::is_spelling_word("i2c"));
}

TEST_CASE("The spelling table counts each word once per document, at a commit or at close",
          "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  {
    IndexWriter writer(db);
    writer.put(unitree_document(dir.str("a.md"), ""));  // "Unitree" in title and body
    writer.put(unitree_document(dir.str("b.md"), ""));
    writer.commit();
    const Xapian::Database committed(db);
    CHECK(spelling_frequency(committed, "unitree") == 2);
    CHECK(spelling_frequency(committed, "robots") == 2);
    writer.put(unitree_document(dir.str("c.md"), ""));
  }  // closed without a commit: Xapian commits the document, and its words go with it
  const Xapian::Database closed(db);
  CHECK(closed.get_doccount() == 3);
  CHECK(spelling_frequency(closed, "unitree") == 3);
  CHECK(spelling_frequency(closed, "dance") == 3);
  CHECK(closed.get_spelling_suggestion("unitre") == "unitree");
}

TEST_CASE("A document below a root keeps the path below it, and its root once in the index",
          "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  const std::string root = dir.str("a-rather-long-root-directory/of-articles");
  const schema::StoredDocument doc = unitree_document(root + "/宇树/unitree.md", root);
  put_then_touch(db, doc);  // touch finds the document again through its path value
  const Xapian::Database xdb(db);
  const std::string value = xdb.get_document(1).get_value(schema::kPathSlot);
  CHECK(value.find("宇树/unitree.md") != std::string::npos);
  CHECK(value.find("of-articles") == std::string::npos);
  CHECK(xdb.get_metadata(std::string(schema::kRootTermKey) + ":" + schema::root_term(root)) ==
        root);
  {
    IndexWriter reader(db, OpenMode::kReadOnly);
    CHECK(reader.status(doc.article.path, 1'800'000'000, 22) == FileStatus::kUnchanged);
    CHECK(reader.stored_hash(doc.article.path) == "0123456789abcdef");
    CHECK(reader.paths_under(root) == std::vector<std::string>{doc.article.path});
  }
  Searcher searcher({db});
  const std::optional<Article> article = searcher.document(1);
  REQUIRE(article.has_value());
  CHECK(article->path == doc.article.path);
  Collect sink;
  SearchRequest request;
  request.query = "Unitree path:articles";
  searcher.search(request, sink);
  REQUIRE(sink.hits.size() == 1);
  CHECK(sink.hits[0].path == doc.article.path);
  {
    IndexWriter writer(db);
    writer.preload_status();  // the sweep reads every path value
    CHECK(writer.status(doc.article.path, 1'800'000'000, 22) == FileStatus::kUnchanged);
    CHECK(writer.remove(doc.article.path));
    writer.commit();
  }
  CHECK(Xapian::Database(db).get_doccount() == 0);
}

TEST_CASE(
    "Two paths of one id hash stay two documents: each is found, replaced and removed "
    "alone",
    "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  const std::string mine = dir.str("mine.txt");
  const std::string other = dir.str("other.txt");
  const auto document = [](const std::string& path, const std::string& body) {
    schema::StoredDocument doc;
    doc.article.path = path;
    doc.article.body = body;
    doc.mtime = 1;
    doc.size = body.size();
    return doc;
  };
  {
    IndexWriter writer(db);
    writer.put(document(mine, "Unitree first"));
    writer.commit();
  }
  {
    // What a hash shared by two paths leaves: other's document also under mine's id term
    // (FNV is not broken here; the database is written as if it were).
    Xapian::WritableDatabase xdb(db, Xapian::DB_OPEN);
    std::set<std::string> spelling;
    Xapian::Document twin = build_document(document(other, "Unitree twin"), Analyzer(), spelling);
    twin.add_boolean_term(schema::id_term(mine));
    xdb.add_document(twin);
    xdb.commit();
  }
  {
    IndexWriter writer(db);
    CHECK(writer.status(other, 1, 12) == FileStatus::kUnchanged);
    CHECK(writer.status(mine, 1, 13) == FileStatus::kUnchanged);
    writer.put(document(mine, "Unitree second"));  // replaces mine, not the twin
    writer.commit();
    CHECK(writer.document_count() == 2);
    CHECK(writer.paths_under(dir.str("")) == std::vector<std::string>{mine, other});
    CHECK(writer.remove(mine));
    writer.commit();
    CHECK_FALSE(writer.remove(mine));
  }
  CHECK(paths_for(db, "Unitree") == Paths{"other.txt"});
}

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

TEST_CASE("A character is found at every place in a run, though only a run's end keeps its unigram",
          "[index_search]") {
  TempDir dir;
  dir.write("docs/first.txt", "First\n\n器物陈列。");  // the run's first character
  dir.write("docs/middle.txt", "Middle\n\n机器狗。");  // inside the run
  dir.write("docs/last.txt", "Last\n\n瓷器。");        // the run's end
  dir.write("docs/alone.txt", "Alone\n\n器，物。");    // a run of one
  dir.write("docs/title.md", "---\ntitle: 机器人\n---\nRobots.");
  dir.write("docs/none.txt", "None\n\n机械狗。");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  const Xapian::Database xdb(db);
  CHECK(xdb.get_termfreq("器") == 2);  // last.txt and alone.txt: the ends of their runs
  CHECK(paths_for(db, "器") ==
        Paths{"alone.txt", "first.txt", "last.txt", "middle.txt", "title.md"});
  CHECK(paths_for(db, "title:器") == Paths{"title.md"});
  CHECK(paths_for(db, "器 狗") == Paths{"middle.txt"});
  CHECK(paths_for(db, "器。物") == Paths{"alone.txt", "first.txt"});  // both characters
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

TEST_CASE("A file that cannot be stat'ed is skipped with the reason, in a build and an update",
          "[index_search]") {
  TempDir dir;
  dir.write("docs/good.txt", "Good\n\nUnitree");
  std::filesystem::create_symlink(dir.str("nowhere.txt"), dir.str("docs/gone.txt"));
  std::vector<FileProblem> problems;
  IndexOptions options;
  options.database = dir.str("db");
  options.paths = {dir.str("docs")};
  std::vector<std::string> outcomes;
  options.on_file = [&](const FileEvent& e) {
    outcomes.push_back(std::string(outcome_name(e.outcome)) + " " + e.reason);
  };
  const auto run = [&] {
    problems.clear();
    outcomes.clear();
    return index_paths(options, [&](const FileProblem& p) { problems.push_back(p); });
  };
  const IndexReport built = run();  // a full build
  CHECK(built.added == 1);
  CHECK(built.skipped == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].path == dir.str("docs/gone.txt"));
  CHECK(problems[0].reason == "No such file or directory");
  CHECK(problems[0].skipped);
  CHECK(outcomes == std::vector<std::string>{"skipped No such file or directory", "added "});
  std::filesystem::create_symlink(dir.str("nowhere2.txt"), dir.str("docs/also.txt"));
  const IndexReport updated = run();  // an update
  CHECK(updated.skipped == 2);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].path == dir.str("docs/also.txt"));
  CHECK(problems[0].reason == "No such file or directory");
  CHECK(paths_for(dir.str("db"), "Unitree") == Paths{"good.txt"});
}

TEST_CASE("Did you mean corrects the unknown word and keeps a known one as typed",
          "[index_search]") {
  TempDir dir;
  dir.write("docs/handler.txt", "The interrupt handler runs.");
  dir.write("docs/handle.txt", "An interrupt handle is a number.");
  for (int i = 0; i < 3; ++i)  // "handle", more frequent than "handler", one edit away
    dir.write("docs/more" + std::to_string(i) + ".txt", "Handle it with care.");
  index(dir.str("db"), {dir.str("docs")});
  Searcher searcher({dir.str("db")});
  auto suggestion_for = [&](const std::string& query) {
    Collect sink;
    SearchRequest request;
    request.query = query;
    const SearchSummary summary = searcher.search(request, sink);
    return std::make_pair(summary.suggestion, summary.suggestion_matches);
  };
  CHECK(suggestion_for("interupt handler") ==
        std::make_pair(std::string("interrupt handler"), std::uint64_t{1}));
  CHECK(suggestion_for("interrupt handler").first.empty());
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
  CHECK(top.title_snippet.text.substr(
            top.title_snippet.spans[0].begin,
            top.title_snippet.spans[0].end - top.title_snippet.spans[0].begin) == "Unitree");
  REQUIRE(sink.hits[1].snippets.size() == 1);
  REQUIRE(sink.hits[1].snippets[0].spans.size() == 1);
}

TEST_CASE("Of two sentences holding the words, the one with them in the order typed ranks first",
          "[index_search]") {
  TempDir dir;
  // The same words in each, and the same length: only their order tells the two apart.
  const std::string db =
      index_articles(dir, {{"a.txt", "A\n\nThe harbour wall was built from granite blocks."},
                           {"b.txt", "B\n\nThe granite blocks were built into a harbour wall."}});
  for (const auto& [query, first] :
       {std::pair{"harbour granite", "a.txt"}, std::pair{"granite harbour", "b.txt"}}) {
    INFO(query);
    const std::vector<Hit> hits = explained_hits(db, query);
    REQUIRE(hits.size() == 2);
    CHECK(file_name(hits[0]) == first);
    // Both words are in every document, once in each: common, but cheap to place, so
    // they count in nearness (words standing many times a document do not, below).
    CHECK(hits[0].ranking_factor > hits[1].ranking_factor);
    CHECK(ranked_for(hits[0], "in order"));
    CHECK_FALSE(ranked_for(hits[1], "in order"));
  }
}

TEST_CASE(
    "Of two articles holding the words in order, the one they are a larger share of ranks "
    "first",
    "[index_search]") {
  TempDir dir;
  // Both hold "harbour wall" once as a phrase. b.txt holds both words five times more,
  // apart, so BM25 puts it first; a.txt is the shorter, so the sentence remembered is a
  // larger share of it.
  const std::string db = index_articles(
      dir, {{"a.txt", "A\n\nThe harbour wall was built from granite blocks."},
            {"b.txt",
             "B\n\nThe harbour wall was built from granite blocks. The wall faced the harbour. "
             "A wall stood by the harbour. Each wall kept the harbour. No wall left the "
             "harbour. One wall near the harbour."}});
  const std::vector<Hit> hits = explained_hits(db, "harbour wall");
  REQUIRE(hits.size() == 2);
  CHECK(file_name(hits[0]) == "a.txt");
  // The same nearness in both; BM25 alone weighs b.txt higher.
  CHECK(hits[0].ranking_factor == hits[1].ranking_factor);
  CHECK(bm25_weight(hits[0]) < bm25_weight(hits[1]));
  // Scores fall with the rank all the same.
  CHECK(hits[0].score >= hits[1].score);
  CHECK(ranked_for(hits[0], "in 1 sentence (8 words) of 18 terms"));
  CHECK(ranked_for(hits[1], "in 1 sentence (8 words) of 70 terms"));
}

TEST_CASE(
    "Of two articles of one length holding the words in order, the one whose sentence is "
    "shorter ranks first",
    "[index_search]") {
  TempDir dir;
  // The same words, the query's words once each, in order and as near; a.txt comes first
  // in the index, so it wins a tie. b.txt holds them in a sentence of 5 words, a.txt
  // in one of 16: a reader who remembers one sentence of b.txt types these words more
  // often than one who remembers a.txt's.
  const std::string db = index_articles(
      dir, {{"a.txt",
             "Tide\n\nThe harbour had a wall that the fishing town built over many long and "
             "hard years. Boats rest. Gulls cry. Nets dry."},
            {"b.txt",
             "Tide\n\nThe harbour had a wall. Boats rest. Gulls cry. Nets dry. That the "
             "fishing town built over many long and hard years."}});
  const std::vector<Hit> hits = explained_hits(db, "harbour wall");
  REQUIRE(hits.size() == 2);
  CHECK(file_name(hits[0]) == "b.txt");
  CHECK(hits[0].ranking_factor == hits[1].ranking_factor);
  CHECK(ranked_for(hits[0], "in 1 sentence (5 words) of 46 terms"));
  CHECK(ranked_for(hits[1], "in 1 sentence (16 words) of 46 terms"));
}

TEST_CASE("A sentence is found where the rarer word stands after the other's last place",
          "[index_search]") {
  TempDir dir;
  // The sentences are looked for from the rarer word's places ("level", once), and none
  // holding every word comes after the one holding the other word's last place
  // ("kernel"): that sentence itself must still be read, though "level" stands after it.
  const std::string db = index_articles(
      dir, {{"a.txt", "Notes\n\nKernel work. Kernel time. Kernel talk. The kernel level is low."}});
  const std::vector<Hit> hits = explained_hits(db, "kernel level");
  REQUIRE(hits.size() == 1);
  CHECK(ranked_for(hits[0], "in 1 sentence (5 words) of 24 terms"));
}

TEST_CASE(
    "The first page is the top of the whole ranking, where the sentence is all but the "
    "rarer word's",
    "[index_search]") {
  TempDir dir;
  // BM25 puts a.txt first. b.txt ranks first by its sentence "level kernel kernel ...":
  // nearly every way the two words stand in order there takes its one "level", so the
  // bound on its chance read from that word alone (one place times the other nine words,
  // of C(10, 2) choices) is its chance: the first page must not pass it over.
  std::string b =
      "B\n\nLevel kernel kernel kernel kernel kernel kernel kernel kernel kernel. Kernel rest.";
  for (int i = 0; i < 400; ++i) b += " Boats rest.";
  const std::string db = index_articles(
      dir, {{"a.txt",
             "A\n\nKernel above level. Kernel above level. Kernel above level. Level is under the "
             "big old kernel of this long sentence with many more words in it today."},
            {"b.txt", b}});
  CHECK(first_at_limit(db, "level kernel", 0) == "b.txt");
  CHECK(first_at_limit(db, "level kernel", 1) == "b.txt");
}

TEST_CASE("The first page is the top of the whole ranking, where a word stands as a possessive",
          "[index_search]") {
  TempDir dir;
  // a.txt holds both words four times, so BM25 puts it first; b.txt holds them in order
  // once in a shorter text, so it ranks first. Its "kernel" is the base of "kernel's",
  // indexed at that position without wdf: a page of one hit must still weigh b.txt's
  // positions, not skip it as a match whose first word has no place to start from.
  const std::string db = index_articles(
      dir, {{"a.txt",
             "A\n\nThe kernel driver loads. A driver. A kernel. A driver. A kernel. A driver. A "
             "kernel."},
            {"b.txt", "B\n\nThe kernel's driver loads."}});
  CHECK(first_at_limit(db, "kernel driver", 0) == "b.txt");
  CHECK(first_at_limit(db, "kernel driver", 1) == "b.txt");
}

TEST_CASE("The first page is the top of the whole ranking, where the rarest word is typed last",
          "[index_search]") {
  TempDir dir;
  // a.txt holds both words more often, so BM25 weighs it first, but together only in a
  // sentence of 11 words; b.txt holds "wall" once, in a sentence of three. A page of one
  // hit weighs b.txt only if the most its sentences holding "wall" could give beats a.txt:
  // that bound must not fall below what b.txt's sentences give.
  const std::string db = index_articles(
      dir, {{"a.txt",
             "A\n\nThe old harbour wall stood by the town for many years. Harbour harbour "
             "harbour harbour. Wall wall wall wall."},
            {"b.txt",
             "B\n\nHarbour harbour. The harbour wall. Boats rest there every night while gulls "
             "cry over the nets, the sand and the old grey stones of the quay."},
            {"c.txt", "C\n\nNothing of the sort."}});
  const std::vector<Hit> hits = explained_hits(db, "harbour wall");
  REQUIRE(hits.size() == 2);
  CHECK(file_name(hits[0]) == "b.txt");
  CHECK(bm25_weight(hits[0]) < bm25_weight(hits[1]));
  CHECK(first_at_limit(db, "harbour wall", 1) == "b.txt");
}

TEST_CASE("A word in every document, many times in each, is left out of nearness",
          "[index_search]") {
  TempDir dir;
  const std::string db =
      index_articles(dir, {{"a.txt",
                            "A\n\nThe harbour, the wall, the men, the day, the sea, the sand, the "
                            "boat, the net, the rope, the oar."},
                           {"b.txt",
                            "B\n\nThe granite, the blocks, the men, the day, the sea, the sand, "
                            "the boat, the net, the rope, the harbour."}});
  // "the" stands ten times in each: left out, so "the harbour" has one word left to
  // place and nothing is reordered.
  const std::vector<Hit> hits = explained_hits(db, "the harbour");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].ranking_factor == 1);
  CHECK(hits[1].ranking_factor == 1);
}

TEST_CASE("A word in every article not in Chinese is left out of nearness among many poems",
          "[index_search]") {
  TempDir dir;
  // The two articles of the test above, and twelve poems: "the" is in 2 of 14 documents
  // but in every one of the 2 not written in Chinese, ten times in each.
  std::vector<std::pair<std::string, std::string>> files = {
      {"a.txt",
       "A\n\nThe harbour, the wall, the men, the day, the sea, the sand, the boat, the net, the "
       "rope, the oar."},
      {"b.txt",
       "B\n\nThe granite, the blocks, the men, the day, the sea, the sand, the boat, the net, "
       "the rope, the harbour."}};
  for (int i = 0; i < 12; ++i) {
    files.push_back({"poem" + std::to_string(i) + ".txt",
                     "静夜思\n\n床前明月光，疑是地上霜。举头望明月，低头思故乡。"});
  }
  const std::string db = index_articles(dir, files);
  const std::vector<Hit> hits = explained_hits(db, "the harbour");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].ranking_factor == 1);
  CHECK(hits[1].ranking_factor == 1);
}

TEST_CASE("A word typed twice counts as near only where it stands twice", "[index_search]") {
  TempDir dir;
  // Both hold "gpio" and "pins" in one sentence; only a.txt holds "gpio" twice there, and
  // b.txt is the shorter, so BM25 alone would put it first.
  const std::string db =
      index_articles(dir, {{"a.txt", "A\n\nEach gpio line drives pins of another gpio bank here."},
                           {"b.txt", "B\n\nA gpio line drives pins.\n\nThe gpio bank."}});
  const std::vector<Hit> hits = explained_hits(db, "gpio pins gpio");
  REQUIRE(hits.size() == 2);
  CHECK(file_name(hits[0]) == "a.txt");
  CHECK_FALSE(ranked_for(hits[1], "within 30"));
}

TEST_CASE("Of two articles holding a Chinese piece, the one in the script typed ranks first",
          "[index_search]") {
  TempDir dir;
  // The same poem in each script: the same terms once folded, and the same length.
  const std::string db = index_articles(
      dir, {{"hans.txt", "长安\n\n长安一片月，万户捣衣声。秋风吹不尽，总是玉关情。"},
            {"hant.txt", "長安\n\n長安一片月，萬戶擣衣聲。秋風吹不盡，總是玉關情。"}});
  for (const auto& [query, first] :
       {std::pair{"长安一片", "hans.txt"}, std::pair{"長安一片", "hant.txt"}}) {
    INFO(query);
    const std::vector<Hit> hits = explained_hits(db, query);
    REQUIRE(hits.size() == 2);
    CHECK(file_name(hits[0]) == first);
    CHECK(ranked_for(hits[0], "script typed"));
  }
  // 一片 is written alike in both: no script to prefer, no reason given.
  for (const Hit& hit : explained_hits(db, "一片")) CHECK_FALSE(ranked_for(hit, "script typed"));
}

TEST_CASE("A title counts only when it holds the piece in the script typed", "[index_search]") {
  TempDir dir;
  // Both hold 小饮 once, folded alike: a.txt as its Traditional title, b.txt in its
  // Simplified verse. Typed in Simplified, the title does not name what was asked for.
  const std::string db = index_articles(dir, {{"a.txt", "小飲\n\n春風吹雨過，獨坐看花開。"},
                                              {"b.txt", "春日\n\n小饮花前坐，清风满面来。"}});
  std::vector<Hit> hits = explained_hits(db, "小饮");
  REQUIRE(hits.size() == 2);
  CHECK(file_name(hits[0]) == "b.txt");
  CHECK_FALSE(ranked_for(hits[1], "title"));
  // Typed in Traditional, the title is the piece as typed, and counts.
  hits = explained_hits(db, "小飲");
  REQUIRE(hits.size() == 2);
  CHECK(file_name(hits[0]) == "a.txt");
  CHECK(ranked_for(hits[0], "title"));
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

namespace {

// Sets a file's modification time (seconds since the epoch), as `touch -d` would.
void set_mtime(const std::string& path, std::time_t seconds) {
  const struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// Every file's outcome of a run, as "outcome name" strings in the order reported.
std::vector<std::string> outcomes(IndexOptions options) {
  std::vector<std::string> seen;
  options.on_file = [&](const FileEvent& e) {
    seen.push_back(std::string(outcome_name(e.outcome)) + " " +
                   std::filesystem::path(e.path).filename().string());
  };
  index_paths(options, [](const FileProblem&) {});
  return seen;
}

}  // namespace

TEST_CASE("A renamed file ends as one document under its new path", "[index_search]") {
  TempDir dir;
  dir.write("docs/old.md", "# Rename\n\nUnitree robots.");
  dir.write("docs/other.md", "# Other\n\nDeepSeek.");
  const std::string db = dir.str("db");
  CHECK(index(db, {dir.str("docs")}).documents == 2);
  std::filesystem::rename(dir.str("docs/old.md"), dir.str("docs/new.md"));
  const IndexReport r = index(db, {dir.str("docs")});
  CHECK(r.added == 1);
  CHECK(r.deleted == 1);
  CHECK(r.unchanged == 1);
  CHECK(r.documents == 2);
  CHECK(paths_for(db, "Unitree") == Paths{"new.md"});
}

TEST_CASE("Touching an unchanged file does not re-index it", "[index_search]") {
  TempDir dir;
  const std::string a = dir.write("docs/a.md", "# Alpha\n\nUnitree robots.");
  const std::string db = dir.str("db");
  set_mtime(a, 1700000000);
  index(db, {dir.str("docs")});
  set_mtime(a, 1700000100);  // new mtime, same bytes: the hash decides
  IndexOptions options;
  options.database = db;
  options.paths = {dir.str("docs")};
  CHECK(outcomes(options) == std::vector<std::string>{"unchanged a.md"});
  // The new mtime was recorded: the next run does not even read the file.
  IndexWriter writer(db);
  CHECK(writer.status(a, 1700000100, std::filesystem::file_size(a)) == FileStatus::kUnchanged);
  CHECK(writer.status(a, 1700000000, std::filesystem::file_size(a)) == FileStatus::kChanged);
}

TEST_CASE("A dry run reports what would change and changes nothing", "[index_search]") {
  TempDir dir;
  dir.write("docs/a.md", "# Alpha\n\nUnitree robots.");
  dir.write("docs/b.md", "# Beta\n\nDeepSeek models.");
  const std::string db = dir.str("db");
  IndexOptions options;
  options.database = db;
  options.paths = {dir.str("docs")};
  options.dry_run = true;

  SECTION("without a database: none is created") {
    const IndexReport r = index_paths(options, [](const FileProblem&) {});
    CHECK(r.added == 2);
    CHECK(r.documents == 2);
    CHECK_FALSE(std::filesystem::exists(db));
  }
  SECTION("with a database: counts changes, keeps the documents") {
    index(db, {dir.str("docs")});
    dir.write("docs/a.md", "# Alpha\n\nBrainCo headbands, rewritten at more length.");
    std::filesystem::remove(dir.str("docs/b.md"));
    dir.write("docs/c.md", "# Gamma\n\nMoonshot.");
    CHECK(outcomes(options) ==
          std::vector<std::string>{"updated a.md", "added c.md", "deleted b.md"});
    const IndexReport r = index_paths(options, [](const FileProblem&) {});
    CHECK(r.documents == 2);
    CHECK(paths_for(db, "DeepSeek") == Paths{"b.md"});
    CHECK(paths_for(db, "Unitree") == Paths{"a.md"});
    CHECK(paths_for(db, "Moonshot").empty());
  }
}

TEST_CASE("Excluded files are not indexed and their documents are deleted", "[index_search]") {
  TempDir dir;
  dir.write("docs/keep.md", "# Keep\n\nUnitree.");
  dir.write("docs/drafts/draft.md", "# Draft\n\nUnitree draft.");
  dir.write("docs/notes.txt", "Notes\n\nUnitree notes.");
  const std::string db = dir.str("db");
  CHECK(index(db, {dir.str("docs")}).documents == 3);
  struct Case {
    std::vector<std::string> exclude;
    Paths left;
  };
  const Case cases[] = {
      {{"*.txt"}, {"draft.md", "keep.md"}},         // base name
      {{"drafts"}, {"keep.md", "notes.txt"}},       // a directory's name
      {{"drafts/*.md"}, {"keep.md", "notes.txt"}},  // path relative to the root
      {{"*.txt", "draft*"}, {"keep.md"}},           // repeated
      {{"nothing"}, {"draft.md", "keep.md", "notes.txt"}},
  };
  for (const Case& c : cases) {
    INFO(c.exclude[0]);
    IndexOptions options;
    options.database = db;
    options.paths = {dir.str("docs")};
    options.exclude = c.exclude;
    const IndexReport r = index_paths(options, [](const FileProblem&) {});
    CHECK(r.documents == c.left.size());
    CHECK(paths_for(db, "Unitree") == c.left);
    index(db, {dir.str("docs")});  // back to all three
  }
}

TEST_CASE("A cancelled run commits what it did and says so", "[index_search]") {
  TempDir dir;
  for (int i = 0; i < 10; ++i) dir.write("docs/" + std::to_string(i) + ".txt", "T\n\nUnitree");
  dir.write("other/seed.txt", "Seed\n\nUnitree");
  const std::string db = dir.str("db");
  std::atomic<bool> cancel{false};
  IndexOptions options;
  options.database = db;
  options.paths = {dir.str("other")};
  index_paths(options, [](const FileProblem&) {});  // an update run from now on: one thread
  options.paths = {dir.str("docs")};
  options.batch_size = 2;
  options.cancel = &cancel;
  std::vector<IndexProgress> progress;
  options.on_progress = [&](const IndexProgress& p) {
    progress.push_back(p);
    if (p.done == 3) cancel = true;
  };
  const IndexReport r = index_paths(options, [](const FileProblem&) {});
  CHECK(r.interrupted);
  CHECK(r.added == 3);
  CHECK(r.documents == 4);
  REQUIRE(progress.size() == 3);
  CHECK(progress.back().total == 10);
  CHECK(paths_for(db, "Unitree").size() == 4);
  // The next run finishes the job, with no duplicates.
  cancel = false;
  options.on_progress = nullptr;
  const IndexReport rest = index_paths(options, [](const FileProblem&) {});
  CHECK_FALSE(rest.interrupted);
  CHECK(rest.added == 7);
  CHECK(rest.unchanged == 3);
  CHECK(rest.documents == 11);
}

TEST_CASE("A full build says when it merges; an update has nothing to merge", "[index_search]") {
  TempDir dir;
  for (int i = 0; i < 300; ++i) dir.write("docs/" + std::to_string(i) + ".txt", "T\n\nUnitree");
  IndexOptions options;
  options.database = dir.str("db");
  options.paths = {dir.str("docs")};
  options.jobs = 2;
  std::vector<IndexProgress> progress;
  options.on_progress = [&](const IndexProgress& p) { progress.push_back(p); };
  index_paths(options, [](const FileProblem&) {});
  REQUIRE(progress.size() == 301);
  CHECK(progress.back().merging);
  CHECK(progress.back().done == 300);
  CHECK(std::none_of(progress.begin(), progress.end() - 1,
                     [](const IndexProgress& p) { return p.merging; }));
  progress.clear();
  dir.write("docs/new.txt", "T\n\nUnitree");
  index_paths(options, [](const FileProblem&) {});
  REQUIRE(progress.size() == 301);
  CHECK(std::none_of(progress.begin(), progress.end(),
                     [](const IndexProgress& p) { return p.merging; }));
}

TEST_CASE("A cancelled full build keeps and reports every file its threads finished",
          "[index_search]") {
  TempDir dir;
  for (int i = 0; i < 400; ++i) dir.write("docs/" + std::to_string(i) + ".txt", "T\n\nUnitree");
  const std::string db = dir.str("db");
  std::atomic<bool> cancel{false};
  IndexOptions options;
  options.database = db;
  options.paths = {dir.str("docs")};
  options.batch_size = 7;
  options.jobs = 3;
  options.cancel = &cancel;
  options.on_progress = [&](const IndexProgress& p) {
    if (p.done == 3) cancel = true;
  };
  const IndexReport r = index_paths(options, [](const FileProblem&) {});
  CHECK(r.interrupted);
  CHECK(r.added >= 3);
  CHECK(r.documents == r.added);
  CHECK(paths_for(db, "Unitree").size() == r.added);
  cancel = false;
  options.on_progress = nullptr;
  const IndexReport rest = index_paths(options, [](const FileProblem&) {});
  CHECK(rest.added == 400 - r.added);
  CHECK(rest.unchanged == r.added);
  CHECK(rest.documents == 400);
  CHECK(paths_for(db, "Unitree").size() == 400);
}

TEST_CASE("A second writer waits for the lock, then fails naming the lock file", "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  IndexWriter first(db);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(IndexWriter(db, OpenMode::kUpdate, std::chrono::milliseconds(300)),
                    Catch::Contains("locked") && Catch::Contains(db + "/flintlock"));
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= std::chrono::milliseconds(300));
  CHECK(waited < std::chrono::milliseconds(1500));
}

TEST_CASE("A database of another schema version is refused by writer and searcher",
          "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  {
    Xapian::WritableDatabase old(db, Xapian::DB_CREATE_OR_OPEN);
    old.set_metadata(std::string(schema::kSchemaKey), "0");
    old.add_document(Xapian::Document());
    old.commit();
  }
  // (Catch2 v2 combined matchers refer to their parts: the parts must outlive them.)
  const auto names_db = Catch::Contains(db);
  const auto names_version = Catch::Contains("schema version 0");
  const auto says_rebuild = Catch::Contains("indexer --rebuild");
  CHECK_THROWS_AS(IndexWriter(db), DatabaseError);
  CHECK_THROWS_WITH(IndexWriter(db), names_db && names_version && says_rebuild);
  CHECK_THROWS_WITH(IndexWriter(db, OpenMode::kReadOnly),
                    names_db && names_version && says_rebuild);
  CHECK_THROWS_AS(Searcher({db}), DatabaseError);
  CHECK_THROWS_WITH(Searcher({db}), names_db && names_version && says_rebuild);
  // --rebuild is the way out.
  CHECK_NOTHROW(IndexWriter(db, OpenMode::kRebuild));
}

// The cases of docs/architecture.md, "Tokens and positions", against a grep-like truth.
TEST_CASE("Chinese regression cases match exactly where the text contains them", "[index_search]") {
  TempDir dir;
  dir.write("p/deep.txt", "t\n\n庭院深深深几许，杨柳堆烟。");
  dir.write("p/deep2.txt", "t\n\n深深的海，深。深深。");
  dir.write("p/spring.txt", "t\n\n好春光，春风又绿。");
  dir.write("p/split.txt", "t\n\n天气好。春天来了。");
  dir.write("p/gala.txt", "t\n\n2024年春晚的节目。");
  dir.write("p/cpp.txt", "t\n\nWe write C++ and C# here.");
  dir.write("p/width.txt", "t\n\nＵＮＩＴＲＥＥ 的机器狗");
  const std::string db = dir.str("db");
  index(db, {dir.str("p")});
  CHECK(paths_for(db, "深深深") == Paths{"deep.txt"});  // not deep2.txt: 深深。深深 is split
  CHECK(paths_for(db, "深深") == Paths{"deep.txt", "deep2.txt"});
  CHECK(paths_for(db, "好春") == Paths{"spring.txt"});  // not across 好。春
  CHECK(paths_for(db, "春晚") == Paths{"gala.txt"});
  CHECK(paths_for(db, "2024年春晚") == Paths{"gala.txt"});
  CHECK(paths_for(db, "年春") == Paths{"gala.txt"});
  CHECK(paths_for(db, "C++") == Paths{"cpp.txt"});
  CHECK(paths_for(db, "unitree") == Paths{"width.txt"});
  CHECK(paths_for(db, "机器狗") == Paths{"width.txt"});
  CHECK(paths_for(db, "春") == Paths{"gala.txt", "split.txt", "spring.txt"});
}

TEST_CASE("A quoted phrase finds its words before a possessive 's", "[index_search]") {
  TempDir dir;
  dir.write("d/a.txt", "t\n\nThe module is removed from the kernel's list.");
  dir.write("d/b.txt", "t\n\nThe kernel boots.");
  dir.write("d/c.txt", "t\n\nA kernel, the list.");
  const std::string db = dir.str("db");
  index(db, {dir.str("d")});
  CHECK(paths_for(db, "\"the kernel\"") == Paths{"a.txt", "b.txt"});
  CHECK(paths_for(db, "\"the kernel's list\"") == Paths{"a.txt"});
}

namespace {

// Every document of a database in docid order: its data and its terms with wdf and
// positions, so two builds can be compared exactly.
std::vector<std::string> dump(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::vector<std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    std::string line = std::to_string(*it) + " " + doc.get_data() + "\n";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      line += *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        line += ',';  // appended: see html_format.cc on -Wrestrict
        line += std::to_string(*p);
      }
      line += " ";
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("A full build on several threads writes the same index as one thread", "[index_search]") {
  TempDir dir;
  for (int i = 0; i < 300; ++i) {
    const std::string n = std::to_string(i);
    dir.write("docs/" + std::to_string(i % 7) + "/" + n + ".txt",
              "Note " + n + "\n\n" + std::string(static_cast<std::size_t>(i % 13) * 40, 'x') +
                  " robots 杭州宇树 dragons " + n);
  }
  dir.write("docs/bad.txt", "");  // skipped, reported in order like the rest
  dir.write("docs/names.aliases", "Unitree | 宇树\n");
  auto build = [&](const std::string& db, unsigned jobs, unsigned shards) {
    IndexOptions options;
    options.database = db;
    options.paths = {dir.str("docs"), dir.str("docs/3")};  // overlapping roots
    options.jobs = jobs;
    options.shards = shards;
    options.batch_size = 16;
    std::vector<std::string> events;
    options.on_file = [&](const FileEvent& e) {
      events.push_back(std::string(outcome_name(e.outcome)) + " " + e.path);
    };
    const IndexReport r = index_paths(options, [](const FileProblem&) {});
    CHECK(r.added == 300);
    CHECK(r.skipped == 1);
    CHECK(r.documents == 300);
    return events;
  };
  const auto one = build(dir.str("one"), 1, 1);
  const auto three = build(dir.str("three"), 3, 1);
  CHECK(three == one);
  CHECK(dump(dir.str("three")) == dump(dir.str("one")));
  CHECK_FALSE(std::filesystem::exists(dir.str("three/.build")));
  CHECK(paths_for(dir.str("three"), "Unitree").size() == 300);  // the alias table came along

  build(dir.str("sharded"), 2, 3);
  CHECK(paths_for(dir.str("sharded"), "robots") == paths_for(dir.str("one"), "robots"));
  CHECK(dump(dir.str("sharded/shard-1")).size() > 0);
}

TEST_CASE("A full build on several threads reads documents as one thread does", "[index_search]") {
  // Six copies of every document fixture (PDF, EPUB, DOCX, ODT, e-mail; two skipped):
  // poppler and GMime run on three threads at once, and the index must not differ.
  TempDir dir;
  namespace fs = std::filesystem;
  const fs::path fixtures = fs::path(LONGJING_FIXTURES) / "documents";
  std::size_t readable = 0;
  for (int copy = 0; copy < 6; ++copy) {
    for (const auto& entry : fs::directory_iterator(fixtures)) {
      const fs::path to = dir.path() / "docs" / std::to_string(copy) / entry.path().filename();
      fs::create_directories(to.parent_path());
      fs::copy_file(entry.path(), to);
      const std::string name = entry.path().filename().string();
      if (name != "encrypted.pdf" && name != "truncated.pdf") ++readable;
    }
  }
  auto build = [&](const std::string& db, unsigned jobs) {
    IndexOptions options;
    options.database = db;
    options.paths = {dir.str("docs")};
    options.jobs = jobs;
    options.batch_size = 8;
    std::vector<std::string> events;
    options.on_file = [&](const FileEvent& e) {
      events.push_back(std::string(outcome_name(e.outcome)) + " " + e.path + " " + e.reason);
    };
    const IndexReport r = index_paths(options, [](const FileProblem&) {});
    CHECK(r.added == readable);
    CHECK(r.skipped == 12);
    return events;
  };
  const auto one = build(dir.str("one"), 1);
  const auto three = build(dir.str("three"), 3);
  CHECK(three == one);
  CHECK(dump(dir.str("three")) == dump(dir.str("one")));
  CHECK(paths_for(dir.str("three"), "pdfmarkertwo").size() == 6);
  CHECK(paths_for(dir.str("three"), "mailplainmarker").size() == 6);
}

TEST_CASE("The committed batches of a killed full build are installed by the next run",
          "[index_search]") {
  TempDir dir;
  for (int i = 0; i < 20; ++i)
    dir.write("docs/" + std::to_string(i) + ".txt", "T\n\nUnitree " + std::to_string(i));
  const std::string db = dir.str("db");
  {
    // What a killed two-thread build leaves: an empty index and two staging databases.
    IndexWriter index(db, OpenMode::kRebuild);
    for (unsigned worker = 0; worker < 2; ++worker) {
      IndexWriter staging(IndexWriter::staging_database(db, worker), OpenMode::kRebuild);
      for (int i = 0; i < 3; ++i) {
        schema::StoredDocument doc;
        doc.article.path =
            dir.str("docs/" + std::to_string(worker * 10 + static_cast<unsigned>(i)) + ".txt");
        doc.article.body = "Unitree";
        staging.put(doc);
      }
      staging.commit();
    }
  }
  CHECK(paths_for(db, "Unitree").empty());  // readers see the empty index meanwhile
  {
    IndexWriter reopened(db);
    CHECK(reopened.document_count() == 6);
  }
  CHECK(paths_for(db, "Unitree") == Paths{"0.txt", "1.txt", "10.txt", "11.txt", "12.txt", "2.txt"});
  CHECK_FALSE(std::filesystem::exists(db + "/.build"));
  const IndexReport r = index(db, {dir.str("docs")});
  CHECK(r.added == 14);
  CHECK(r.documents == 20);
}

TEST_CASE("path: and source: filter by the words of the path and the source", "[index_search]") {
  TempDir dir;
  dir.write("docs/poetry-zh/song-ci/a.md", "---\ntitle: A\nsource: Xinhua News Agency\n---\nrobot");
  dir.write("docs/poetry/zh-notes/b.md", "---\ntitle: B\nsource: News of Xinhua\n---\nrobot");
  dir.write("docs/prose/c.md", "---\ntitle: C\nsource: Paper\n---\nrobot");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  CHECK(paths_for(db, "robot path:prose") == Paths{"c.md"});
  CHECK(paths_for(db, "robot path:proses").empty());  // word for word: not stemmed
  CHECK(paths_for(db, "robot path:PROSE") == Paths{"c.md"});
  CHECK(paths_for(db, "robot path:pro*") == Paths{"c.md"});
  CHECK(paths_for(db, "robot path:song-ci") == Paths{"a.md"});
  CHECK(paths_for(db, "robot path:\"song ci\"") == Paths{"a.md"});
  CHECK(paths_for(db, "robot path:a.md") == Paths{"a.md"});
  // Path and source words have no positions: a phrase there is the AND of its words.
  CHECK(paths_for(db, "robot path:poetry-zh") == Paths{"a.md", "b.md"});
  CHECK(paths_for(db, "robot source:\"xinhua news\"") == Paths{"a.md", "b.md"});
  CHECK(paths_for(db, "robot source:agency") == Paths{"a.md"});
  CHECK(paths_for(db, "robot -path:poetry") == Paths{"c.md"});
}

TEST_CASE("A phrase in title: is read where the title's words stand in the text",
          "[index_search]") {
  TempDir dir;
  dir.write("docs/a.md", "---\ntitle: Black Myth Wukong\n---\nA game.");
  dir.write("docs/b.md", "---\ntitle: Other\n---\nA black myth, told twice: black myth.");
  dir.write("docs/c.md", "---\ntitle: 静夜思\n---\n床前明月光");
  dir.write("docs/d.md", "---\ntitle: 其他\n---\n静夜思");
  dir.write("docs/e.md", "---\ntitle: Myth black book\n---\nNothing.");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  CHECK(paths_for(db, "title:\"black myth\"") == Paths{"a.md"});
  CHECK(paths_for(db, "title:静夜思") == Paths{"c.md"});
  CHECK(paths_for(db, "title:夜思") == Paths{"c.md"});
  CHECK(paths_for(db, "title:black NEAR/1 title:myth") == Paths{"a.md", "e.md"});
  CHECK(paths_for(db, "title:black ADJ/1 title:myth") == Paths{"a.md"});
  // The title's own terms carry no positions: the text's do it for them.
  Xapian::Database x(db);
  std::size_t title_terms = 0;
  for (Xapian::docid id = 1; id <= x.get_lastdocid(); ++id) {
    for (auto t = x.termlist_begin(id); t != x.termlist_end(id); ++t) {
      if (schema::parse_term(*t).kind != schema::TermKind::kTitleWord) continue;
      INFO(*t);
      CHECK(t.positionlist_count() == 0);
      ++title_terms;
    }
  }
  CHECK(title_terms >= 10);
}

TEST_CASE("path: finds a root's words through its one root term, not a copy in each document",
          "[index_search]") {
  TempDir dir;
  dir.write("notes-alpha/poems/a.txt", "A\n\nrobot");
  dir.write("work-beta/b.txt", "B\n\nrobot");
  dir.write("single/c.txt", "C\n\nrobot");
  const std::string db = dir.str("db");
  // A full build of two roots and a file named alone.
  index(db, {dir.str("notes-alpha"), dir.str("work-beta"), dir.str("single/c.txt")});
  CHECK(paths_for(db, "robot path:alpha") == Paths{"a.txt"});
  CHECK(paths_for(db, "robot path:notes-alpha") == Paths{"a.txt"});
  CHECK(paths_for(db, "robot path:\"work beta\"") == Paths{"b.txt"});
  CHECK(paths_for(db, "robot path:bet*") == Paths{"b.txt"});
  CHECK(paths_for(db, "robot path:poems") == Paths{"a.txt"});
  CHECK(paths_for(db, "robot path:\"alpha poems\"") == Paths{"a.txt"});  // root and below
  CHECK(paths_for(db, "robot path:\"beta poems\"").empty());
  CHECK(paths_for(db, "robot path:single") == Paths{"c.txt"});
  CHECK(paths_for(db, "robot -path:alpha") == Paths{"b.txt", "c.txt"});
  {
    Xapian::Database x(db);
    auto terms_of = [&](const std::string& path) {
      Xapian::PostingIterator p = x.postlist_begin(schema::id_term(path));
      REQUIRE(p != x.postlist_end(schema::id_term(path)));
      std::set<std::string> terms(x.termlist_begin(*p), x.termlist_end(*p));
      return terms;
    };
    const std::set<std::string> a = terms_of(dir.str("notes-alpha/poems/a.txt"));
    CHECK(a.count(schema::root_term(dir.str("notes-alpha"))) == 1);
    CHECK(a.count("XPpoems") == 1);
    CHECK(a.count("XPalpha") == 0);  // the root's words stand in its root term alone
    const std::set<std::string> c = terms_of(dir.str("single/c.txt"));
    CHECK(c.count("XPsingle") == 1);  // a file named alone keeps its whole path's words
    CHECK(std::none_of(c.begin(), c.end(),
                       [](const std::string& t) { return t.rfind("XR", 0) == 0; }));
  }
  // A root added by an update run is read by a searcher opened before it, once refreshed.
  Searcher searcher({db});
  dir.write("gamma-x/d.txt", "D\n\nrobot");
  CHECK(index(db, {dir.str("gamma-x")}).added == 1);
  CHECK(searcher.refresh());
  Collect sink;
  SearchRequest request;
  request.query = "robot path:gamma";
  searcher.search(request, sink);
  REQUIRE(sink.hits.size() == 1);
  CHECK(std::filesystem::path(sink.hits[0].path).filename() == "d.txt");
}

TEST_CASE("Phrases reach a one-character run only where a token joins it", "[index_search]") {
  TempDir dir;
  dir.write("docs/a.txt", "A\n\n春。风，哈，哈哈");
  dir.write("docs/b.txt", "B\n\n机器 狗 Go2 跑");
  dir.write("docs/c.txt", "C\n\n机器。狗，Go2。跑");
  dir.write("docs/d.txt", "D\n\n狗机器 Go2 跑风春哈");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  // Joined by white space: exact phrases.
  CHECK(paths_for(db, "\"机器 狗 Go2\"") == Paths{"b.txt"});
  CHECK(paths_for(db, "\"狗 Go2 跑\"") == Paths{"b.txt"});
  CHECK(paths_for(db, "\"Go2 跑\"") == Paths{"b.txt", "d.txt"});
  // Across punctuation the characters are only ANDed: every document with them is found.
  CHECK(paths_for(db, "春。风") == Paths{"a.txt", "d.txt"});
  CHECK(paths_for(db, "\"哈，哈哈\"") == Paths{"a.txt"});  // 哈哈 is a bigram: d has none
  CHECK(paths_for(db, "\"机器。狗\"") == Paths{"b.txt", "c.txt", "d.txt"});
}

TEST_CASE("An update run over many files tells changed, unchanged, new and deleted apart",
          "[index_search]") {
  TempDir dir;
  for (int i = 0; i < 300; ++i)
    dir.write("docs/" + std::to_string(i) + ".txt", "T\n\nrobot " + std::to_string(i));
  const std::string db = dir.str("db");
  CHECK(index(db, {dir.str("docs")}).added == 300);  // from now on the index preloads stats
  dir.write("docs/7.txt", "T\n\nrobot seven, longer now");
  dir.write("docs/8.txt", "T\n\nrobot 8");  // same bytes, new mtime: unchanged by its hash
  struct timespec times[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
  REQUIRE(::utimensat(AT_FDCWD, dir.str("docs/8.txt").c_str(), times, 0) == 0);
  std::filesystem::remove(dir.str("docs/9.txt"));
  dir.write("docs/new.txt", "T\n\nrobot new");
  const IndexReport r = index(db, {dir.str("docs")});
  CHECK(r.added == 1);
  CHECK(r.updated == 1);
  CHECK(r.deleted == 1);
  CHECK(r.unchanged == 298);
  CHECK(r.documents == 300);
  CHECK(paths_for(db, "seven") == Paths{"7.txt"});
  const IndexReport again = index(db, {dir.str("docs")});
  CHECK(again.unchanged == 300);
  CHECK(again.added + again.updated + again.deleted == 0);
}

TEST_CASE("After preload_status the writer answers as the database does", "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  auto doc_at = [&](const std::string& path, std::int64_t mtime) {
    schema::StoredDocument doc;
    doc.article.path = path;
    doc.article.body = "robot";
    doc.mtime = mtime;
    doc.size = 5;
    return doc;
  };
  IndexWriter writer(db);
  for (const char* p : {"/r/a", "/r/b", "/r/sub/c", "/s/d"}) writer.put(doc_at(p, 100));
  writer.commit();
  writer.preload_status();
  CHECK(writer.status("/r/a", 100, 5) == FileStatus::kUnchanged);
  CHECK(writer.status("/r/a", 101, 5) == FileStatus::kChanged);
  CHECK(writer.status("/r/a", 100, 6) == FileStatus::kChanged);
  CHECK(writer.status("/r/new", 100, 5) == FileStatus::kNew);
  CHECK(writer.paths_under("/r") == Paths{"/r/a", "/r/b", "/r/sub/c"});
  CHECK(writer.remove("/r/b"));
  writer.put(doc_at("/r/a", 200));
  writer.put(doc_at("/r/z", 300));
  CHECK(writer.status("/r/a", 200, 5) == FileStatus::kUnchanged);  // written since: asks the db
  CHECK(writer.status("/r/b", 100, 5) == FileStatus::kNew);
  CHECK(writer.paths_under("/r") == Paths{"/r/a", "/r/sub/c", "/r/z"});
  CHECK(writer.paths_under("/r/sub") == Paths{"/r/sub/c"});
}

TEST_CASE("Damaged staging databases are dropped and the build starts over", "[index_search]") {
  TempDir dir;
  const std::string db = dir.str("db");
  {
    IndexWriter index(db, OpenMode::kRebuild);
    IndexWriter staging(IndexWriter::staging_database(db, 0), OpenMode::kStaging);
    schema::StoredDocument doc;
    doc.article.path = "/x/a.txt";
    doc.article.body = "Unitree";
    staging.put(doc);
    staging.commit();
  }
  // What a power cut can leave of a database that was never synced.
  std::filesystem::resize_file(IndexWriter::staging_database(db, 0) + "/postlist.glass", 100);
  IndexWriter reopened(db);
  CHECK(reopened.document_count() == 0);
  CHECK_FALSE(std::filesystem::exists(db + "/.build"));
}

TEST_CASE("A paths-only search gives the same hits without reading the stored articles",
          "[index_search]") {
  TempDir dir;
  dir.write("docs/a.md", "---\ntitle: Robots A\n---\nrobot robot");
  dir.write("docs/b.txt", "B\n\nrobot");
  const std::string db = dir.str("db");
  index(db, {dir.str("docs")});
  Searcher searcher({db});
  auto run = [&](bool paths_only) {
    Collect sink;
    SearchRequest request;
    request.query = "robot";
    request.snippets = !paths_only;
    request.paths_only = paths_only;
    searcher.search(request, sink);
    return sink.hits;
  };
  const auto full = run(false);
  const auto paths = run(true);
  REQUIRE(full.size() == 2);
  REQUIRE(paths.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(paths[i].path == full[i].path);
    CHECK(paths[i].score == full[i].score);
    CHECK(paths[i].title.empty());  // not read
  }
  CHECK(full[0].title == "Robots A");
}
