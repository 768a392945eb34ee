#include "http_server.h"

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "longjing/error.h"
#include "longjing/host_port.h"
#include "page_html.inc"  // kPageHtml: page.html, compiled in

namespace longjing::server {
namespace {

// The token in `path`: its first line, without surrounding white space.
std::string read_token(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read the token file " + path);
  std::string token;
  std::getline(in, token);
  const auto first = token.find_first_not_of(" \t\r\n");
  const auto last = token.find_last_not_of(" \t\r\n");
  token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
  if (token.size() < 16) {
    throw Error("the token in " + path + " is " +
                (token.empty() ? "empty" : "shorter than 16 characters") +
                ": write a long random one, e.g. head -c 24 /dev/urandom | base64 > " + path);
  }
  return token;
}

// What an error httplib itself answered means to the client.
std::string transport_error_message(int status) {
  switch (status) {
    case 400:
      return "the request cannot be read as HTTP";
    case 413:
      return "the request body is too large: the most is " +
             std::to_string(2 * kMaxRequestBodyBytes / 1024) +
             " KB (as application/json; 8 KB as a form)";
    case 414:
      return "the request line is over 8 KB: send long queries with POST /api/search";
    default:
      return "HTTP error " + std::to_string(status);
  }
}

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [name, value] : req.params) request.params.emplace_back(name, value);
  request.body = req.body;
  request.authorization = req.get_header_value("Authorization");
  return request;
}

void fill(const ApiResponse& response, httplib::Response& res) {
  res.status = response.status;
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  if (!response.content_type.empty()) res.set_content(response.body, response.content_type.c_str());
}

}  // namespace

std::pair<std::string, int> parse_listen_address(const std::string& listen) {
  HostPortProblem problem{};
  auto address = split_host_port(listen, &problem);
  if (!address && problem == HostPortProblem::kBadPort) {
    throw Error("cannot read the listen address " + quote_for_message(listen) +
                ": the port must be 0 to 65535");
  }
  if (!address && problem == HostPortProblem::kNoHost) {
    throw Error("the listen address " + quote_for_message(listen) +
                " has no host: write 127.0.0.1:PORT");
  }
  if (!address) {
    throw Error("cannot read the listen address " + quote_for_message(listen) +
                ": write ADDR:PORT, e.g. 127.0.0.1:7700");
  }
  return {std::move(address->host), static_cast<int>(address->port)};
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serve(const std::vector<std::string>& databases, const SearcherOptions& searcher_options,
          const ServeOptions& options, std::ostream& log) {
  const auto [host, port] = parse_listen_address(options.listen);
  ApiOptions api_options;
  if (!options.token_file.empty()) api_options.token = read_token(options.token_file);
  if (!is_loopback(host) && api_options.token.empty()) {
    throw Error("refusing to listen on " + options.listen +
                ", which other machines reach, without a token: add --token-file FILE (or listen "
                "on 127.0.0.1)");
  }
  api_options.cors_origin = options.cors_origin;
  api_options.page = kPageHtml;
  const std::size_t threads = options.threads == 0 ? 1 : options.threads;
  SearcherPool pool(databases, searcher_options, threads);
  const Api api(pool, api_options);

  httplib::Server server;
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server
  // would share a port in use instead of being refused.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
  });
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);  // a response is written in pieces: no 40 ms wait for each
  server.set_payload_max_length(2 * kMaxRequestBodyBytes);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(5);
  const auto handler = [&api](const httplib::Request& req, httplib::Response& res) {
    fill(api.handle(to_api_request(req)), res);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Patch(".*", handler);
  server.Options(".*", handler);
  // What httplib answers itself (a malformed request line, a body over the limit, a URI
  // over its 8 KB) gets a JSON body like every other error.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      const ApiResponse e = error_response(res.status, transport_error_message(res.status));
      res.set_content(e.body, e.content_type.c_str());
    }
  });

  const int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    throw Error("cannot listen on " + options.listen +
                " (in use, or not an address of this machine)");
  }
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  log << "listening on http://" << shown_host << ":" << bound << "/" << std::endl;

  std::atomic<bool> done{false};
  std::thread stopper([&] {
    while (!done.load()) {
      if (options.stop != nullptr && options.stop->load()) {
        server.stop();  // stops accepting; the pool finishes the requests in flight
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  const bool listened = server.listen_after_bind();
  done = true;
  stopper.join();
  if (!listened && !(options.stop != nullptr && options.stop->load())) {
    throw Error("the server on " + options.listen + " stopped: its socket failed");
  }
  return 0;
}

}  // namespace longjing::server
