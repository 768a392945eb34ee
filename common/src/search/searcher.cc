#include "longjing/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/root_metadata.h"
#include "base/xapian_errors.h"
#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/host_port.h"
#include "longjing/normalizer.h"
#include "longjing/query_builder.h"
#include "longjing/schema.h"
#include "query/parse_query.h"
#include "query/query_internal.h"
#include "query/ranking.h"
#include "search/match_count.h"

namespace longjing {
namespace {

// "tcp://HOST:PORT" → {host, port}; nullopt for anything else.
std::optional<std::pair<std::string, unsigned>> tcp_address(const std::string& spec) {
  constexpr std::string_view kScheme = "tcp://";
  if (spec.compare(0, kScheme.size(), kScheme) != 0) return std::nullopt;
  HostPortProblem problem{};
  auto address = split_host_port(std::string_view(spec).substr(kScheme.size()), &problem);
  if (!address) {
    throw DatabaseError(
        "cannot read database address " + spec +
        (problem == HostPortProblem::kBadPort ? ": bad port" : ": write tcp://HOST:PORT"));
  }
  return std::make_pair(std::move(address->host), address->port);
}

// True when `dir` holds a Glass table (*.glass) itself.
bool holds_glass_table(const std::filesystem::path& dir) {
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".glass") return true;
  }
  return false;
}

// The first subdirectory of `dir`, in name order, that holds a Glass table, or "".
std::string database_below(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> below;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && holds_glass_table(it->path())) below.push_back(it->path());
  }
  std::sort(below.begin(), below.end());
  return below.empty() ? "" : below.front().string();
}

// True when `dir` is what Longjing's indexer leaves: a directory holding Glass tables, or a
// directory of shards (a XAPIANDB stub beside shard-N databases).
bool holds_glass_tables(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return false;
  if (holds_glass_table(dir)) return true;
  return std::filesystem::exists(std::filesystem::path(dir) / "XAPIANDB", ec) &&
         !database_below(dir).empty();
}

// Opens one database: a local path (a database, a directory of shards, or a Xapian stub
// file, which may name remote servers), or tcp://HOST:PORT on xapian-tcpsrv.
Xapian::Database open_one(const std::string& spec, std::chrono::milliseconds timeout) {
  const auto remote = tcp_address(spec);
  std::error_code ec;
  if (!remote && !std::filesystem::exists(spec, ec)) {
    throw DatabaseError("no database at " + spec + ": index some files first (indexer --db " +
                        spec + " PATH...)");
  }
  try {
    Xapian::Database db = remote ? Xapian::Remote::open(remote->first, remote->second,
                                                        static_cast<unsigned>(timeout.count()),
                                                        static_cast<unsigned>(timeout.count()))
                                 : Xapian::Database(spec);
    const std::string version = db.get_metadata(std::string(schema::kSchemaKey));
    if (version != std::to_string(schema::kSchemaVersion)) {
      throw DatabaseError(incompatible_schema_message(spec, version));
    }
    return db;
  } catch (const Xapian::Error& e) {
    // A directory that holds Xapian's tables but will not open is a damaged index, not a
    // missing one (a truncated postlist.glass: "EOF reading block 2"; no iamglass:
    // "Couldn't detect type of database").
    if (!remote && holds_glass_tables(spec)) {
      throw DatabaseError("database " + spec + " is damaged (" + e.get_msg() +
                          "): rebuild it with indexer --rebuild --db " + spec +
                          " PATH... (the articles themselves are not touched)");
    }
    // A folder above the database (--db ~/index where the index is ~/index/db).
    if (const std::string below = remote ? "" : database_below(spec); !below.empty()) {
      throw DatabaseError("cannot open database " + spec + ": it is not a database, but " + below +
                          " is one (--db " + below + ")");
    }
    throw DatabaseError(describe_xapian_error("cannot open database " + spec, e));
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

// "YYYY-MM-DD" → "YYYYMMDD", or QueryError naming the flag.
std::string checked_date(const std::string& iso, const char* flag) {
  const std::string compact = schema::compact_date(iso);
  if (compact.empty()) {
    throw QueryError(std::string(flag) + " '" + iso + "' is not a valid date (YYYY-MM-DD)");
  }
  return compact;
}

// The value slot the request's dates are read from (SearchRequest::mtime_dates).
unsigned date_slot(const SearchRequest& request) {
  return request.mtime_dates ? schema::kDateOrMtimeSlot : schema::kDateSlot;
}

// The query with the request's date limits applied.
Xapian::Query with_date_limits(Xapian::Query query, const SearchRequest& request) {
  if (request.since.empty() && request.until.empty()) return query;
  Xapian::Query range;
  const unsigned slot = date_slot(request);
  if (request.until.empty()) {
    range = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, checked_date(request.since, "--since"));
  } else if (request.since.empty()) {
    range = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, checked_date(request.until, "--until"));
  } else {
    range =
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, checked_date(request.since, "--since"),
                      checked_date(request.until, "--until"));
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, query, range);
}

