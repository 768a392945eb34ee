// The indexer command: its options, their declaration on the command line, and the run.
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "longjing/program_names.h"

namespace longjing::cli {

// Every flag of the indexer, as plain values.
struct IndexCommandOptions {
  ProgramNames names;  // what to call this program and the searcher
  std::vector<std::string> paths;
  std::string database;  // empty → the default database
  bool rebuild = false;
  // Unset: what each root was last indexed with (the default for a new root).
  std::optional<std::uint64_t> max_file_size;
  bool quiet = false;
  bool verbose = false;  // print each file's outcome on stdout
  bool dry_run = false;
  std::optional<std::vector<std::string>> exclude;  // fnmatch(3) patterns; unset: as remembered
  double lock_timeout = 10;                         // seconds to wait for another writer
  std::size_t batch_size = 1000;                    // documents per commit (hidden flag)
  unsigned shards = 0;                              // databases to spread documents over (0: as is)
  unsigned jobs = 0;                                // threads for a full build (0: one per core)
  std::string report;                               // TSV file of every outcome; empty: none
  bool progress = false;    // draw a progress line on stderr (set by main: tty)
  std::string forget;       // --forget ROOT: remove a root and its documents
  bool list_roots = false;  // --list-roots: print the roots the index knows
  bool watch = false;       // --watch: index, then follow the roots for changes
};

// Declares the flags of `options` on `app`.
void setup_index_command(CLI::App& app, IndexCommandOptions& options);

// Indexes the paths, reporting problems on stderr ("<names.indexer>: PATH: reason") and a summary
// on stdout. `cancel` (may be null) stops the run early, as SIGINT does. Returns the exit
// code: 0 when the run completed (files it had to skip are reported, not fatal), 2 when
// it could not (missing path, database locked or damaged, report file not writable),
// 128 + the signal number when a signal interrupted it (130 for SIGINT, 143 for SIGTERM).
int run_index_command(const IndexCommandOptions& options, const std::atomic<bool>* cancel);

}  // namespace longjing::cli
