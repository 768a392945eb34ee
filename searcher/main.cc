// searcher: ranked full-text search with highlighted passages. Only argv and the start of
// the server program live here; the work is in longjing::common.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "helper_program.h"
#include "search_command.h"

int main(int argc, char** argv) {
  // --serve: the server program takes the same command line (and names itself after
  // argv[0], so its messages carry this program's name).
  const auto exec_server = [argv](const std::vector<std::string>&, const longjing::SearcherOptions&,
                                  const longjing::cli::SearchOptions& options) {
    const std::string server = longjing::cli::helper_program("longjing-serve");
    if (server.empty()) {
      std::cerr << options.names.searcher
                << ": --serve needs longjing-serve, the server program, beside this program or "
                   "in its libexec folder; it is not there\n";
      return 2;
    }
    ::execv(server.c_str(), argv);
    std::cerr << options.names.searcher << ": cannot start " << server << ": "
              << std::strerror(errno) << "\n";
    return 2;
  };
  return longjing::cli::searcher_main(argc, argv, exec_server);
}