// The field a term belongs to, by name; and the term without its prefix.
std::pair<std::string, std::string> split_field(const std::string& term) {
  const schema::Term parsed = schema::parse_term(term);
  return {std::string(schema::term_kind_name(parsed.kind)), std::string(parsed.text)};
}

// For each alias group of the query whose typed name did not match in a hit but another
// name did: the first such name, in the group's order.
std::vector<AliasMatch> aliases_matched(const ParsedQuery& parsed,
                                        const std::vector<HighlightPattern>& patterns,
                                        const std::vector<std::size_t>& matched) {
  std::set<std::string> typed_found;
  std::set<std::pair<std::string, std::string>> alias_found;
  for (std::size_t p : matched) {
    const HighlightPattern& pattern = patterns[p];
    if (pattern.typed.empty()) continue;
    if (pattern.alias.empty()) {
      typed_found.insert(pattern.typed);
    } else {
      alias_found.emplace(pattern.typed, pattern.alias);
    }
  }
  std::vector<AliasMatch> out;
  for (const AliasExpansion& e : parsed.alias_expansions()) {
    if (typed_found.count(e.typed) != 0) continue;
    for (const std::string& name : e.names) {
      if (alias_found.count({e.typed, name}) != 0) {
        out.push_back({e.typed, name});
        break;
      }
    }
  }
  return out;
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> paths;

  // The databases searched, for messages: "db" or "db1, db2".
  std::string describe_databases() const {
    std::string out;
    for (const std::string& p : paths) out += (out.empty() ? "" : ", ") + p;
    return out;
  }

  std::vector<MissingDatabase> missing;
  Xapian::Database db;
  std::vector<Xapian::Database> parts;  // each database of `db`, for its metadata
  Analyzer analyzer;
  std::unique_ptr<QueryBuilder> builder;
  RootPaths roots;  // of every database searched

  // The roots every database searched names (schema::kRootTermKey).
  RootPaths read_roots() const {
    RootPaths out;
    for (const Xapian::Database& part : parts) out.merge(read_root_terms(part));
    return out;
  }

  // The path of `doc` (its kPathSlot value, below a root or whole).
  std::string path_of(const Xapian::Document& doc) const {
    const std::string value = doc.get_value(schema::kPathSlot);
    if (auto path = schema::path_of_value(value, roots)) return std::move(*path);
    throw DatabaseError("document " + std::to_string(doc.get_docid()) + " of " +
                        describe_databases() +
                        " names a root the database does not record: rebuild it with "
                        "indexer --rebuild");
  }

  // The query to run, with the date limits of the request.
  Xapian::Query query_for(const SearchRequest& request, const ParsedQuery& parsed) const {
    if (parsed.empty()) {
      throw QueryError("query " + quote_for_message(request.query) + " has no words to search for");
    }
    return with_date_limits(parsed.impl().query, request);
  }

  // The query to rank with: query_for() with the typed-form boost (ranking.h), which
  // matches the same documents.
  Xapian::Query ranked_query_for(const SearchRequest& request, const ParsedQuery& parsed) const {
    return ranking_query(query_for(request, parsed), parsed.impl().ranking, db);
  }

  // Each matching term's share of the hit's score: the query's terms the document holds
  // (Enquire's matching terms), and the document's terms that begin with a prefix the
  // query expanded (`comput*`, a lone Chinese character), which Enquire does not list.
  std::vector<TermWeight> explain(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it,
                                  const ParsedQuery& parsed) const {
    std::set<std::string> terms(enquire.get_matching_terms_begin(it),
                                enquire.get_matching_terms_end(it));
    const query::TermOrigins& origins = parsed.impl().origins;
    for (const auto& [prefix, typed] : origins.prefixes) {
      Xapian::TermIterator t = db.termlist_begin(*it);
      const Xapian::TermIterator end = db.termlist_end(*it);
      for (t.skip_to(prefix); t != end && (*t).compare(0, prefix.size(), prefix) == 0; ++t) {
        terms.insert(*t);
      }
    }
    std::vector<TermWeight> out;
    // The document's own id term, to weigh each term in this document alone.
    const std::string id_term = schema::id_term(path_of(it.get_document()));
    for (const std::string& t : terms) {
      Xapian::Enquire one(db);
      one.set_weighting_scheme(ranking_weight());
      one.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(t), Xapian::Query(id_term)));
      double weight = 0.0;  // the id term is this document's, and another's if paths share a hash
      const Xapian::MSet m = one.get_mset(0, 10);
      for (auto hit = m.begin(); hit != m.end(); ++hit) {
        if (*hit == *it) weight = hit.get_weight();
      }
      auto [field, term] = split_field(t);
      out.push_back({origins.typed_for(t), term, field, weight});
    }
    std::sort(out.begin(), out.end(), [](const TermWeight& a, const TermWeight& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    });
    return out;
  }

  // `q` with each word it checks replaced by the spelling table's correction, and
  // whether any was replaced. A word is a run of spelling letters of three or more (not an
  // operator, a field name or a wildcard); one the index holds is checked only when
  // `known_too`. `fixes` keeps the table's answer for each word asked, so a second call
  // asks no word again.
  std::pair<std::string, bool> corrected(const std::string& q, bool known_too,
                                         std::map<std::string, std::string>& fixes) const {
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < q.size()) {
      std::size_t j = i;
      while (j < q.size() && schema::is_spelling_letter(q[j])) ++j;
      if (j > i) {
        const std::string word = q.substr(i, j - i);
        const bool field = j < q.size() && q[j] == ':';
        const bool wildcard = j < q.size() && q[j] == '*';
        const std::string normalized = normalize_string(word);
        const bool checked = !query::is_operator_word(word) && !field && !wildcard &&
                             word.size() >= 3 && (known_too || db.get_termfreq(normalized) == 0);
        std::string fix;
        if (checked) {
          const auto [asked, fresh] = fixes.try_emplace(normalized);
          if (fresh) asked->second = db.get_spelling_suggestion(normalized);
          fix = asked->second;
        }
        if (!fix.empty() && fix != normalized) {
          out += fix;
          changed = true;
        } else {
          out += word;
        }
        i = j;
      } else {
        out += q[i++];
      }
    }
    return {out, changed};
  }

  // How many documents `request` finds with `query` instead of its own (0 when it parses to
  // nothing).
  std::uint64_t matches_of(const SearchRequest& request, const std::string& query) const {
    SearchRequest alternative = request;
    alternative.query = query;
    const ParsedQuery parsed = builder->build(query);
    if (parsed.empty()) return 0;
    Xapian::Enquire enquire(db);
    enquire.set_query(query_for(alternative, parsed));
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  }

  // A corrected query when one of its words looks misspelt and the correction finds
  // more documents than `matches`; else "". The words the index does not know are
  // corrected first; a word it knows only when the query found nothing and correcting the
  // unknown ones alone did not help (a known word is left as typed where it can be:
  // `interupt handler` becomes `interrupt handler`, not `interrupt handle`). The search
  // for corrections costs as much as the rest of a query ("United States": 11 of 21
  // million instructions), so it is made only for a word the index does not know, or for
  // a query that found nothing.
  std::pair<std::string, std::uint64_t> suggestion(const SearchRequest& request,
                                                   std::uint64_t matches) const {
    std::map<std::string, std::string> fixes;
    for (const bool known_too : {false, true}) {
      if (known_too && matches > 0) break;
      const auto [query, changed] = corrected(request.query, known_too, fixes);
      if (!changed) continue;
      const std::uint64_t found = matches_of(request, query);
      if (found > matches) return {query, found};
    }
    return {"", 0};
  }
};

