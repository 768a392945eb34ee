#include "longjing/query_session.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "longjing/error.h"
#include "longjing/printer.h"

namespace longjing {
namespace {

using json = nlohmann::json;

// The fields a JSON request may hold (include/longjing/query_session.h).
constexpr std::string_view kRequestFields[] = {"query",    "id",         "limit", "offset",
                                               "snippets", "since",      "until", "explain",
                                               "sort",     "mtime_dates"};

std::size_t count_field(const json& j, const char* name, std::size_t low, std::size_t high) {
  const json& v = j[name];
  if (!v.is_number_integer() || v.get<long long>() < static_cast<long long>(low) ||
      v.get<unsigned long long>() > high) {
    throw Error(std::string("\"") + name + "\" must be a whole number from " + std::to_string(low) +
                (high == SIZE_MAX ? " up" : " to " + std::to_string(high)) + ", not " + v.dump());
  }
  return v.get<std::size_t>();
}

bool true_or_false_field(const json& j, const char* name) {
  const json& v = j[name];
  if (!v.is_boolean())
    throw Error(std::string("\"") + name + "\" must be true or false, not " + v.dump());
  return v.get<bool>();
}

std::string text_field(const json& j, const char* name) {
  const json& v = j[name];
  if (!v.is_string())
    throw Error(std::string("\"") + name + "\" must be a string, not " + v.dump());
  return v.get<std::string>();
}

}  // namespace

SearchRequest parse_search_request(const std::string& line, const SearchRequest& defaults,
                                   std::string& id) {
  SearchRequest request = defaults;
  id.clear();
  if (line.find_first_not_of(" \t") == std::string::npos) {
    throw Error("the line is empty: write a query, or a JSON request object");
  }
  if (line.front() != '{') {
    request.query = line;
    return request;
  }
  const json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw Error("the line is not a JSON object");
  if (j.contains("id")) id = j["id"].dump();
  for (const auto& [key, value] : j.items()) {
    if (std::find(std::begin(kRequestFields), std::end(kRequestFields), key) ==
        std::end(kRequestFields)) {
      std::string known;
      for (std::string_view field : kRequestFields) {
        known += (known.empty() ? "" : ", ") + std::string(field);
      }
      throw Error("the request has an unknown field \"" + key + "\" (known: " + known + ")");
    }
  }
  if (!j.contains("query")) throw Error("the request has no \"query\" string");
  request.query = text_field(j, "query");
  if (j.contains("limit")) request.limit = count_field(j, "limit", 0, SIZE_MAX);
  if (j.contains("offset")) request.offset = count_field(j, "offset", 0, SIZE_MAX);
  if (j.contains("snippets"))
    request.snippet_count = count_field(j, "snippets", 1, kMaxSnippetCount);
  if (j.contains("since")) request.since = text_field(j, "since");
  if (j.contains("until")) request.until = text_field(j, "until");
  if (j.contains("explain")) request.explain = true_or_false_field(j, "explain");
  if (j.contains("mtime_dates")) request.mtime_dates = true_or_false_field(j, "mtime_dates");
  if (j.contains("sort")) {
    const std::string sort = text_field(j, "sort");
    if (sort != "relevance" && sort != "date") throw Error("\"sort\" must be relevance or date");
    request.sort = sort == "date" ? SortOrder::kDate : SortOrder::kRelevance;
  }
  return request;
}

bool run_query_session(std::istream& in, std::ostream& out, Searcher& searcher,
                       const SearchRequest& defaults) {
  std::string line;
  std::string id;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    try {
      const SearchRequest request = parse_search_request(line, defaults, id);
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
