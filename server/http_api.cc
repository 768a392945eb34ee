#include "http_api.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "longjing/error.h"
#include "longjing/printer.h"
#include "longjing/query_builder.h"
#include "longjing/query_session.h"
#include "longjing/utf8.h"
#include "longjing/version.h"

namespace longjing::server {
namespace {

using json = nlohmann::ordered_json;

// A failure that becomes an error response with its status.
struct HttpError {
  int status;
  std::string message;
};

// The search parameters of GET /api/search, in the order docs/http-api.md lists them.
constexpr const char* kSearchParams[] = {"q",     "limit", "offset", "snippets",
                                         "since", "until", "sort",   "mtime_dates"};

// A whole number from `low` to `high` written in decimal digits, or HttpError 400.
std::size_t whole_number(const std::string& name, const std::string& text, std::size_t low,
                         std::size_t high) {
  const std::string range =
      "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  std::size_t value = 0;
  bool ok = !text.empty() && text.size() <= 12;
  for (char c : text) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (!ok || value < low || value > high) {
    throw HttpError{400, "\"" + name + "\" must be " + range + ", not " + quote_for_message(text)};
  }
  return value;
}

// Checks what every search must respect, whichever way it came.
void check_search(const SearchRequest& request, const ApiOptions& options) {
  if (request.query.size() > kMaxQueryBytes) {
    throw HttpError{413, "the query is " + std::to_string(request.query.size()) +
                             " bytes long; the most is " + std::to_string(kMaxQueryBytes)};
  }
  if (!is_valid_utf8(request.query)) throw HttpError{400, "the query is not valid UTF-8"};
  if (request.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw HttpError{400, "the query is empty"};
  }
  if (request.limit < 1 || request.limit > options.max_limit) {
    throw HttpError{400, "\"limit\" must be a whole number from 1 to " +
                             std::to_string(options.max_limit) + ", not " +
                             std::to_string(request.limit)};
  }
  if (request.offset > options.max_offset) {
    throw HttpError{400, "\"offset\" must be a whole number from 0 to " +
                             std::to_string(options.max_offset) + ", not " +
                             std::to_string(request.offset)};
  }
}

// The search a GET request asks for.
SearchRequest request_from_params(const ApiRequest& http, const ApiOptions& options) {
  SearchRequest request;
  bool has_query = false;
  std::vector<std::string> seen;
  for (const auto& [name, value] : http.params) {
    if (std::find(std::begin(kSearchParams), std::end(kSearchParams), name) ==
        std::end(kSearchParams)) {
      std::string known;
      for (const char* p : kSearchParams) known += (known.empty() ? "" : ", ") + std::string(p);
      throw HttpError{400,
                      "unknown parameter " + quote_for_message(name) + " (known: " + known + ")"};
    }
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      throw HttpError{400, "parameter \"" + name + "\" is given twice"};
    }
    seen.push_back(name);
    if (name == "q") {
      request.query = value;
      has_query = true;
    } else if (name == "limit") {
      request.limit = whole_number(name, value, 1, options.max_limit);
    } else if (name == "offset") {
      request.offset = whole_number(name, value, 0, options.max_offset);
    } else if (name == "snippets") {
      request.snippet_count = whole_number(name, value, 1, kMaxSnippetCount);
    } else if (name == "since") {
      request.since = value;
    } else if (name == "until") {
      request.until = value;
    } else if (name == "mtime_dates") {
      if (value != "true" && value != "false") {
        throw HttpError{400,
                        "\"mtime_dates\" must be true or false, not " + quote_for_message(value)};
      }
      request.mtime_dates = value == "true";
    } else if (name == "sort") {
      if (value != "relevance" && value != "date") {
        throw HttpError{400, "\"sort\" must be relevance or date, not " + quote_for_message(value)};
      }
      request.sort = value == "date" ? SortOrder::kDate : SortOrder::kRelevance;
    }
  }
  if (!has_query) throw HttpError{400, "the request has no query: add q=..."};
  return request;
}

// The search a POST body (a --stdin request object) asks for; `id` gets its "id".
SearchRequest request_from_body(const std::string& body, std::string& id) {
  const std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || body[start] != '{') {
    throw HttpError{400, "the body must be a JSON request object, as searcher --stdin reads"};
  }
  try {
    return parse_search_request(body, SearchRequest{}, id);
  } catch (const Error& e) {
    throw HttpError{400, e.what()};
  }
}

