// The indexer command: its options, their declaration on the command line, and the run.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace longjing::cli {

// Every flag of the indexer, as plain values.
struct IndexCommandOptions {
  std::vector<std::string> paths;
  std::string database;  // empty → the default database
  bool rebuild = false;
  std::uint64_t max_file_size = 64ull << 20;
  bool quiet = false;
};

// Declares the flags of `options` on `app`.
void setup_index_command(CLI::App& app, IndexCommandOptions& options);

// Indexes the paths, reporting problems on stderr ("indexer: PATH: reason") and a summary
// on stdout. Returns the exit code: 0 when the run completed (files it had to skip are
// reported, not fatal), 2 when it could not (missing path, database locked or damaged).
int run_index_command(const IndexCommandOptions& options);

}  // namespace longjing::cli
