// searcher --serve: the HTTP server (cpp-httplib) in front of the Api: binding, a thread
// pool, request limits, the token, and a prompt stop on SIGINT/SIGTERM.
#pragma once

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

#include "http_api.h"

namespace longjing::server {

// How to serve.
struct ServeOptions {
  std::string listen = "127.0.0.1:7700";    // ADDR:PORT ([::1]:PORT for IPv6); port 0 picks one
  std::string token_file;                   // file holding the bearer token; "" for none
  std::string cors_origin;                  // see ApiOptions::cors_origin
  std::size_t threads = 8;                  // requests served at once (and Searchers opened)
  const std::atomic<bool>* stop = nullptr;  // polled: once true, stop (not owned; may be null)
};

// A listen address split: host and port; throws Error for anything but ADDR:PORT.
std::pair<std::string, int> parse_listen_address(const std::string& listen);

// True for addresses only this machine reaches: 127.0.0.0/8, ::1, localhost.
bool is_loopback(const std::string& host);

// Serves `databases` until options.stop turns true (then it stops accepting, finishes the
// requests in flight and returns 0). Writes "listening on http://ADDR:PORT/" as the first
// line on `log` once the socket is bound. Throws Error (nothing served) for a bad address,
// a non-loopback address without a token, an unreadable or empty token file, a port that
// cannot be bound; DatabaseError for a database that cannot be opened.
int serve(const std::vector<std::string>& databases, const SearcherOptions& searcher_options,
          const ServeOptions& options, std::ostream& log);

}  // namespace longjing::server
