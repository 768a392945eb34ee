// searcher: ranked full-text search with highlighted passages. Only argv, stdout and exit
// codes live here; the work is in longjing::common.
#include <cerrno>
#include <csignal>
#include <iostream>

#include "search_command.h"

int main(int argc, char** argv) {
  // A closed pipe (searcher x | head -1) is not an error: writes fail, we stop quietly.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  longjing::cli::SearchOptions options;
  options.names = longjing::program_names(argc > 0 ? argv[0] : "", "searcher");
  const std::string& name = options.names.searcher;
  CLI::App app{name, name};
  longjing::cli::setup_search_command(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << name << ": " << e.what() << "\nRun '" << name << " --help' for usage.\n";
    return 2;
  }
  const int status = longjing::cli::run_search_command(options);
  std::cout.flush();
  if (!std::cout) return errno == EPIPE ? 0 : 2;
  return status;
}
