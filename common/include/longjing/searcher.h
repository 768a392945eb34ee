// The Searcher: runs a query over one or many databases and pushes each hit, with its
// highlighted title and best passage, into a HitSink. It never writes output itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "longjing/highlighter.h"

namespace longjing {

// One search, as plain values (the searcher binary fills it from its flags).
struct SearchRequest {
  std::string query;
  std::size_t offset = 0;          // hits to skip
  std::size_t limit = 10;          // hits to return; 0 = all of them
  std::size_t snippet_chars = 200; // passage length in characters
  bool snippets = true;            // false: skip highlighting (paths-only output)
};

// One result.
struct Hit {
  std::size_t rank = 0;      // 1-based, counting skipped hits
  double score = 0;          // BM25 weight
  int percent = 0;           // Xapian's relevance percentage
  std::uint32_t docid = 0;
  std::string path;
  std::string title;
  std::string date;          // "YYYY-MM-DD" or ""
  std::string source;
  std::string language;
  Snippet title_snippet;     // the title with matches marked
  Snippet snippet;           // best passage (empty when !SearchRequest::snippets)
};

// What the search as a whole found.
struct SearchSummary {
  std::string query;                  // as the user typed it
  std::string parsed;                 // Xapian's description of the parsed query
  std::uint64_t estimated_matches = 0;
  std::size_t returned = 0;
};

// Receives hits in rank order.
class HitSink {
 public:
  virtual ~HitSink() = default;
  virtual void on_hit(const Hit& hit) = 0;
};

class Searcher {
 public:
  // Opens every database (read-only) and searches them as one, with global statistics.
  // Throws DatabaseError naming the database that is missing, damaged or of another schema.
  explicit Searcher(const std::vector<std::string>& databases);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs `request`, feeding `sink`. Throws QueryError for a query that cannot be read or
  // holds no words (empty, punctuation only), DatabaseError when reading fails.
  SearchSummary search(const SearchRequest& request, HitSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace longjing
