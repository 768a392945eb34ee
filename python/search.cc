// longjing.Database: a Searcher over one or many databases, searched with the GIL released.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "longjing/database_path.h"
#include "longjing/error.h"
#include "longjing/highlighter.h"
#include "longjing/searcher.h"

namespace py = pybind11;

namespace longjing::python {
namespace {

// The hits of one search and its summary, as Database.search returns them.
struct Results {
  std::vector<Hit> hits;
  SearchSummary summary;
};

// Collects the hits a search pushes.
class CollectingSink : public HitSink {
 public:
  explicit CollectingSink(std::vector<Hit>& hits) : hits_(hits) {}
  bool on_hit(const Hit& hit) override {
    hits_.push_back(hit);
    return true;
  }

 private:
  std::vector<Hit>& hits_;
};

// None → "", a str → itself, a datetime.date (anything with isoformat()) → "YYYY-MM-DD".
std::string date_argument(const py::object& value) {
  if (value.is_none()) return "";
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::hasattr(value, "isoformat")) {
    return value.attr("isoformat")().cast<std::string>().substr(0, 10);
  }
  throw QueryError("a date must be a 'YYYY-MM-DD' string or a datetime.date, not " +
                   py::repr(value).cast<std::string>());
}

// The database paths of a Database(...) argument: None (the default database), one path,
// or a list of them.
std::vector<std::string> database_paths(const py::object& databases) {
  if (databases.is_none()) return {resolve_database_path("")};
  if (py::isinstance<py::str>(databases) || py::isinstance<py::bytes>(databases) ||
      py::hasattr(databases, "__fspath__")) {
    return {fs_path(databases)};
  }
  std::vector<std::string> paths;
  for (const py::handle& item : databases) paths.push_back(fs_path(item));
  if (paths.empty()) throw DatabaseError("no database given");
  return paths;
}

std::size_t count_argument(long long value, const char* name) {
  if (value < 0)
    throw QueryError(std::string(name) + " must be 0 or more, not " + std::to_string(value));
  return static_cast<std::size_t>(value);
}

py::object or_none(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

// One or many databases searched as one; searches from several Python threads take turns
// (a Xapian database serves one search at a time) without holding the GIL.
class Database {
 public:
  Database(const py::object& databases, bool aliases, const std::vector<std::string>& alias_files,
           double timeout, bool allow_partial) {
    const std::vector<std::string> paths = database_paths(databases);
    SearcherOptions options;
    options.aliases = aliases;
    options.alias_files = alias_files;
    options.timeout = std::chrono::milliseconds(static_cast<long long>(timeout * 1000));
    options.allow_partial = allow_partial;
    py::gil_scoped_release release;
    searcher_ = std::make_unique<Searcher>(paths, options);
  }

  Results search(const std::string& query, long long limit, long long offset, long long snippets,
                 const py::object& since, const py::object& until, const std::string& sort,
                 bool explain) {
    SearchRequest request;
    request.query = query;
    request.limit = count_argument(limit, "limit");
    request.offset = count_argument(offset, "offset");
    request.snippet_count = count_argument(snippets, "snippets");
    request.since = date_argument(since);
    request.until = date_argument(until);
    request.explain = explain;
    if (sort != "relevance" && sort != "date") {
      throw QueryError("sort must be 'relevance' or 'date', not '" + sort + "'");
    }
    request.sort = sort == "date" ? SortOrder::kDate : SortOrder::kRelevance;
    Results results;
    CollectingSink sink(results.hits);
    py::gil_scoped_release release;
    const std::lock_guard<std::mutex> lock(mutex_);
    searcher_->refresh();  // the newest committed revision, as searcher --stdin does
    results.summary = searcher_->search(request, sink);
    return results;
  }

  std::uint64_t count(const std::string& query, const py::object& since, const py::object& until) {
    SearchRequest request;
    request.query = query;
    request.since = date_argument(since);
    request.until = date_argument(until);
    py::gil_scoped_release release;
    const std::lock_guard<std::mutex> lock(mutex_);
    searcher_->refresh();
    return searcher_->count(request);
  }

  std::vector<MissingDatabase> missing() const { return searcher_->missing_databases(); }

 private:
  std::mutex mutex_;
  std::unique_ptr<Searcher> searcher_;
};

py::list highlights_of(const Snippet& snippet) {
  py::list out;
  for (const HighlightOffsets& h : highlight_offsets(snippet)) out.append(py::cast(h));
  return out;
}

}  // namespace

void define_search(py::module_& m) {
  py::class_<HighlightOffsets>(m, "Highlight",
                               "A highlighted range of a text: bytes of its UTF-8 (start, end) and "
                               "characters, Python's str indices (char_start, char_end).")
      .def_readonly("start", &HighlightOffsets::start)
      .def_readonly("end", &HighlightOffsets::end)
      .def_readonly("char_start", &HighlightOffsets::char_start)
      .def_readonly("char_end", &HighlightOffsets::char_end)
      .def("__repr__", [](const HighlightOffsets& h) {
        return "Highlight(char_start=" + std::to_string(h.char_start) +
               ", char_end=" + std::to_string(h.char_end) + ")";
      });

  py::class_<Snippet>(m, "Snippet", "A passage of the article, with its matches highlighted.")
      .def_readonly("text", &Snippet::text)
      .def_property_readonly("highlights", &highlights_of)
      .def("__repr__", [](const Snippet& s) {
        return "Snippet(" + py::repr(py::str(s.text)).cast<std::string>() + ")";
      });

  py::class_<AliasMatch>(m, "AliasMatch",
                         "An alias that matched where the query named another form.")
      .def_readonly("typed", &AliasMatch::typed)
      .def_readonly("alias", &AliasMatch::alias);

  py::class_<TermWeight>(m, "TermWeight", "One query term's part in a hit's score (explain=True).")
      .def_readonly("typed", &TermWeight::typed)
      .def_readonly("term", &TermWeight::term)
      .def_readonly("field", &TermWeight::field)
      .def_readonly("weight", &TermWeight::weight);

  py::class_<Hit>(
      m, "Hit",
      "One search result; its attributes are the fields of searcher --json's hit objects.")
      .def_readonly("rank", &Hit::rank)
      .def_readonly("score", &Hit::score)
      .def_readonly("percent", &Hit::percent)
      .def_readonly("docid", &Hit::docid)
      .def_property_readonly("path", [](const Hit& h) { return fs_str(h.path); })
      .def_readonly("title", &Hit::title)
      .def_property_readonly("title_highlights",
                             [](const Hit& h) { return highlights_of(h.title_snippet); })
      .def_property_readonly("date", [](const Hit& h) { return or_none(h.date); })
      .def_property_readonly("source", [](const Hit& h) { return or_none(h.source); })
      .def_property_readonly("language", [](const Hit& h) { return or_none(h.language); })
      .def_readonly("tags", &Hit::tags, "The tags the article gives itself (a list, maybe empty).")
      .def_property_readonly("pages",
                             [](const Hit& h) -> py::object {
                               return h.pages > 0 ? py::object(py::int_(h.pages))
                                                  : py::object(py::none());
                             })
      .def_readonly("snippets", &Hit::snippets)
      .def_readonly("aliases", &Hit::aliases)
      .def_readonly("explain", &Hit::explanation)
      .def_property_readonly("ranking",
                             [](const Hit& h) {
                               py::dict d;
                               d["factor"] = h.ranking_factor;
                               d["reasons"] = h.ranking_reasons;
                               return d;
                             })
      .def("__repr__", [](const Hit& h) {
        return "Hit(rank=" + std::to_string(h.rank) +
               ", path=" + py::repr(fs_str(h.path)).cast<std::string>() + ")";
      });

  py::class_<MissingDatabase>(m, "MissingDatabase", "A database left out under allow_partial=True.")
      .def_readonly("database", &MissingDatabase::database)
      .def_readonly("reason", &MissingDatabase::reason);

  py::class_<Results>(m, "Results",
                      "The hits of a search, in rank order (a sequence), and its summary: the "
                      "fields of searcher --json's summary object.")
      .def("__len__", [](const Results& r) { return r.hits.size(); })
      .def(
          "__getitem__",
          [](const Results& r, long long i) -> const Hit& {
            const auto n = static_cast<long long>(r.hits.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("hit index out of range");
            return r.hits[static_cast<std::size_t>(i)];
          },
          py::return_value_policy::reference_internal)
      .def(
          "__iter__",
          [](const Results& r) { return py::make_iterator(r.hits.begin(), r.hits.end()); },
          py::keep_alive<0, 1>())
      .def_readonly("hits", &Results::hits)
      .def_property_readonly("query", [](const Results& r) { return r.summary.query; })
      .def_property_readonly("parsed", [](const Results& r) { return r.summary.parsed; })
      .def_property_readonly("estimated_matches",
                             [](const Results& r) { return r.summary.estimated_matches; })
      .def_property_readonly("matches_exact",
                             [](const Results& r) { return r.summary.matches_exact; })
      .def_property_readonly("returned", [](const Results& r) { return r.summary.returned; })
      .def_property_readonly("suggestion",
                             [](const Results& r) { return or_none(r.summary.suggestion); })
      .def_property_readonly("elapsed_seconds",
                             [](const Results& r) { return r.summary.elapsed_seconds; })
      .def_property_readonly("missing_databases",
                             [](const Results& r) { return r.summary.missing; })
      .def("__repr__", [](const Results& r) {
        return "Results(" + std::to_string(r.hits.size()) + " hits of " +
               std::to_string(r.summary.estimated_matches) + ")";
      });

  py::class_<Database>(
      m, "Database",
      "Longjing databases opened for searching, searched as one: a path (str, bytes "
      "or os.PathLike; a database directory, a directory of shards, a stub file, or "
      "tcp://HOST:PORT), a list of them, or None for the default database "
      "($LONGJING_DB, else ~/.local/share/longjing/db). Raises DatabaseError.")
      .def(py::init<const py::object&, bool, const std::vector<std::string>&, double, bool>(),
           py::arg("path") = py::none(), py::kw_only(), py::arg("aliases") = true,
           py::arg("alias_files") = std::vector<std::string>{}, py::arg("timeout") = 10.0,
           py::arg("allow_partial") = false)
      .def("search", &Database::search,
           "Runs a query (the searcher's syntax, docs/query-syntax.md) and returns its Results: "
           "hits ranked as searcher ranks them, `limit` of them (0: all) after skipping `offset`, "
           "each with `snippets` passages (1 to 20); `since`/`until` limit the articles' dates "
           "(YYYY-MM-DD or datetime.date); `sort` is 'relevance' or 'date'. Sees the newest "
           "committed revision. Raises QueryError, DatabaseError.",
           py::arg("query"), py::arg("limit") = 10, py::arg("offset") = 0, py::arg("snippets") = 1,
           py::arg("since") = py::none(), py::arg("until") = py::none(),
           py::arg("sort") = "relevance", py::arg("explain") = false)
      .def(
          "count", &Database::count,
          "The number of articles matching `query` (and the date limits), exactly, as searcher -c.",
          py::arg("query"), py::kw_only(), py::arg("since") = py::none(),
          py::arg("until") = py::none())
      .def_property_readonly("missing_databases", &Database::missing,
                             "The databases left out under allow_partial=True.");
}

}  // namespace longjing::python
