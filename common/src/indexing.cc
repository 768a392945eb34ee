#include "longjing/indexing.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "longjing/alias_table.h"
#include "longjing/error.h"
#include "longjing/formats.h"
#include "longjing/index_writer.h"
#include "longjing/source_file.h"
#include "ordered_workers.h"

namespace longjing {
namespace fs = std::filesystem;
namespace {

// A file found by the walk, with the format it will be read as.
struct FoundFile {
  std::string path;
  Format format;
};

// One path named by the user, and what the walk found under it.
struct Root {
  std::string path;  // absolute, normalized, no trailing slash
  bool is_directory = false;
  std::vector<FoundFile> files;
  std::vector<std::string> unreadable_dirs;  // their documents must not be deleted
  std::vector<std::string> alias_files;      // *.aliases files found under it
};

// True when `relative` (to its root) or its base name matches one of the patterns.
bool excluded(const std::vector<std::string>& patterns, const std::string& relative) {
  const std::string base = fs::path(relative).filename().string();
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return ::fnmatch(pattern.c_str(), relative.c_str(), 0) == 0 ||
           ::fnmatch(pattern.c_str(), base.c_str(), 0) == 0;
  });
}

// Walks `dir` in sorted order, depth first, collecting files of a known format. Hidden
// and excluded entries are skipped; symbolic links to directories are not followed (no
// cycles).
void walk(const fs::path& dir, const std::string& relative, const IndexOptions& options,
          Root& found, const ProblemSink& report) {
  std::vector<fs::directory_entry> entries;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::none, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
  if (ec) {
    report({dir.string(), "cannot read directory: " + ec.message(), true});
    found.unreadable_dirs.push_back(dir.string() + "/");
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const std::string child = relative.empty() ? name : relative + "/" + name;
    if (excluded(options.exclude, child)) continue;
    std::error_code type_ec;
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      walk(entry.path(), child, options, found, report);
      continue;
    }
    if (fs::path(name).extension() == ".aliases") {
      found.alias_files.push_back(entry.path().string());
      continue;
    }
    const auto format = format_for_path(name);
    if (format) found.files.push_back({entry.path().string(), *format});
  }
}

// The alias table of a root's *.aliases files; a malformed file is reported and left out.
AliasTable read_aliases(const Root& root, const ProblemSink& report) {
  AliasTable table;
  for (const std::string& file : root.alias_files) {
    try {
      AliasTable one;
      one.add_file(file);
      table.add_text(one.to_text(), file);
    } catch (const Error& e) {
      report({file, e.what(), true});
    }
  }
  return table;
}

std::string title_from_file_name(const std::string& path) {
  return fs::path(path).stem().string();
}

// A file read for the index, or why it is skipped.
struct FileRead {
  std::optional<SourceText> source;  // none: skipped for `problem`
  std::string problem;
  bool empty = false;  // read fine, but there is nothing to find in it
};

FileRead read_for_index(const std::string& path, std::uint64_t max_file_size) {
  LoadResult loaded = load_source_text(path, max_file_size);
  if (!loaded.source) return {std::nullopt, loaded.problem};
  if (loaded.source->text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    return {std::nullopt, "empty file", true};
  }
  return {std::move(loaded.source), {}};
}

