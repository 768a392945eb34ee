#include "longjing/query_session.h"

#include <nlohmann/json.hpp>

#include <string>

#include "longjing/error.h"
#include "longjing/printer.h"

namespace longjing {
namespace {

using json = nlohmann::json;

// The request a line asks for; throws Error when a JSON line is not a valid request.
SearchRequest parse_request(const std::string& line, const SearchRequest& defaults,
                            std::string& id) {
  SearchRequest request = defaults;
  id.clear();
  if (line.front() != '{') {
    request.query = line;
    return request;
  }
  const json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw Error("the line is not a JSON object");
  if (j.contains("id")) id = j["id"].dump();
  if (!j.contains("query") || !j["query"].is_string()) {
    throw Error("the request has no \"query\" string");
  }
  try {
    request.query = j["query"].get<std::string>();
    if (j.contains("limit")) request.limit = j["limit"].get<std::size_t>();
    if (j.contains("offset")) request.offset = j["offset"].get<std::size_t>();
    if (j.contains("snippets")) request.snippet_count = j["snippets"].get<std::size_t>();
    if (j.contains("since")) request.since = j["since"].get<std::string>();
    if (j.contains("until")) request.until = j["until"].get<std::string>();
    if (j.contains("explain")) request.explain = j["explain"].get<bool>();
    if (j.contains("sort")) {
      const std::string sort = j["sort"].get<std::string>();
      if (sort != "relevance" && sort != "date") throw Error("\"sort\" must be relevance or date");
      request.sort = sort == "date" ? SortOrder::kDate : SortOrder::kRelevance;
    }
  } catch (const json::exception& e) {
    throw Error(std::string("a field of the request has the wrong type: ") + e.what());
  }
  return request;
}

}  // namespace

bool run_query_session(std::istream& in, std::ostream& out, Searcher& searcher,
                       const SearchRequest& defaults) {
  std::string line;
  std::string id;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    try {
      const SearchRequest request = parse_request(line, defaults, id);
      searcher.refresh();
      auto printer = make_json_printer(out, id);
      printer->finish(searcher.search(request, *printer));
    } catch (const Error& e) {
      write_json_error(out, e.what(), id);
    }
    out.flush();
    if (!out) return false;
  }
  return true;
}

}  // namespace longjing
