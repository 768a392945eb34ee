#include "index_command.h"

#include <iostream>

#include "longjing/database_path.h"
#include "longjing/error.h"
#include "longjing/indexing.h"

namespace longjing::cli {

void setup_index_command(CLI::App& app, IndexCommandOptions& o) {
  app.description(
      "Index articles (.txt, .md, .html; English and Chinese) for `searcher`. Re-running it "
      "updates the index: new and changed files are (re)indexed, deleted ones removed.");
  app.footer(
      "\nDatabase: --db PATH, else $LONGJING_DB, else $XDG_DATA_HOME/longjing/db\n"
      "(~/.local/share/longjing/db).\n"
      "Exit status: 0 done (skipped files are reported on stderr), 2 error.");
  app.add_option("path", o.paths, "Files and directories to index")->required();
  app.add_option("--db", o.database, "Database directory (created if missing)");
  app.add_flag("--rebuild", o.rebuild, "Start from an empty database");
  app.add_option("--max-file-size", o.max_file_size,
                 "Skip files larger than this (bytes; suffixes k, m, g)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  app.add_flag("-q,--quiet", o.quiet, "Print no summary");
}

int run_index_command(const IndexCommandOptions& o) {
  IndexOptions options;
  options.database = resolve_database_path(o.database);
  options.paths = o.paths;
  options.rebuild = o.rebuild;
  options.max_file_size = o.max_file_size;
  const auto report_problem = [](const FileProblem& p) {
    std::cerr << "indexer: " << p.path << ": " << (p.skipped ? "skipped: " : "warning: ")
              << p.reason << '\n';
  };
  try {
    const IndexReport r = index_paths(options, report_problem);
    if (!o.quiet) {
      std::cout << r.added << " added, " << r.updated << " updated, " << r.deleted
                << " deleted, " << r.unchanged << " unchanged, " << r.skipped << " skipped; "
                << r.documents << " documents in " << options.database << '\n';
    }
    return 0;
  } catch (const Error& e) {
    std::cerr << "indexer: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace longjing::cli