// What was guessed or repaired while decoding `source` (reported, the file is indexed).
std::vector<std::string> caveats_of(const SourceText& source) {
  std::vector<std::string> caveats;
  if (source.encoding_guessed) caveats.push_back("decoded as " + source.encoding);
  if (source.repaired_sequences > 0) {
    caveats.push_back(std::to_string(source.repaired_sequences) +
                      " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
  return caveats;
}

// The document to store for a file read as `format`.
schema::StoredDocument document_of(const std::string& path, Format format, const SourceText& source,
                                   std::int64_t mtime, std::uint64_t size) {
  schema::StoredDocument doc;
  doc.article = parse_article(format, source.text);
  doc.article.path = path;
  if (doc.article.title.empty()) doc.article.title = title_from_file_name(path);
  doc.mtime = mtime;
  doc.size = size;
  doc.content_hash = source.content_hash;
  return doc;
}

// One file of a full build, with what stat(2) said of it.
struct BuildItem {
  FoundFile file;
  std::int64_t mtime = 0;
  std::uint64_t size = 0;
  std::string stat_error;  // non-empty: the file cannot be indexed
};

// What a full build did with one file, for the report.
struct BuildResult {
  std::string skip_reason;  // non-empty: skipped
  std::vector<std::string> caveats;
};

// Threads for a full build of `files` files: `jobs`, or one per core (at most 8) with at
// least 128 files each.
unsigned build_threads(unsigned jobs, std::size_t files) {
  if (jobs == 0) {
    const unsigned cores = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    jobs = static_cast<unsigned>(std::min<std::size_t>(cores, std::max<std::size_t>(1, files / 128)));
  }
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, files)));
}

// Indexes the files of one run; owns the counts and the commit cadence. In a dry run
// every change is counted and none is made.
class Run {
 public:
  Run(const IndexOptions& options, const ProblemSink& on_problem)
      : options_(options), on_problem_(on_problem) {
    if (!options.dry_run) {
      writer_.emplace(options.database, options.rebuild ? OpenMode::kRebuild : OpenMode::kUpdate,
                      options.lock_timeout, options.shards);
    } else if (!options.rebuild && fs::exists(options.database)) {
      writer_.emplace(options.database, OpenMode::kReadOnly);
    }
    initial_documents_ = writer_ ? writer_->document_count() : 0;
  }

  void index_roots(std::vector<Root>& roots) {
    for (Root& root : roots) {
      if (root.is_directory) {
        walk(root.path, "", options_, root, [this](const FileProblem& p) { problem(p); });
      }
      total_ += root.is_directory ? root.files.size() : 1;
    }
    if (writer_ && !options_.dry_run && initial_documents_ == 0) {
      full_build(roots);
      return;
    }
    for (const Root& root : roots) {
      if (cancelled()) return;
      if (!root.is_directory) {
        index_single_file(root.path);
        continue;
      }
      std::set<std::string> seen;
      for (const FoundFile& f : root.files) {
        if (cancelled()) return;
        seen.insert(f.path);
        index_file(f.path, f.format);
        progress();
      }
      remove_vanished(root.path, seen, root.unreadable_dirs);
      if (writer_ && !options_.dry_run) {
        writer_->set_aliases(root.path,
                             read_aliases(root, [this](const FileProblem& p) { problem(p); }).to_text());
      }
    }
  }

  IndexReport finish() {
    if (writer_ && !options_.dry_run && !installed_) writer_->commit();
    if (options_.dry_run) {
      report_.documents = initial_documents_ + report_.added - report_.deleted;
    } else {
      report_.documents = writer_->document_count();
    }
    return std::move(report_);
  }

 private:
  bool cancelled() {
    if (options_.cancel != nullptr && options_.cancel->load()) report_.interrupted = true;
    return report_.interrupted;
  }

  void progress() {
    ++done_;
    if (options_.on_progress) options_.on_progress({done_, std::max(done_, total_)});
  }

  void problem(FileProblem p) {
    if (p.skipped) ++report_.skipped;
    if (p.skipped) outcome(p.path, FileOutcome::kSkipped, p.reason);
    on_problem_(p);
    report_.problems.push_back(std::move(p));
  }

  void outcome(const std::string& path, FileOutcome what, std::string reason = {}) {
    if (options_.on_file) options_.on_file({path, what, std::move(reason)});
  }

