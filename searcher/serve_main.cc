// longjing-serve: the HTTP server of searcher --serve, which execs it with its own command
// line. A program of its own so that only it loads the HTTP library (and OpenSSL, whose
// start-up costs 2 ms): a query from the shell does not.
#include <iostream>

#include "http_server.h"
#include "interrupt.h"
#include "search_command.h"

int main(int argc, char** argv) {
  const auto serve = [](const std::vector<std::string>& databases,
                        const longjing::SearcherOptions& searcher_options,
                        const longjing::cli::SearchOptions& options) {
    longjing::server::ServeOptions serve_options;
    serve_options.listen = options.listen;
    serve_options.token_file = options.token_file;
    serve_options.cors_origin = options.cors_origin;
    serve_options.threads = options.serve_threads;
    serve_options.stop = longjing::cli::install_interrupt_handlers();
    return longjing::server::serve(databases, searcher_options, serve_options, std::cerr);
  };
  return longjing::cli::searcher_main(argc, argv, serve);
}
