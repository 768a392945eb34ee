// The searcher command: its options, their declaration on the command line, and the run.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "longjing/program_names.h"
#include "longjing/searcher.h"

namespace longjing::cli {

// Output shapes the searcher can print.
enum class OutputFormat { kText, kJson, kPaths };

// When to colour text output.
enum class ColorChoice { kAuto, kAlways, kNever };

// Every flag of the searcher, as plain values.
struct SearchOptions {
  ProgramNames names;                    // what to call this program and the indexer
  std::vector<std::string> query_words;  // joined with spaces into the query
  std::vector<std::string> databases;    // --db, repeatable; empty → the default database
  std::size_t limit = 10;                // -n; with -l or --format paths, all unless given
  bool limit_given = false;              // -n was on the command line
  std::size_t offset = 0;
  std::size_t snippet_chars = 160;  // columns: a Chinese character counts two
  std::size_t snippet_count = 1;
  std::string since;
  std::string until;
  std::string sort = "relevance";
  bool explain = false;
  bool mtime_dates = false;  // --mtime-dates (SearchRequest::mtime_dates)
  bool no_aliases = false;
  std::vector<std::string> alias_files;
  bool count = false;          // -c: print the number of matching documents
  bool stdin_mode = false;     // --stdin: one query (or JSON request) per line
  double timeout = 10;         // seconds, for tcp:// databases
  bool allow_partial = false;  // answer from the databases that open
  OutputFormat format = OutputFormat::kText;
  bool json = false;                // --json, same as --format json
  bool files_with_matches = false;  // -l, same as --format paths
  bool null_separated = false;      // -0: paths end with NUL instead of newline
  ColorChoice color = ColorChoice::kAuto;
  bool serve = false;  // --serve: the HTTP API and page (docs/http-api.md)
  std::string listen = "127.0.0.1:7700";
  std::string token_file;         // --token-file: a bearer token every request must carry
  std::string cors_origin;        // --cors ORIGIN: allow that origin's pages to call the API
  std::size_t serve_threads = 8;  // --threads: requests answered at once
};

// Declares the flags of `options` on `app`.
void setup_search_command(CLI::App& app, SearchOptions& options);

// What --serve runs, once the command line is checked: `databases` and `searcher_options`
// are what it names, `options` the rest. The searcher execs the server program
// (longjing-serve), which serves: only that program links the HTTP library, whose OpenSSL
// start-up would cost every shell query 2 ms. Returns the exit code.
using ServeFunction =
    std::function<int(const std::vector<std::string>& databases,
                      const SearcherOptions& searcher_options, const SearchOptions& options)>;

// Runs the search (or, with --serve, `serve`) and prints the hits to stdout. Returns the
// exit code: 0 with hits, 1 without, 2 on error (after printing "<names.searcher>: <message>"
// to stderr).
int run_search_command(const SearchOptions& options, const ServeFunction& serve);

// The whole program: reads argv (answering --help and --version, refusing bad usage with
// exit code 2), runs the command with `serve` for --serve, and flushes stdout (a closed pipe
// is no error). Returns the exit code.
int searcher_main(int argc, char** argv, const ServeFunction& serve);

}  // namespace longjing::cli