  // Indexes into an index that holds no documents: every file is new. Threads write
  // staging databases, each a contiguous run of the files (so document ids follow the
  // walk), and the staging databases are then merged, compacted, into the index.
  // Outcomes are reported in walk order, as a one-thread run would.
  void full_build(const std::vector<Root>& roots) {
    std::vector<BuildItem> items;
    std::unordered_set<std::string> listed;  // overlapping roots list a file twice
    auto add = [&](const std::string& path, Format format) {
      if (!listed.insert(path).second) return;
      BuildItem item;
      item.file = {path, format};
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) {
        item.stat_error = std::strerror(errno);
      } else {
        item.mtime = st.st_mtim.tv_sec;
        item.size = static_cast<std::uint64_t>(st.st_size);
      }
      items.push_back(std::move(item));
    };
    std::vector<std::pair<std::string, std::string>> aliases;  // root, table text
    for (const Root& root : roots) {
      if (!root.is_directory) {
        if (!excluded(options_.exclude, fs::path(root.path).filename().string())) {
          add(root.path, format_for_path(root.path).value_or(Format::kText));
        }
        continue;
      }
      for (const FoundFile& f : root.files) add(f.path, f.format);
      aliases.emplace_back(root.path,
                           read_aliases(root, [this](const FileProblem& p) { problem(p); }).to_text());
    }
    std::vector<std::uint64_t> weights;
    for (const BuildItem& item : items) weights.push_back(item.size);
    const auto ranges = balanced_ranges(weights, build_threads(options_.jobs, items.size()));