Searcher::Searcher(const std::vector<std::string>& databases, const SearcherOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->paths = databases;
  AliasTable aliases;
  std::string first_error;
  for (const std::string& path : databases) {
    Xapian::Database db;
    try {
      db = open_one(path, options.timeout);
    } catch (const DatabaseError& e) {
      if (!options.allow_partial) throw;
      impl_->missing.push_back({path, e.what()});
      if (first_error.empty()) first_error = e.what();
      continue;
    }
    if (options.aliases) {
      const std::string prefix = std::string(schema::kAliasesKey) + ":";
      for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
        aliases.add_text(db.get_metadata(*key),
                         path + " (aliases of " + (*key).substr(prefix.size()) + ")");
      }
    }
    impl_->db.add_database(db);
    impl_->parts.push_back(db);
  }
  if (impl_->missing.size() == databases.size()) {
    throw DatabaseError(first_error.empty() ? "no database to search" : first_error);
  }
  if (options.aliases) {
    for (const std::string& file : options.alias_files) aliases.add_file(file);
  }
  try {
    impl_->roots = impl_->read_roots();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(
        describe_xapian_error("cannot read the roots of " + impl_->describe_databases(), e));
  }
  impl_->builder = std::make_unique<QueryBuilder>(std::move(aliases), impl_->roots);
}

