// The Searcher: runs a query over one or many databases and pushes each hit, with its
// highlighted title and best passage, into a HitSink. It never writes output itself.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "longjing/article.h"
#include "longjing/highlighter.h"

namespace longjing {

// The order of hits.
enum class SortOrder {
  kRelevance,  // BM25 score, best first
  kDate,       // newest first (undated last), ties by score
};

// The most passages a hit may show (SearchRequest::snippet_count, --snippets, and the
// "snippets" of a --stdin request).
inline constexpr std::size_t kMaxSnippetCount = 20;

// The shortest and longest passage (SearchRequest::snippet_width, --snippet-chars).
inline constexpr std::size_t kMinSnippetWidth = 20;
inline constexpr std::size_t kMaxSnippetWidth = 10000;

// Searches with at most this many matches count them exactly (SearchSummary::matches_exact);
// beyond it the count is Xapian's estimate, as the rest of the match list is not read.
inline constexpr std::uint32_t kExactCountUpTo = 1000;

// One search, as plain values (the searcher binary fills it from its flags).
struct SearchRequest {
  std::string query;
  std::size_t offset = 0;           // hits to skip
  std::size_t limit = 10;           // hits to return; 0 = all of them
  std::size_t snippet_width = 160;  // passage length in columns (a CJK character takes 2)
  std::size_t snippet_count = 1;    // passages per hit, 1 to kMaxSnippetCount
  bool snippets = true;             // false: skip highlighting (paths-only output)
  // Fill only Hit::path, rank, score, percent and docid: the stored article is not read
  // (paths-only output; a 12 KB article costs 0.3 M instructions to read).
  bool paths_only = false;
  std::string since;  // "YYYY-MM-DD": only articles dated on or after it
  std::string until;  // "YYYY-MM-DD": only articles dated on or before it
  SortOrder sort = SortOrder::kRelevance;
  // since, until and date order take an undated article's date from its file's
  // modification day (local time at indexing); false: undated articles have no date (they
  // fall outside since/until and sort last). Off by default: a copy or a checkout gives
  // every file the day it was made, which is no article's date.
  bool mtime_dates = false;
  bool explain = false;  // fill Hit::explanation
  bool suggest = true;   // look for a spelling correction (SearchSummary)
  // Seconds the match may take before it returns the best hits found so far (Xapian's
  // Enquire::set_time_limit); 0: no limit. A budget for servers facing unknown queries.
  double time_limit = 0;
};

// An alias that matched in a hit where the user typed another name.
struct AliasMatch {
  std::string typed;  // what the query said ("Unitree")
  std::string alias;  // what the article says ("宇树")
};

// One query term's part in a hit's score (--explain).
struct TermWeight {
  std::string typed;  // the word, phrase or name of the query it stands for, as typed
  std::string term;   // the term as indexed, without its prefix
  std::string field;  // "text", "title", "stem", "title stem", "path", ...
  double weight = 0;  // its BM25 contribution
};

// One result.
struct Hit {
  std::size_t rank = 0;  // 1-based, counting skipped hits
  double score = 0;      // BM25 weight times ranking_factor, or a lower-weighted hit's
                         // score when ranking put it above one (scores fall with the rank)
  int percent = 0;       // Xapian's relevance percentage
  std::uint32_t docid = 0;
  std::string path;
  std::string title;
  std::string date;  // "YYYY-MM-DD" or ""
  std::string source;
  std::string language;
  std::uint32_t pages = 0;              // pages of a paged document (PDF), 0 for the others
  std::vector<std::string> tags;        // the tags the article gives itself (Article::tags)
  Snippet title_snippet;                // the title with matches marked
  std::vector<Snippet> snippets;        // best passages, in text order (none if !request.snippets)
  std::vector<AliasMatch> aliases;      // aliases that matched, other than what was typed
  std::vector<TermWeight> explanation;  // when SearchRequest::explain
  // When SearchRequest::explain: what ranking multiplied the BM25 weight by after the match
  // (docs/ranking.md), and why ("phrase", "within 8", "within 30", "in order", "2× in 340
  // terms", "title", "script typed"); 1 and none when it did not.
  double ranking_factor = 1;
  std::vector<std::string> ranking_reasons;
  bool paths_only = false;  // only rank, score, percent, docid and path are filled
};

// A database that could not be opened under SearcherOptions::allow_partial.
struct MissingDatabase {
  std::string database;  // as given
  std::string reason;
};

// What the search as a whole found.
struct SearchSummary {
  std::string query;        // as the user typed it
  std::string parsed;       // the query as parsed, in the query syntax (ParsedQuery::description)
  std::string parsed_json;  // the parsed tree as JSON text (ParsedQuery::description_json)
  // All matching documents: exact when matches_exact (always so up to kExactCountUpTo),
  // else an estimate from the part of the match list read, never more than the documents
  // searched nor fewer than the hits seen.
  std::uint64_t estimated_matches = 0;
  bool matches_exact = false;
  std::size_t returned = 0;
  std::string suggestion;  // a corrected query that finds more, or ""
  std::uint64_t suggestion_matches = 0;
  double elapsed_seconds = 0;            // time spent in search()
  std::vector<MissingDatabase> missing;  // databases left out (allow_partial)
};

// How to open the databases.
struct SearcherOptions {
  bool aliases = true;                   // expand names with the alias tables
  std::vector<std::string> alias_files;  // extra alias files (alias_table.h's format)
  // For tcp://HOST:PORT databases: how long to wait to connect and for each answer.
  std::chrono::milliseconds timeout{10000};
  // Search the databases that open, skipping those that do not (see missing_databases);
  // without it one database that cannot be opened is an error.
  bool allow_partial = false;
};

// Receives hits in rank order, and may stop the search (as ripgrep's Sink does).
class HitSink {
 public:
  virtual ~HitSink() = default;
  // Takes one hit; false stops the search: no further hit is read or highlighted, and
  // SearchSummary::returned counts the hits taken (this one included).
  virtual bool on_hit(const Hit& hit) = 0;
};

// Searches one or many databases as one (see the file comment). One search at a time per
// Searcher: callers that share one between threads take turns.
class Searcher {
 public:
  // Opens every database (read-only) and searches them as one, with global statistics.
  // A database is a local path (a database, a directory of shards, or a Xapian stub file,
  // which may list "remote HOST:PORT" lines) or tcp://HOST:PORT on xapian-tcpsrv.
  // The alias tables are those stored in the databases by the indexer, then
  // options.alias_files. Throws DatabaseError naming the database that is missing, damaged
  // or of another schema; IoError or Error for an alias file that cannot be read.
  explicit Searcher(const std::vector<std::string>& databases, const SearcherOptions& options = {});

  // The databases skipped under SearcherOptions::allow_partial.
  const std::vector<MissingDatabase>& missing_databases() const;

  // Moves to the newest committed revision of the databases, if the indexer made one since
  // they were opened. Returns true when it did. Throws DatabaseError.
  bool refresh();

  // Counts the documents matching request.query (and its date limits), exactly.
  std::uint64_t count(const SearchRequest& request);

  // The stored article of document `docid` (a Hit's docid): path, title, metadata and the
  // text passages quote; nullopt when no document has that id. Throws DatabaseError.
  std::optional<Article> document(std::uint32_t docid);

  // Documents in the databases searched.
  std::uint64_t document_count() const;
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs `request`, feeding `sink`. Throws QueryError for a query that cannot be read or
  // holds no words (empty, punctuation only), or a request out of range (snippet_count 1 to
  // kMaxSnippetCount, snippet_width kMinSnippetWidth to kMaxSnippetWidth, a since or until
  // that is not YYYY-MM-DD), DatabaseError when reading fails.
  SearchSummary search(const SearchRequest& request, HitSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace longjing
