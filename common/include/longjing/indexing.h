// Indexing a set of paths: walking directories (sorted), deciding per file whether it is
// new, changed or unchanged, reading and parsing it, writing it, and removing documents
// whose files are gone. Per-file problems are reported and the run goes on.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/documents.h"

namespace longjing {

// What happened to one file in a run.
enum class FileOutcome { kAdded, kUpdated, kUnchanged, kDeleted, kSkipped };

// "added", "updated", "unchanged", "deleted", "skipped".
std::string_view outcome_name(FileOutcome outcome);

// One file's outcome, with the reason for a skip or the caveat of an indexed file
// ("decoded as GB18030"); reason is empty otherwise.
struct FileEvent {
  std::string path;
  FileOutcome outcome = FileOutcome::kAdded;
  std::string reason;
};

// How far a run is: files looked at so far, out of the files the walk found.
struct IndexProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  // Every file is done and a full build's staging databases are being merged into the
  // index: the last step, one pass over all of it (tens of seconds on 100,000s of files).
  bool merging = false;
};

// The settings that decide which of a root's files are indexed. The index remembers the
// settings each root was last indexed with (schema::kRootSettingsKey), so that a later run,
// a bare `indexer` or a watch, applies them again unless it is given others.
struct RootSettings {
  std::uint64_t max_file_size = 64ull << 20;  // larger files are skipped with a reason
  // fnmatch(3) patterns (no flags: `*` also matches `/`), tried on each entry's path
  // relative to its root and on its base name. Excluded files are not indexed and their
  // documents are deleted; an excluded directory is not walked.
  std::vector<std::string> exclude;
};

// True when both settings select the same files.
inline bool operator==(const RootSettings& a, const RootSettings& b) {
  return a.max_file_size == b.max_file_size && a.exclude == b.exclude;
}

// What to index and where. Plain values; the indexer binary fills it from its flags.
struct IndexOptions {
  std::string database;  // database directory (created when missing)
  // Files and directories to index; each becomes a root of the index (kept by it, as its
  // canonical path). Empty: every root the index knows (see known_roots).
  std::vector<std::string> paths;
  bool rebuild = false;  // start from an empty database
  // Settings for the roots of this run. Each one left unset is, for every root, what that
  // root was last indexed with, else RootSettings' default; one that is set replaces the
  // remembered value (an empty `exclude` forgets the patterns). The values a root was
  // indexed with are remembered with it (not in a dry run).
  std::optional<std::uint64_t> max_file_size;
  std::optional<std::vector<std::string>> exclude;
  // What the document readers (PDF, EPUB, DOCX, ODT, e-mail) unpack at most from one
  // file; a file that would take more is skipped with a reason (documents.h).
  ReadLimits read_limits;
  std::size_t batch_size = 1000;  // documents per commit
  // Change nothing: run against a writer that writes nothing (OpenMode::kDryRun; none with
  // `rebuild`, where every file would be new) and report what would be added, updated and
  // deleted. No database is created, no lock taken.
  bool dry_run = false;
  // How long to wait for another writer to release the database's lock.
  std::chrono::milliseconds lock_timeout{10000};
  // Databases to spread documents over (index_writer.h); 0 keeps the index's layout.
  unsigned shards = 0;
  // Threads reading, analyzing and writing documents in a full build (an index that
  // holds no documents: new, or rebuilt); 0 picks one per core, fewer for small runs.
  // A full build writes staging databases and merges them, compacted, at the end
  // (staged_build.h); runs that update an index use one thread.
  unsigned jobs = 0;
  // Polled between files; once it is true the run commits what is done and returns with
  // IndexReport::interrupted set (vanished files are then not deleted). Not owned; may
  // be null. A signal handler may set it.
  const std::atomic<bool>* cancel = nullptr;
  // Called after each file the walk found (may be empty). Must not throw.
  std::function<void(const IndexProgress&)> on_progress;
  // Called with every file's outcome, unchanged files included (may be empty).
  std::function<void(const FileEvent&)> on_file;
  // watch_paths: how long the roots must be quiet before a batch of changes is indexed
  // (and committed once); a steady stream of changes is indexed every ten times that.
  std::chrono::milliseconds watch_debounce{300};
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
  std::uint64_t documents = 0;  // documents in the database at the end (dry run: would be)
  bool interrupted = false;     // options.cancel stopped the run early
  std::vector<FileProblem> problems;
};

// Called for each problem as it happens (the binary prints them to stderr).
using ProblemSink = std::function<void(const FileProblem&)>;

// Indexes options.paths into options.database and commits, in batches of
// options.batch_size documents, so a run killed at any moment leaves the last batch's
// state intact and the next run completes the job. Throws DatabaseError when the
// database cannot be opened or written (locked for longer than options.lock_timeout,
// another schema), IoError when a path named in options.paths does not exist; problems with files
// found inside directories go to `on_problem` and the report. Files with an unknown extension
// inside directories are ignored silently; a file named explicitly is read as plain text whatever
// its extension.
IndexReport index_paths(const IndexOptions& options, const ProblemSink& on_problem);

// What one batch of indexer --watch did.
struct WatchBatch {
  bool initial = false;    // the first pass over the roots, before any change
  IndexReport report;      // this batch's counts and problems; documents: in the index after it
  std::size_t events = 0;  // the file system events it answered
  double seconds = 0;      // the time it took to index and commit
  std::size_t watched_directories = 0;
};

// Called after each batch of watch_paths (the first pass included).
using WatchSink = std::function<void(const WatchBatch&)>;

// A root the watch limit leaves unwatched is rescanned this often.
inline constexpr int kUnwatchedRescanSeconds = 30;

// Indexes options.paths (or every known root) as index_paths does, then follows them with
// inotify: new, changed, deleted and renamed files, new folders (watched as they appear),
// folders moved in or out; changes are indexed in batches, each once the roots have been
// quiet for options.watch_debounce, and committed once. An overflowed event queue rescans
// the roots; a root past the watch limit is rescanned every kUnwatchedRescanSeconds. Returns
// once options.cancel is true (polled every 50 ms), after committing what it has seen.
// Killed at any moment, it leaves what its last commit held, which the next run completes.
// Throws what index_paths throws, and IoError when inotify is not available.
void watch_paths(const IndexOptions& options, const ProblemSink& on_problem,
                 const WatchSink& on_batch);

// The roots the index at `database` was built from (canonical absolute paths, in the order
// first given); none when there is no database or it predates the list. Throws
// DatabaseError.
std::vector<std::string> known_roots(const std::string& database);

// The settings known root `root` (as known_roots lists it) was last indexed with; the
// defaults when the index remembers none for it. Throws DatabaseError.
RootSettings remembered_settings(const std::string& database, const std::string& root);

// Removes root `path` (as given to the indexer, or as known_roots lists it: a vanished root
// can be forgotten) from the index's list, with the documents under it that no other root
// holds; options.database, lock_timeout, dry_run and on_file apply. Returns the count of
// documents deleted and left. Throws IoError when `path` is not a root of the index,
// DatabaseError when the database is missing, locked or damaged.
IndexReport forget_root(const IndexOptions& options, const std::string& path);

}  // namespace longjing