Searcher::~Searcher() = default;

const std::vector<MissingDatabase>& Searcher::missing_databases() const { return impl_->missing; }

bool Searcher::refresh() {
  try {
    if (!impl_->db.reopen()) return false;
    // An indexing run since may have added a root.
    if (RootPaths roots = impl_->read_roots(); roots != impl_->roots) {
      impl_->roots = std::move(roots);
      impl_->builder->set_roots(impl_->roots);
    }
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("cannot reopen the database", e));
  }
}

std::uint64_t Searcher::count(const SearchRequest& request) {
  const ParsedQuery parsed = impl_->builder->build(request.query);
  try {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(impl_->query_for(request, parsed));
    return enquire.get_mset(0, 0, impl_->db.get_doccount()).get_matches_estimated();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("search for " + quote_for_message(request.query) +
                                                  " in " + impl_->describe_databases() + " failed",
                                              e));
  }
}

std::optional<Article> Searcher::document(std::uint32_t docid) {
  try {
    if (docid == 0 || docid > impl_->db.get_lastdocid()) return std::nullopt;
    const Xapian::Document doc = impl_->db.get_document(docid);
    auto article = schema::decode_article(doc.get_data());
    if (article) article->path = impl_->path_of(doc);
    return article;
  } catch (const Xapian::DocNotFoundError&) {
    return std::nullopt;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("reading document " + std::to_string(docid) + " of " +
                                                  impl_->describe_databases() + " failed",
                                              e));
  }
}

std::uint64_t Searcher::document_count() const { return impl_->db.get_doccount(); }

