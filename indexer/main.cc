// indexer: builds and updates the Longjing database. Only argv, stdout and exit codes live
// here; the work is in longjing::common.
#include <malloc.h>
#include <unistd.h>

#include <iostream>

#include "index_command.h"
#include "interrupt.h"
#include "parse_command_line.h"

int main(int argc, char** argv) {
  // No fastbins: a build frees many small blocks (Xapian's inverter keeps a map node per
  // term and document) between large ones, and glibc merged the fastbins back on each
  // large request (malloc_consolidate: 3.8 % of a build's samples). The thread cache
  // still serves the small sizes. A build of poetry-zh-50k takes 6 % less user time.
  mallopt(M_MXFAST, 0);
  longjing::cli::IndexCommandOptions options;
  options.names = longjing::program_names(argc > 0 ? argv[0] : "", "indexer");
  const std::string& name = options.names.indexer;
  CLI::App app{name, name};
  longjing::cli::setup_index_command(app, options);
  if (const auto stop = longjing::cli::parse_command_line(app, argc, argv, name)) return *stop;
  options.progress = ::isatty(STDERR_FILENO) == 1;
  return longjing::cli::run_index_command(options, longjing::cli::install_interrupt_handlers());
}
