// The HTTP API of searcher --serve (docs/http-api.md), apart from any socket: a request as
// plain values in, a response as plain values out, so that every route and every error
// status is testable without a network.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "searcher_pool.h"

namespace longjing::server {

// One HTTP request, decoded.
struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query string
  std::vector<std::pair<std::string, std::string>> params;  // the query string, decoded
  std::string body;
  std::string authorization;  // the Authorization header, or ""
};

// One HTTP response.
struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type
};

// What a server accepts, and from whom.
struct ApiOptions {
  std::string token;               // non-empty: every request needs "Authorization: Bearer <token>"
  std::string cors_origin;         // non-empty: answer cross-origin requests from this origin
  std::size_t max_limit = 100;     // hits per request ("limit"; 0, all, is refused)
  std::size_t max_offset = 10000;  // hits skipped ("offset")
  double time_budget_seconds = 2.0;  // the match's time limit per search (SearchRequest)
  std::string page;                  // the HTML page served at "/"
};

// The longest request body (POST /api/search) and request line the server reads.
inline constexpr std::size_t kMaxRequestBodyBytes = 65536;

// Routes requests to the searchers of `pool`.
class Api {
 public:
  Api(SearcherPool& pool, ApiOptions options);

  // The response to `request`: 200 with the page or a JSON answer; 400 for a malformed
  // parameter, query or body; 401 without the token; 404 for anything but the routes
  // (no file is ever read from disk); 405 for a method a route does not take; 413 for a
  // query over kMaxQueryBytes; 503 when a database cannot be read. Errors are JSON:
  // {"format_version": 3, "error": {"status": N, "message": "..."}}. Never throws.
  ApiResponse handle(const ApiRequest& request) const;

 private:
  ApiResponse search(const ApiRequest& request) const;
  ApiResponse document(const std::string& id) const;
  ApiResponse health() const;

  SearcherPool& pool_;
  const ApiOptions options_;
};

// True when an Authorization header carries exactly "Bearer <token>"; compares in time
// that does not depend on where the two differ.
bool bearer_token_matches(const std::string& authorization, const std::string& token);

// The JSON error response for `status`.
ApiResponse error_response(int status, const std::string& message);

}  // namespace longjing::server