SearchSummary Searcher::search(const SearchRequest& request, HitSink& sink) {
  const auto started = std::chrono::steady_clock::now();
  if (request.snippets && (request.snippet_count < 1 || request.snippet_count > kMaxSnippetCount)) {
    throw QueryError("snippets must be a whole number from 1 to " +
                     std::to_string(kMaxSnippetCount) + ", not " +
                     std::to_string(request.snippet_count));
  }
  if (request.snippets &&
      (request.snippet_width < kMinSnippetWidth || request.snippet_width > kMaxSnippetWidth)) {
    throw QueryError("the passage length must be " + std::to_string(kMinSnippetWidth) + " to " +
                     std::to_string(kMaxSnippetWidth) + " columns, not " +
                     std::to_string(request.snippet_width));
  }
  SearchSummary summary;
  summary.query = request.query;
  summary.missing = impl_->missing;
  const ParsedQuery parsed = impl_->builder->build(request.query);
  summary.parsed = parsed.description();
  summary.parsed_json = parsed.description_json();
  try {
    Xapian::Enquire enquire(impl_->db);
    const Xapian::Query query = impl_->ranked_query_for(request, parsed);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    if (request.time_limit > 0) enquire.set_time_limit(request.time_limit);
    if (request.mtime_dates &&
        impl_->db.get_value_freq(schema::kDateOrMtimeSlot) < impl_->db.get_doccount()) {
      throw QueryError(
          "--mtime-dates: " +
          std::to_string(impl_->db.get_doccount() -
                         impl_->db.get_value_freq(schema::kDateOrMtimeSlot)) +
          " documents were indexed before the index kept modification days (indexer --rebuild "
          "brings them up to date)");
    }
    if (request.sort == SortOrder::kDate)
      enquire.set_sort_by_value_then_relevance(date_slot(request), true);
    // Nearness reorders the best matches (ranking.h): they are fetched from rank 0, at
    // least nearness_depth of them, and the page is cut from the reordered list.
    const RankingTerms& ranking = parsed.impl().ranking;
    const bool reorder = request.sort == SortOrder::kRelevance && reorders(ranking);
    const Xapian::doccount limit = request.limit == 0
                                       ? impl_->db.get_doccount()
                                       : static_cast<Xapian::doccount>(request.limit);
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    // Up to kExactCountUpTo matches are all looked at, so the count is exact where a
    // reader can check it (unless Xapian knows it already); beyond, it is Xapian's
    // estimate, and said to be one.
    const Xapian::doccount check_at_least =
        matches_to_check(query, impl_->db.get_doccount(), kExactCountUpTo);
    const Xapian::MSet mset =
        reorder ? enquire.get_mset(
                      0,
                      std::max<Xapian::doccount>(request.limit == 0 ? limit : offset + limit,
                                                 kRanking.nearness_depth),
                      check_at_least)
                : enquire.get_mset(offset, limit, check_at_least);
    summary.matches_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    // The matches seen bound the estimate from below, the documents there are from above.
    summary.estimated_matches = std::clamp<std::uint64_t>(
        summary.matches_exact ? mset.get_matches_lower_bound() : mset.get_matches_estimated(),
        (reorder ? 0 : offset) + mset.size(), impl_->db.get_doccount());
    const std::vector<RankedMatch> order =
        reorder ? order_by_nearness(impl_->db, mset, ranking,
                                    request.limit == 0 ? 0 : offset + limit, request.explain)
                : order_by_nearness(impl_->db, mset, RankingTerms{}, 0, request.explain);
    const std::size_t first = reorder ? std::min<std::size_t>(offset, order.size()) : 0;
    const std::size_t end = std::min<std::size_t>(order.size(), first + limit);

    std::vector<HighlightPattern> patterns = parsed.highlight_patterns();
    weigh_patterns(impl_->db, patterns);
    const Highlighter highlighter(impl_->analyzer, std::move(patterns));
    for (std::size_t i = first; i < end; ++i) {
      const Xapian::MSetIterator& it = order[i].match;
      Hit hit;
      hit.rank = request.offset + (i - first) + 1;
      hit.score = order[i].score;
      hit.percent = order[i].percent;
      hit.docid = *it;
      const Xapian::Document doc = it.get_document();
      hit.paths_only = request.paths_only;
      hit.path = impl_->path_of(doc);
      auto stored = request.paths_only ? std::nullopt : schema::decode_article(doc.get_data());
      if (stored) {
        Article& a = *stored;
        hit.title = std::move(a.title);
        hit.date = std::move(a.date);
        hit.source = std::move(a.source);
        hit.language = std::move(a.language);
        hit.pages = a.pages;
        hit.tags = a.tags;
        if (request.snippets) {
          std::vector<std::size_t> matched;
          hit.title_snippet = highlighter.highlight(hit.title, &matched);
          Passages passages =
              highlighter.best_passages(a.body, request.snippet_width, request.snippet_count);
          hit.snippets = std::move(passages.snippets);
          matched.insert(matched.end(), passages.matched_patterns.begin(),
                         passages.matched_patterns.end());
          hit.aliases = aliases_matched(parsed, highlighter.patterns(), matched);
        } else {
          hit.title_snippet.text = hit.title;
        }
      }
      if (request.explain) {
        hit.explanation = impl_->explain(enquire, it, parsed);
        hit.ranking_factor = order[i].factor;
        hit.ranking_reasons = order[i].reasons;
      }
      ++summary.returned;
      if (!sink.on_hit(hit)) break;
    }
    if (request.suggest) {
      std::tie(summary.suggestion, summary.suggestion_matches) =
          impl_->suggestion(request, summary.estimated_matches);
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("search for " + quote_for_message(request.query) +
                                                  " in " + impl_->describe_databases() + " failed",
                                              e));
  }
  summary.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace longjing
