// indexer: builds and updates the Longjing database. Only argv, stdout and exit codes live
// here; the work is in longjing::common.
#include <unistd.h>

#include <iostream>

#include "index_command.h"
#include "interrupt.h"
#include "longjing/version.h"

int main(int argc, char** argv) {
  CLI::App app{"indexer", "indexer"};
  app.set_version_flag("--version", std::string("indexer (Longjing) ") + longjing::version());
  longjing::cli::IndexCommandOptions options;
  longjing::cli::setup_index_command(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "indexer: " << e.what() << "\nRun 'indexer --help' for usage.\n";
    return 2;
  }
  options.progress = ::isatty(STDERR_FILENO) == 1;
  return longjing::cli::run_index_command(options, longjing::cli::install_interrupt_handlers());
}