// Collects the JSON printer's lines: the hit objects and the summary, exactly as --json
// writes them.
std::string search_body(Searcher& searcher, const SearchRequest& request, const std::string& id) {
  std::ostringstream lines;
  auto printer = make_json_printer(lines, id);
  const SearchSummary summary = searcher.search(request, *printer);
  printer->finish(summary);
  std::string body = "{\"format_version\":" + std::to_string(kJsonFormatVersion) + ",\"hits\":[";
  std::istringstream in(lines.str());
  std::string line, last;
  bool first = true;
  while (std::getline(in, line)) {
    if (!last.empty()) {
      body += (first ? "" : ",") + last;
      first = false;
    }
    last = line;
  }
  return body + "],\"summary\":" + last + "}";
}

}  // namespace

ApiResponse error_response(int status, const std::string& message) {
  ApiResponse response;
  response.status = status;
  const json j = {{"format_version", kJsonFormatVersion},
                  {"error", {{"status", status}, {"message", message}}}};
  response.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

Api::Api(SearcherPool& pool, ApiOptions options) : pool_(pool), options_(std::move(options)) {}

ApiResponse Api::handle(const ApiRequest& request) const {
  ApiResponse response;
  try {
    const std::string& path = request.path;
    if (!options_.token.empty() && !bearer_token_matches(request.authorization, options_.token)) {
      response = error_response(401, "this server needs \"Authorization: Bearer <token>\"");
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
    } else if (request.method == "OPTIONS" && !options_.cors_origin.empty() &&
               path.rfind("/api/", 0) == 0) {
      response.status = 204;
      response.content_type.clear();
      response.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST");
      response.headers.emplace_back("Access-Control-Allow-Headers", "Authorization, Content-Type");
      response.headers.emplace_back("Access-Control-Max-Age", "600");
    } else {
      // Each route and the methods it takes.
      const bool is_search = path == "/api/search";
      const bool is_document = path.rfind("/api/document/", 0) == 0;
      const bool is_health = path == "/api/health";
      const bool is_page = path == "/" || path == "/index.html";
      const bool takes_post = is_search;
      if (!(is_search || is_document || is_health || is_page)) {
        response = error_response(404, "no such page or endpoint: " + quote_for_message(path) +
                                           " (see docs/http-api.md)");
      } else if (!(request.method == "GET" || request.method == "HEAD" ||
                   (takes_post && request.method == "POST"))) {
        response = error_response(
            405, "method " + quote_for_message(request.method) + " is not allowed here");
        response.headers.emplace_back("Allow", takes_post ? "GET, HEAD, POST" : "GET, HEAD");
      } else if (is_page) {
        response.content_type = "text/html; charset=utf-8";
        response.body = options_.page;
      } else if (is_search) {
        response = search(request);
      } else if (is_document) {
        response = document(path.substr(std::string("/api/document/").size()));
      } else {
        response = health();
      }
    }
  } catch (const HttpError& e) {
    response = error_response(e.status, e.message);
  } catch (const QueryError& e) {
    response = error_response(400, e.what());
  } catch (const DatabaseError& e) {
    response = error_response(503, e.what());
  } catch (const std::exception& e) {
    response = error_response(500, std::string("internal error: ") + e.what());
  }
  if (!options_.cors_origin.empty()) {
    response.headers.emplace_back("Access-Control-Allow-Origin", options_.cors_origin);
    response.headers.emplace_back("Vary", "Origin");
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "no-store");
  if (response.content_type.rfind("text/html", 0) == 0) {
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  return response;
}

ApiResponse Api::search(const ApiRequest& http) const {
  std::string id;
  SearchRequest request = http.method == "POST" ? request_from_body(http.body, id)
                                                : request_from_params(http, options_);
  check_search(request, options_);
  request.time_limit = options_.time_budget_seconds;
  auto searcher = pool_.lease();
  ApiResponse response;
  response.body = search_body(*searcher, request, id);
  return response;
}

ApiResponse Api::document(const std::string& id) const {
  const std::size_t docid = whole_number("docid", id, 1, 0xFFFFFFFFu);
  auto searcher = pool_.lease();
  const auto article = searcher->document(static_cast<std::uint32_t>(docid));
  if (!article) return error_response(404, "no document " + id);
  ApiResponse response;
  response.body = json_document(static_cast<std::uint32_t>(docid), *article);
  return response;
}

ApiResponse Api::health() const {
  auto searcher = pool_.lease();
  const json j = {{"format_version", kJsonFormatVersion},
                  {"status", "ok"},
                  {"documents", searcher->document_count()},
                  {"version", version()}};
  ApiResponse response;
  response.body = j.dump();
  return response;
}

bool bearer_token_matches(const std::string& authorization, const std::string& token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() != kScheme.size() + token.size() ||
      authorization.compare(0, kScheme.size(), kScheme) != 0) {
    return false;
  }
  unsigned char differ = 0;  // the whole token compared, whatever differs first
  for (std::size_t i = 0; i < token.size(); ++i) {
    differ |= static_cast<unsigned char>(authorization[kScheme.size() + i] ^ token[i]);
  }
  return differ == 0;
}

}  // namespace longjing::server
