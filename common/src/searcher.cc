#include "longjing/searcher.h"

#include <xapian.h>

#include <cmath>
#include <filesystem>

#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/query_builder.h"
#include "longjing/schema.h"
#include "query_internal.h"
#include "xapian_errors.h"

namespace longjing {
namespace {

// BM25 as Lucene tunes it (k1 1.2, b 0.75): Xapian's defaults (1, 0.5) rank English
// known-item queries clearly worse (DESIGN.md §7).
Xapian::BM25Weight ranking_weight() { return Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5); }

Xapian::Database open_one(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DatabaseError("no database at " + path + ": index some files first (indexer --db " +
                        path + " PATH...)");
  }
  try {
    Xapian::Database db(path);
    const std::string version = db.get_metadata(std::string(schema::kSchemaKey));
    if (version != std::to_string(schema::kSchemaVersion)) {
      throw DatabaseError(incompatible_schema_message(path, version));
    }
    return db;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("cannot open database " + path, e));
  }
}

// Rarer patterns weigh more when passages compete: inverse document frequency of the
// pattern's rarest term.
void weigh_patterns(const Xapian::Database& db, std::vector<HighlightPattern>& patterns) {
  const double n = static_cast<double>(std::max<Xapian::doccount>(db.get_doccount(), 1));
  for (HighlightPattern& p : patterns) {
    Xapian::doccount df = db.get_doccount();
    for (const std::string& term : p.terms) df = std::min(df, db.get_termfreq(term));
    p.weight = 1.0 + std::log((n + 1) / (static_cast<double>(df) + 1));
  }
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> paths;
  Xapian::Database db;
  Analyzer analyzer;
  QueryBuilder builder;
};

Searcher::Searcher(const std::vector<std::string>& databases) : impl_(std::make_unique<Impl>()) {
  impl_->paths = databases;
  for (const std::string& path : databases) impl_->db.add_database(open_one(path));
}

Searcher::~Searcher() = default;

SearchSummary Searcher::search(const SearchRequest& request, HitSink& sink) {
  SearchSummary summary;
  summary.query = request.query;
  const ParsedQuery parsed = impl_->builder.build(request.query);
  summary.parsed = parsed.description();
  if (parsed.empty()) {
    throw QueryError("query '" + request.query + "' has no words to search for");
  }
  try {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(parsed.impl().query);
    enquire.set_weighting_scheme(ranking_weight());
    const Xapian::doccount limit =
        request.limit == 0 ? impl_->db.get_doccount()
                           : static_cast<Xapian::doccount>(request.limit);
    const Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset), limit);
    summary.estimated_matches = mset.get_matches_estimated();

    std::vector<HighlightPattern> patterns = parsed.highlight_patterns();
    weigh_patterns(impl_->db, patterns);
    const Highlighter highlighter(impl_->analyzer, std::move(patterns));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = request.offset + it.get_rank() + 1;
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      hit.docid = *it;
      auto stored = schema::decode_document(it.get_document().get_data());
      if (stored) {
        Article& a = stored->article;
        hit.path = std::move(a.path);
        hit.title = std::move(a.title);
        hit.date = std::move(a.date);
        hit.source = std::move(a.source);
        hit.language = std::move(a.language);
        if (request.snippets) {
          hit.title_snippet = highlighter.highlight(hit.title);
          hit.snippet = highlighter.best_passage(a.body, request.snippet_chars);
        } else {
          hit.title_snippet.text = hit.title;
        }
      }
      sink.on_hit(hit);
      ++summary.returned;
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("search for '" + request.query + "' failed", e));
  }
  return summary;
}

}  // namespace longjing
