// Indexing a set of paths: walking directories (sorted), deciding per file whether it is
// new, changed or unchanged, reading and parsing it, writing it, and removing documents
// whose files are gone. Per-file problems are reported and the run goes on.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace longjing {

// What to index and where. Plain values; the indexer binary fills it from its flags.
struct IndexOptions {
  std::string database;             // database directory (created when missing)
  std::vector<std::string> paths;   // files and directories to index
  bool rebuild = false;             // start from an empty database
  std::uint64_t max_file_size = 64ull << 20;  // larger files are skipped with a reason
  std::size_t batch_size = 1000;    // documents per commit
};

// A file that was not indexed, or was indexed with a caveat.
struct FileProblem {
  std::string path;
  std::string reason;
  bool skipped = true;  // false: indexed anyway (e.g. repaired UTF-8)
};

// Counts of one run, and every problem met.
struct IndexReport {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t deleted = 0;
  std::size_t skipped = 0;
  std::uint64_t documents = 0;  // documents in the database at the end
  std::vector<FileProblem> problems;
};

// Called for each problem as it happens (the binary prints them to stderr).
using ProblemSink = std::function<void(const FileProblem&)>;

// Indexes options.paths into options.database and commits. Throws DatabaseError when the
// database cannot be opened or written, IoError when a path named in options.paths does
// not exist; problems with files found inside directories go to `on_problem` and the
// report. Files with an unknown extension inside directories are ignored silently; a file
// named explicitly is read as plain text whatever its extension.
IndexReport index_paths(const IndexOptions& options, const ProblemSink& on_problem);

}  // namespace longjing