    std::vector<BuildResult> results(items.size());
    std::vector<std::optional<IndexWriter>> writers(ranges.size() - 1);
    std::vector<std::size_t> pending(writers.size(), 0);
    RangeWork work;
    work.begin = [&](unsigned part) {
      writers[part].emplace(IndexWriter::staging_database(options_.database, part),
                            OpenMode::kRebuild, std::chrono::milliseconds(0),
                            writer_->shard_count());
    };
    work.item = [&](unsigned part, std::size_t i) {
      const BuildItem& item = items[i];
      BuildResult& result = results[i];
      if (!item.stat_error.empty()) {
        result.skip_reason = item.stat_error;
        return;
      }
      FileRead read = read_for_index(item.file.path, options_.max_file_size);
      if (!read.source) {
        result.skip_reason = read.problem;
        return;
      }
      result.caveats = caveats_of(*read.source);
      writers[part]->put(document_of(item.file.path, item.file.format, *read.source, item.mtime, item.size),
                         /*is_new=*/true);
      if (++pending[part] >= std::max<std::size_t>(options_.batch_size, 1)) {
        writers[part]->commit();
        pending[part] = 0;
      }
    };
    work.end = [&](unsigned part) {
      if (part == 0) {
        for (const auto& [root, text] : aliases) writers[part]->set_aliases(root, text);
      }
      writers[part]->commit();
      writers[part].reset();
    };
    const std::atomic<bool> never{false};
    run_ordered(ranges, work, [&](std::size_t i) {
      const std::string& path = items[i].file.path;
      const BuildResult& result = results[i];
      if (!result.skip_reason.empty()) {
        problem({path, result.skip_reason, true});
      } else {
        ++report_.added;
        std::string reason;
        for (const std::string& caveat : result.caveats) {
          problem({path, caveat, false});
          reason += (reason.empty() ? "" : "; ") + caveat;
        }
        outcome(path, FileOutcome::kAdded, std::move(reason));
      }
      progress();
    }, options_.cancel != nullptr ? *options_.cancel : never);
    cancelled();
    writer_->install_staged_build();
    installed_ = true;
  }

  // A file named on the command line: read whatever its extension, unless excluded.
  void index_single_file(const std::string& path) {
    const std::string base = fs::path(path).filename().string();
    if (excluded(options_.exclude, base)) {
      remove(path);
    } else {
      index_file(path, format_for_path(path).value_or(Format::kText));
    }
    progress();
  }

  void index_file(const std::string& path, Format format) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      problem({path, std::strerror(errno), true});
      return;
    }
    const std::int64_t mtime = st.st_mtim.tv_sec;
    const auto size = static_cast<std::uint64_t>(st.st_size);
    const FileStatus status = writer_ ? writer_->status(path, mtime, size) : FileStatus::kNew;
    if (status == FileStatus::kUnchanged) {
      ++report_.unchanged;
      outcome(path, FileOutcome::kUnchanged);
      return;
    }
    FileRead read = read_for_index(path, options_.max_file_size);
    if (!read.source) {
      // Nothing to find in an empty file; an older indexed version must not linger.
      if (read.empty) remove(path);
      problem({path, read.problem, true});
      return;
    }
    const SourceText& source = *read.source;
    if (status == FileStatus::kChanged && writer_->stored_hash(path) == source.content_hash) {
      if (!options_.dry_run) writer_->touch(path, mtime, size);
      ++report_.unchanged;
      outcome(path, FileOutcome::kUnchanged);
      written();
      return;
    }
    const std::vector<std::string> caveats = caveats_of(source);
    if (!options_.dry_run) writer_->put(document_of(path, format, source, mtime, size));
    const bool added = status == FileStatus::kNew;
    ++(added ? report_.added : report_.updated);
    for (const std::string& caveat : caveats) problem({path, caveat, false});
    std::string reason;
    for (const std::string& caveat : caveats) reason += (reason.empty() ? "" : "; ") + caveat;
    outcome(path, added ? FileOutcome::kAdded : FileOutcome::kUpdated, std::move(reason));
    written();
  }

  // Deletes the document of `path` (or counts it, in a dry run) when there is one.
  void remove(const std::string& path) {
    if (!writer_) return;
    const bool existed = options_.dry_run ? !writer_->stored_hash(path).empty()
                                          : writer_->remove(path);
    if (!existed) return;
    ++report_.deleted;
    outcome(path, FileOutcome::kDeleted);
    written();
  }

  // Deletes the documents of files under `root` that the walk did not find, except under
  // directories it could not read (their files may well still be there).
  void remove_vanished(const std::string& root, const std::set<std::string>& seen,
                       const std::vector<std::string>& unreadable_dirs) {
    if (!writer_) return;
    for (const std::string& path : writer_->paths_under(root)) {
      if (cancelled()) return;
      if (seen.count(path) != 0) continue;
      const bool under_unreadable =
          std::any_of(unreadable_dirs.begin(), unreadable_dirs.end(),
                      [&](const std::string& dir) { return path.rfind(dir, 0) == 0; });
      if (!under_unreadable) remove(path);
    }
  }

  void written() {
    if (options_.dry_run) return;
    if (++pending_ >= std::max<std::size_t>(options_.batch_size, 1)) {
      writer_->commit();
      pending_ = 0;
    }
  }

  const IndexOptions& options_;
  const ProblemSink& on_problem_;
  std::optional<IndexWriter> writer_;  // none in a dry run without a database
  std::uint64_t initial_documents_ = 0;
  IndexReport report_;
  std::size_t pending_ = 0;
  bool installed_ = false;  // a full build replaced the index; writer_ only reads now
  std::size_t done_ = 0;
  std::size_t total_ = 0;
};

}  // namespace

std::string_view outcome_name(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kAdded: return "added";
    case FileOutcome::kUpdated: return "updated";
    case FileOutcome::kUnchanged: return "unchanged";
    case FileOutcome::kDeleted: return "deleted";
    case FileOutcome::kSkipped: return "skipped";
  }
  return "?";
}

IndexReport index_paths(const IndexOptions& options, const ProblemSink& on_problem) {
  std::vector<Root> roots;
  for (const std::string& p : options.paths) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(p, ec).lexically_normal();
    if (ec || !fs::exists(absolute, ec)) throw IoError(p + ": no such file or directory");
    std::string s = absolute.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    Root root;
    root.is_directory = fs::is_directory(s, ec);
    root.path = std::move(s);
    roots.push_back(std::move(root));
  }
  Run run(options, on_problem);
  run.index_roots(roots);
  return run.finish();
}

}  // namespace longjing
