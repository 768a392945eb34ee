#include "longjing/indexing.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <malloc.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "base/ordered_workers.h"
#include "index/inotify_watcher.h"
#include "longjing/alias_table.h"
#include "longjing/analyzer.h"
#include "longjing/documents.h"
#include "longjing/error.h"
#include "longjing/formats.h"
#include "longjing/index_writer.h"
#include "longjing/script.h"
#include "longjing/source_file.h"

namespace longjing {
namespace fs = std::filesystem;
namespace {

// What stat(2) said of a file: its mtime and size, or why it could not be read. Kept
// for every file the walk finds, so the reason is its errno, not its message.
struct FileStat {
  std::int64_t mtime = 0;
  std::uint64_t size = 0;
  int error = 0;  // non-zero: stat failed with this errno, the file cannot be indexed

  // Why stat failed ("Permission denied"). REQUIRES: error.
  std::string problem() const { return std::strerror(error); }
};

FileStat stat_file(int dir_fd, const char* name) {
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, 0) != 0) return {0, 0, errno};
  return {st.st_mtim.tv_sec, static_cast<std::uint64_t>(st.st_size), 0};
}

// A file found by the walk, with the format it will be read as, its stat and the size
// limit of its root.
struct FoundFile {
  std::string path;
  Format format;
  FileStat stat;
  std::uint64_t max_size = 0;
};

// One path named by the user, and what the walk found under it.
struct Root {
  std::string path;  // absolute, normalized, no trailing slash
  bool is_directory = false;
  RootSettings settings;  // what this run indexes it with
  std::vector<FoundFile> files;
  std::vector<std::string> unreadable_dirs;  // their documents must not be deleted
  std::vector<std::string> alias_files;      // *.aliases files found under it
};

// True when `path` is `root` or lies under it ("/a/b" holds "/a/b/c", not "/a/bc").
bool holds(const std::string& root, const std::string& path) {
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          path[root.size()] == '/');
}

// True when `relative` (to its root) or its base name `base` matches one of the patterns.
bool excluded(const std::vector<std::string>& patterns, const std::string& relative,
              const std::string& base) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return ::fnmatch(pattern.c_str(), relative.c_str(), 0) == 0 ||
           ::fnmatch(pattern.c_str(), base.c_str(), 0) == 0;
  });
}

// A file named on the command line: read whatever its extension (as text when it is not
// known); nullopt when its name is excluded.
std::optional<FoundFile> named_file(const std::string& path, const RootSettings& settings) {
  const std::string base = fs::path(path).filename().string();
  if (excluded(settings.exclude, base, base)) return std::nullopt;
  return FoundFile{path, format_for_path(path).value_or(Format::kText),
                   stat_file(AT_FDCWD, path.c_str()), settings.max_file_size};
}

// The text form of a root's settings (schema::kRootSettingsKey).
std::string settings_text(const RootSettings& settings) {
  std::string text = "max-file-size " + std::to_string(settings.max_file_size) + "\n";
  for (const std::string& pattern : settings.exclude) text += "exclude " + pattern + "\n";
  return text;
}

// Parses settings_text's output; lines it does not know (from a later version) are ignored.
RootSettings parse_settings(const std::string& text) {
  RootSettings settings;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string key = line.substr(0, space), value = line.substr(space + 1);
    if (key == "max-file-size") {
      try {
        settings.max_file_size = std::stoull(value);
      } catch (const std::exception&) {
        // a damaged value: the default stands
      }
    } else if (key == "exclude") {
      settings.exclude.push_back(value);
    }
  }
  return settings;
}

// The settings a run indexes `root` with: those set in `options`, the others as the root
// was last indexed (`remembered`: its stored text, empty when none).
RootSettings settings_for(const IndexOptions& options, const std::string& remembered) {
  RootSettings settings = parse_settings(remembered);
  if (options.max_file_size) settings.max_file_size = *options.max_file_size;
  if (options.exclude) settings.exclude = *options.exclude;
  return settings;
}

// Closes a directory stream when it goes out of scope.
struct DirCloser {
  void operator()(DIR* d) const { ::closedir(d); }
};

// Walks `dir` in sorted order, depth first, collecting files of a known format with
// their stat (taken here, through the open directory, as cheaply as the kernel allows).
// Hidden and excluded entries are skipped; symbolic links to directories are not
// followed (no cycles).
void walk(const std::string& dir, const std::string& relative, Root& found,
          const ProblemSink& report) {
  std::unique_ptr<DIR, DirCloser> stream(::opendir(dir.c_str()));
  if (!stream) {
    report({dir, std::string("cannot read directory: ") + std::strerror(errno), true});
    found.unreadable_dirs.push_back(dir + "/");
    return;
  }
  std::vector<std::pair<std::string, unsigned char>> entries;  // name, d_type
  errno = 0;
  while (const dirent* e = ::readdir(stream.get())) {
    if (e->d_name[0] == '.') continue;  // hidden, "." and ".."
    entries.emplace_back(e->d_name, e->d_type);
  }
  if (errno != 0) {
    report({dir, std::string("cannot read directory: ") + std::strerror(errno), true});
    found.unreadable_dirs.push_back(dir + "/");
    return;
  }
  std::sort(entries.begin(), entries.end());
  const int fd = ::dirfd(stream.get());
  for (auto& [name, type] : entries) {
    const std::string child = relative.empty() ? name : relative + "/" + name;
    if (excluded(found.settings.exclude, child, name)) continue;
    const std::string path = dir + "/" + name;
    if (type == DT_UNKNOWN) {  // some file systems do not say: ask
      struct stat st {};
      if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
      }
    }
    if (type == DT_DIR) {
      walk(path, child, found, report);
      continue;
    }
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ".aliases") == 0) {
      found.alias_files.push_back(path);
      continue;
    }
    const auto format = format_for_path(name);
    if (format)
      found.files.push_back(
          {path, *format, stat_file(fd, name.c_str()), found.settings.max_file_size});
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

std::string title_from_file_name(const std::string& path) { return fs::path(path).stem().string(); }

// What was guessed or repaired while decoding a text file (reported; the file is indexed).
std::vector<std::string> caveats_of(const SourceText& source) {
  std::vector<std::string> caveats;
  if (source.encoding_guessed) caveats.push_back("decoded as " + source.encoding);
  if (source.repaired_sequences > 0) {
    caveats.push_back(std::to_string(source.repaired_sequences) +
                      " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
  return caveats;
}

// The caveat of a date the file gives that names no calendar day, if it does.
void add_dropped_date(const Article& article, std::vector<std::string>& caveats) {
  if (!article.dropped_date.empty()) {
    caveats.push_back("date '" + article.dropped_date +
                      "' is no calendar day (write 2024-04-05 or April 5, 2024): left out");
  }
}

// A file's Article, with what was guessed or repaired on the way, or why it is skipped.
struct ParsedFile {
  std::optional<Article> article;  // none: skipped for `problem`
  std::vector<std::string> caveats;
  std::string problem;
  bool empty = false;  // read fine, but there is nothing to find in it
};

// Reads a file's bytes as the format its content says (sniff_format), else as the one
// its name gave: documents through their reader, text decoded, then parsed.
ParsedFile parse_file(const FileBytes& file, Format by_name, const ReadLimits& limits) {
  ParsedFile parsed;
  if (file.bytes.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    parsed.problem = "empty file";
    parsed.empty = true;
    return parsed;
  }
  const Format format = sniff_format(file.bytes, by_name);
  if (is_document_format(format)) {
    DocumentRead read = read_document(format, file.bytes, limits);
    parsed.article = std::move(read.article);
    parsed.problem = std::move(read.problem);
    parsed.caveats = std::move(read.caveats);
  } else {
    LoadResult decoded = decode_source_text(file.bytes, format);
    if (!decoded.source) {
      parsed.problem = std::move(decoded.problem);
      return parsed;
    }
    if (decoded.source->text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      parsed.problem = "empty file";
      parsed.empty = true;
      return parsed;
    }
    parsed.article = parse_article(format, decoded.source->text);
    parsed.caveats = caveats_of(*decoded.source);
  }
  if (parsed.article) add_dropped_date(*parsed.article, parsed.caveats);
  return parsed;
}

// The document to store for a file's article.
schema::StoredDocument document_of(const std::string& path, const std::string& root,
                                   Article article, const FileBytes& file, std::int64_t mtime,
                                   std::uint64_t size) {
  schema::StoredDocument doc;
  doc.article = std::move(article);
  doc.article.path = path;
  doc.root = root;
  if (doc.article.title.empty()) doc.article.title = title_from_file_name(path);
  // An article that declares no language, written in Chinese, is found by lang:zh.
  if (doc.article.language.empty()) {
    doc.article.language = language_by_script(doc.article.title + "\n" + doc.article.body);
  }
  doc.mtime = mtime;
  doc.size = size;
  doc.content_hash = file.content_hash;
  return doc;
}

// What a full build did with one file, for the report, when it is more than "added": a
// skip or caveats (a build keeps one pointer a file, null for most).
struct BuildResult {
  std::string skip_reason;  // non-empty: skipped
  std::vector<std::string> caveats;
};

// Threads for a full build of `files` files: `jobs`, or one per core (at most 8) with at
// least 128 files each.
unsigned build_threads(unsigned jobs, std::size_t files) {
  if (jobs == 0) {
    const unsigned cores = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    jobs =
        static_cast<unsigned>(std::min<std::size_t>(cores, std::max<std::size_t>(1, files / 128)));
  }
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, files)));
}

// A full build cuts the files into runs of equal weight: bytes, plus this much per file
// (a short poem costs about as much as 700 bytes of text more in Xapian's bookkeeping).
constexpr std::uint64_t kPerFileWeight = 700;

// From this many indexed documents on, an update run reads every indexed file's stat
// values at once.
constexpr std::size_t kPreloadFromFiles = 256;

// True when a rebuild keeps the index's layout: there is an index, and the shard count
// asked for (0: as it is) is the one it has.
bool keeps_layout(const IndexOptions& options) {
  std::error_code ec;
  if (!fs::exists(options.database, ec)) return false;
  try {
    const IndexWriter current(options.database, OpenMode::kReadOnly);
    return current.document_count() > 0 &&
           (options.shards == 0 || options.shards == current.shard_count());
  } catch (const DatabaseError&) {
    return false;  // a damaged index is rebuilt from nothing
  }
}

// Indexes the files of one run; owns the counts and the commit cadence. In a dry run
// every change is counted and none is made.
class Run {
 public:
  // `kept`: known roots this run does not walk (vanished ones), whose place in the list and
  // settings stay.
  Run(const IndexOptions& options, std::vector<Root> kept, const ProblemSink& on_problem)
      : options_(options), on_problem_(on_problem), kept_(std::move(kept)) {
    // A rebuild of an index that holds documents builds beside it and swaps the new one in
    // at the end, so that searchers see the old index until then, never an empty or
    // half-built one; a killed rebuild leaves the old one serving. Only a change of the
    // shard count, which changes the layout, starts from an empty database.
    live_rebuild_ = options.rebuild && !options.dry_run && keeps_layout(options);
    // A dry run is a writer that writes nothing (OpenMode::kDryRun); a dry rebuild has no
    // index to compare with: every file would be new.
    if (!options.dry_run) {
      writer_.emplace(options.database,
                      options.rebuild && !live_rebuild_ ? OpenMode::kRebuild : OpenMode::kUpdate,
                      options.lock_timeout, options.shards);
    } else if (!options.rebuild) {
      writer_.emplace(options.database, OpenMode::kDryRun);
    }
    initial_documents_ = writer_ ? writer_->document_count() : 0;
  }

  // The roots this index is built from once this run is done: those it knew, then this
  // run's new ones, each once; and the settings of this run's and the kept ones.
  void remember_roots(const std::vector<Root>& roots) {
    roots_ = writer_ ? writer_->roots() : std::vector<std::string>{};
    if (options_.rebuild) roots_.clear();
    for (const std::vector<Root>* list : {&roots, static_cast<const std::vector<Root>*>(&kept_)}) {
      for (const Root& root : *list) {
        if (std::find(roots_.begin(), roots_.end(), root.path) == roots_.end())
          roots_.push_back(root.path);
        settings_.emplace_back(root.path, settings_text(root.settings));
      }
    }
  }

  // The innermost of the index's roots that holds `path` below it (a directory), whose term
  // stands for its words in the document; "" when none does (a file named alone).
  std::string root_of(const std::string& path) const {
    const std::string* best = nullptr;
    for (const std::string& root : roots_) {
      if (root != path && holds(root, path) && (best == nullptr || root.size() > best->size()))
        best = &root;
    }
    return best != nullptr ? *best : std::string();
  }

  // Stores the roots and their settings with `writer`'s changes.
  void store_roots(IndexWriter& writer) const {
    writer.set_roots(roots_);
    for (const auto& [root, text] : settings_) writer.set_root_settings(root, text);
  }

  void index_roots(std::vector<Root>& roots) {
    remember_roots(roots);
    // An update run over directories of a large index reads every indexed file's stat
    // values in one sweep (a lookup per file costs more), on a second thread while this
    // one walks the directories; the writer is not used by the walk.
    const bool walks =
        std::any_of(roots.begin(), roots.end(), [](const Root& r) { return r.is_directory; });
    std::future<void> preloaded;
    if (writer_ && walks && initial_documents_ >= kPreloadFromFiles) {
      preloaded = std::async(std::launch::async, [this] { writer_->preload_status(); });
    }
    for (Root& root : roots) {
      if (root.is_directory) {
        walk(root.path, "", root, [this](const FileProblem& p) { problem(p); });
      }
      total_ += root.is_directory ? root.files.size() : 1;
    }
    if (preloaded.valid()) preloaded.get();  // rethrows what the sweep threw
    // A dry run goes file by file: a full build would write staging databases.
    if (writer_ && !options_.dry_run && (initial_documents_ == 0 || live_rebuild_)) {
      full_build(roots);
      return;
    }
    for (Root& root : roots) {
      if (cancelled()) return;
      update_root(root);
      // Done with its list of files: a watch keeps the roots for as long as it runs.
      std::vector<FoundFile>().swap(root.files);
    }
    if (writer_) store_roots(*writer_);
  }

  // Brings one walked root up to date: its files indexed, its vanished files' documents
  // deleted, its alias table stored.
  void update_root(const Root& root) {
    if (!root.is_directory) {
      index_single_file(root);
      return;
    }
    std::unordered_set<std::string_view> seen;
    seen.reserve(root.files.size());
    for (const FoundFile& f : root.files) {
      if (cancelled()) return;
      seen.insert(f.path);
      index_file(f);
      progress();
    }
    remove_vanished(root.path, seen, root.unreadable_dirs);
    if (writer_) {
      writer_->set_aliases(
          root.path, read_aliases(root, [this](const FileProblem& p) { problem(p); }).to_text());
    }
  }

  // Watch mode: brings `path` (a file or directory under `root`, as an inotify event named
  // it) up to date: a directory is walked and its vanished files' documents deleted, a file
  // of a known format indexed, a path that is gone (or now excluded) loses its document and
  // those under it. An alias file's change rescans the whole root.
  void update_path(const Root& root, const std::string& path) {
    const std::string relative =
        path.size() > root.path.size() ? path.substr(root.path.size() + 1) : "";
    const std::string base = fs::path(path).filename().string();
    struct stat st {};
    const bool exists =
        ::lstat(path.c_str(), &st) == 0 && !excluded(root.settings.exclude, relative, base);
    if (exists && S_ISDIR(st.st_mode)) {
      Root below;
      below.path = path;
      below.is_directory = true;
      below.settings = root.settings;
      walk(path, relative, below, [this](const FileProblem& p) { problem(p); });
      std::unordered_set<std::string_view> seen;
      for (const FoundFile& f : below.files) {
        seen.insert(f.path);
        index_file(f);
      }
      remove_vanished(path, seen, below.unreadable_dirs);
      return;
    }
    if (exists && S_ISREG(st.st_mode)) {
      if (base.size() > 8 && base.compare(base.size() - 8, 8, ".aliases") == 0) {
        rescan(root);
        return;
      }
      if (const auto format = format_for_path(base)) {
        index_file({path, *format, stat_file(AT_FDCWD, path.c_str()), root.settings.max_file_size},
                   /*just_written=*/true);
      }
      return;
    }
    remove(path);
    if (writer_) {
      for (const std::string& below : writer_->paths_under(path)) remove(below);
    }
  }

  // Walks `root` again and brings it up to date (an overflowed event queue, a root the
  // watch limit left unwatched, a changed alias file).
  void rescan(const Root& root) {
    Root walked;
    walked.path = root.path;
    walked.is_directory = root.is_directory;
    walked.settings = root.settings;
    if (walked.is_directory)
      walk(walked.path, "", walked, [this](const FileProblem& p) { problem(p); });
    update_root(walked);
  }

  // Ends one batch of a watch: commits it and returns what it did.
  IndexReport end_batch() {
    if (installed_) {
      // A full build left a writer that only reads: the watch writes on.
      writer_.reset();
      writer_.emplace(options_.database, OpenMode::kUpdate, options_.lock_timeout);
      installed_ = false;
      live_rebuild_ = false;
    }
    if (writer_) writer_->commit();
    pending_ = 0;
    IndexReport batch = std::move(report_);
    report_ = IndexReport{};
    batch.documents = writer_ ? writer_->document_count() : 0;
    return batch;
  }

  IndexReport finish() {
    if (writer_ && !installed_) writer_->commit();
    report_.documents = writer_ ? writer_->document_count() : report_.added;
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
  // Outcomes are reported in walk order, as a one-thread run would. The roots' lists of
  // files are moved into the build's, so a file's path and stat are held once while the
  // build runs (a copy per list was 0.6 KB a file of the build's peak memory).
  void full_build(std::vector<Root>& roots) {
    std::size_t count = 0;
    for (const Root& root : roots) count += root.is_directory ? root.files.size() : 1;
    std::vector<FoundFile> items;
    items.reserve(count);  // never reallocated: `listed` views the paths where they lie
    // Overlapping roots list a file twice; one root cannot.
    const bool may_overlap = roots.size() > 1;
    std::unordered_set<std::string_view> listed;
    auto add = [&](FoundFile&& file) {
      items.push_back(std::move(file));
      if (may_overlap && !listed.insert(items.back().path).second) items.pop_back();
    };
    std::vector<std::pair<std::string, std::string>> aliases;  // root, table text
    for (Root& root : roots) {
      if (!root.is_directory) {
        if (auto file = named_file(root.path, root.settings)) add(std::move(*file));
        continue;
      }
      for (FoundFile& f : root.files) add(std::move(f));
      std::vector<FoundFile>().swap(root.files);
      aliases.emplace_back(
          root.path, read_aliases(root, [this](const FileProblem& p) { problem(p); }).to_text());
    }
    const auto ranges = [&] {
      std::vector<std::uint64_t> weights;
      weights.reserve(items.size());
      for (const FoundFile& item : items) weights.push_back(item.stat.size + kPerFileWeight);
      return balanced_ranges(weights, build_threads(options_.jobs, items.size()));
    }();

    std::vector<std::unique_ptr<BuildResult>> results(items.size());
    std::vector<std::optional<IndexWriter>> writers(ranges.size() - 1);
    std::vector<std::size_t> pending(writers.size(), 0);
    RangeWork work;
    work.begin = [&](unsigned part) {
      writers[part].emplace(IndexWriter::staging_database(options_.database, part),
                            OpenMode::kStaging, std::chrono::milliseconds(0),
                            writer_->shard_count());
    };
    work.item = [&](unsigned part, std::size_t i) {
      const FoundFile& item = items[i];
      const auto skip = [&](std::string reason) {
        results[i] = std::make_unique<BuildResult>(BuildResult{std::move(reason), {}});
      };
      if (item.stat.error != 0) return skip(item.stat.problem());
      BytesResult read = load_file_bytes(item.path, item.max_size);
      if (!read.file) return skip(std::move(read.problem));
      ParsedFile parsed = parse_file(*read.file, item.format, options_.read_limits);
      if (!parsed.article) return skip(std::move(parsed.problem));
      if (!parsed.caveats.empty()) {
        results[i] = std::make_unique<BuildResult>(BuildResult{{}, std::move(parsed.caveats)});
      }
      writers[part]->put(document_of(item.path, root_of(item.path), std::move(*parsed.article),
                                     *read.file, item.stat.mtime, item.stat.size),
                         /*is_new=*/true);
      if (++pending[part] >= std::max<std::size_t>(options_.batch_size, 1)) {
        writers[part]->commit();
        pending[part] = 0;
      }
    };
    work.end = [&](unsigned part) {
      if (part == 0) {
        for (const auto& [root, text] : aliases) writers[part]->set_aliases(root, text);
        store_roots(*writers[part]);
      }
      writers[part]->commit();
      writers[part].reset();
    };
    const std::atomic<bool> never{false};
    Analyzer::load_shared_data();
    run_ordered(
        ranges, work,
        [&](std::size_t i) {
          const std::string& path = items[i].path;
          const std::unique_ptr<BuildResult> result = std::move(results[i]);
          if (result && !result->skip_reason.empty()) {
            problem({path, result->skip_reason, true});
          } else {
            ++report_.added;
            std::string reason;
            if (result) {
              for (const std::string& caveat : result->caveats) {
                problem({path, caveat, false});
                reason += (reason.empty() ? "" : "; ") + caveat;
              }
            }
            outcome(path, FileOutcome::kAdded, std::move(reason));
          }
          progress();
        },
        options_.cancel != nullptr ? *options_.cancel : never);
    if (cancelled() && live_rebuild_) {
      writer_->discard_staged_build();  // the index as it was keeps serving
      return;
    }
    if (options_.on_progress) options_.on_progress({done_, std::max(done_, total_), true});
    writer_->install_staged_build();
    installed_ = true;
  }

  // A file named on the command line (named_file); an excluded one loses its document.
  void index_single_file(const Root& root) {
    if (const auto file = named_file(root.path, root.settings)) {
      index_file(*file);
    } else {
      remove(root.path);
    }
    progress();
  }

  // `just_written` says the file was just written (an inotify event): its content is
  // compared even when its size and mtime are as indexed (a same-size save in the same second).
  void index_file(const FoundFile& file, bool just_written = false) {
    const std::string& path = file.path;
    const Format format = file.format;
    if (file.stat.error != 0) {
      problem({path, file.stat.problem(), true});
      return;
    }
    const std::int64_t mtime = file.stat.mtime;
    const std::uint64_t size = file.stat.size;
    FileStatus status = writer_ ? writer_->status(path, mtime, size) : FileStatus::kNew;
    if (just_written && status == FileStatus::kUnchanged) status = FileStatus::kChanged;
    if (size > file.max_size) {
      // Over the limit, indexed or not (the limit was lowered, or the file grew): skipped,
      // and a document it had is removed rather than left stale.
      problem({path, load_file_bytes(path, file.max_size).problem, true});
      if (status != FileStatus::kNew) remove(path);
      return;
    }
    if (status == FileStatus::kUnchanged) {
      ++report_.unchanged;
      outcome(path, FileOutcome::kUnchanged);
      return;
    }
    BytesResult read = load_file_bytes(path, file.max_size);
    if (!read.file) {
      problem({path, read.problem, true});
      return;
    }
    const FileBytes& bytes = *read.file;
    if (status == FileStatus::kChanged && writer_->stored_hash(path) == bytes.content_hash) {
      writer_->touch(path, mtime, size);
      ++report_.unchanged;
      outcome(path, FileOutcome::kUnchanged);
      written();
      return;
    }
    ParsedFile parsed = parse_file(bytes, format, options_.read_limits);
    if (!parsed.article) {
      // Nothing to find in an empty file; an older indexed version must not linger.
      if (parsed.empty) remove(path);
      problem({path, parsed.problem, true});
      return;
    }
    const std::vector<std::string> caveats = std::move(parsed.caveats);
    if (writer_) {
      writer_->put(
          document_of(path, root_of(path), std::move(*parsed.article), bytes, mtime, size));
    }
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
    if (!writer_->remove(path)) return;
    ++report_.deleted;
    outcome(path, FileOutcome::kDeleted);
    written();
  }

  // Deletes the documents of files under `root` that the walk did not find, except under
  // directories it could not read (their files may well still be there).
  void remove_vanished(const std::string& root, const std::unordered_set<std::string_view>& seen,
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
    if (++pending_ >= std::max<std::size_t>(options_.batch_size, 1)) {
      writer_->commit();
      pending_ = 0;
    }
  }

  const IndexOptions& options_;
  const ProblemSink& on_problem_;
  std::vector<Root> kept_;          // known roots not walked (vanished), kept as they are
  std::vector<std::string> roots_;  // the index's roots after this run
  std::vector<std::pair<std::string, std::string>> settings_;  // root, settings text to store
  bool live_rebuild_ = false;          // a rebuild built beside the index it replaces
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
    case FileOutcome::kAdded:
      return "added";
    case FileOutcome::kUpdated:
      return "updated";
    case FileOutcome::kUnchanged:
      return "unchanged";
    case FileOutcome::kDeleted:
      return "deleted";
    case FileOutcome::kSkipped:
      return "skipped";
  }
  return "?";
}

namespace {

// A root's identity. A directory's is its canonical absolute path (symbolic links and ".."
// resolved), so that DIR, DIR/../DIR and a link to DIR are one root and its files one set
// of documents. A file named alone keeps the name it was given (absolute, lexically normal:
// /proc/self/mem stays that). nullopt when it does not exist.
std::optional<Root> root_at(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  if (ec || !fs::exists(absolute, ec)) return std::nullopt;
  Root root;
  root.is_directory = fs::is_directory(absolute, ec);
  const fs::path canonical = root.is_directory ? fs::canonical(absolute, ec) : absolute;
  root.path = (ec ? absolute : canonical).string();
  while (root.path.size() > 1 && root.path.back() == '/') root.path.pop_back();
  return root;
}

}  // namespace

std::vector<std::string> known_roots(const std::string& database) {
  std::error_code ec;
  if (!fs::exists(database, ec)) return {};
  return IndexWriter(database, OpenMode::kReadOnly).roots();
}

RootSettings remembered_settings(const std::string& database, const std::string& root) {
  std::error_code ec;
  if (!fs::exists(database, ec)) return {};
  return parse_settings(IndexWriter(database, OpenMode::kReadOnly).root_settings(root));
}

namespace {

// The roots of a run: those it walks, and known ones it keeps without walking.
struct RunRoots {
  std::vector<Root> walked;
  std::vector<Root> kept;
};

// The roots a run indexes: options.paths, or every known root when there are none (one
// that has vanished is reported, and kept), each with the settings this run gives it.
RunRoots roots_of_run(const IndexOptions& options, const ProblemSink& on_problem) {
  std::error_code ec;
  std::optional<IndexWriter> index;
  try {
    if (fs::exists(options.database, ec)) index.emplace(options.database, OpenMode::kReadOnly);
  } catch (const DatabaseError&) {
    // Without paths the roots must be read; with them, the run's own open says what is
    // wrong. A rebuild reads the roots and their settings of an index of another schema
    // version, which every version keeps the same way (a damaged one starts afresh).
    if (options.paths.empty() && !options.rebuild) throw;
    if (options.rebuild) {
      try {
        index.emplace(options.database, OpenMode::kReadAnyVersion);
      } catch (const DatabaseError&) {
        // damaged: nothing to read, the rebuild starts afresh
      }
    }
  }
  const auto remembered = [&](const std::string& root) {
    return index ? index->root_settings(root) : std::string();
  };
  const std::vector<std::string> known_list = index ? index->roots() : std::vector<std::string>{};
  RunRoots run;
  if (options.paths.empty()) {
    // Every known root; one that has vanished (an unmounted disk) keeps its documents.
    for (const std::string& known : known_list) {
      if (auto root = root_at(known)) {
        root->settings = settings_for(options, remembered(known));
        run.walked.push_back(std::move(*root));
      } else {
        Root kept;
        kept.path = known;
        kept.settings = parse_settings(remembered(known));
        run.kept.push_back(std::move(kept));
        on_problem(
            {known,
             "this root has vanished (unmounted, moved or deleted?): its documents are kept; "
             "indexer --forget " +
                 known + " removes them",
             false});
      }
    }
    if (run.walked.empty() && run.kept.empty()) {
      throw IoError("no path given, and the database " + options.database +
                    " knows no roots yet: name the files and directories to index");
    }
  }
  for (const std::string& p : options.paths) {
    auto root = root_at(p);
    if (!root) throw IoError(p + ": no such file or directory");
    const bool given_twice = std::any_of(run.walked.begin(), run.walked.end(),
                                         [&](const Root& r) { return r.path == root->path; });
    if (given_twice) continue;
    root->settings = settings_for(options, remembered(root->path));
    run.walked.push_back(std::move(*root));
  }
  return run;
}

// The root `path` is in (the longest that holds it), or null.
const Root* root_holding(const std::vector<Root>& roots, const std::string& path) {
  const Root* best = nullptr;
  for (const Root& root : roots) {
    if (holds(root.path, path) && (best == nullptr || root.path.size() > best->path.size()))
      best = &root;
  }
  return best;
}

}  // namespace

IndexReport index_paths(const IndexOptions& options, const ProblemSink& on_problem) {
  RunRoots roots = roots_of_run(options, on_problem);
  Run run(options, std::move(roots.kept), on_problem);
  run.index_roots(roots.walked);
  return run.finish();
}

void watch_paths(const IndexOptions& options, const ProblemSink& on_problem,
                 const WatchSink& on_batch) {
  IndexOptions effective = options;
  effective.dry_run = false;
  RunRoots run_roots = roots_of_run(options, on_problem);
  std::vector<Root>& roots = run_roots.walked;
  InotifyWatcher watcher;
  const auto skip = [&](const std::string& dir) {
    const Root* root = root_holding(roots, dir);
    if (root == nullptr) return false;
    const std::string relative =
        dir.size() > root->path.size() ? dir.substr(root->path.size() + 1) : "";
    return excluded(root->settings.exclude, relative, fs::path(dir).filename().string());
  };
  // Watched before the first pass, so that nothing changed during it goes unseen.
  std::vector<const Root*> unwatched;
  for (const Root& root : roots) {
    const std::string dir =
        root.is_directory ? root.path : fs::path(root.path).parent_path().string();
    if (!watcher.add_tree(dir, skip)) {
      unwatched.push_back(&root);
      on_problem({root.path,
                  "the inotify watch limit (fs.inotify.max_user_watches) is reached: changes under "
                  "this root are found by a rescan every " +
                      std::to_string(kUnwatchedRescanSeconds) + " s",
                  false});
    }
  }
  Run run(effective, std::move(run_roots.kept), on_problem);
  const auto first_started = std::chrono::steady_clock::now();
  run.index_roots(roots);
  {
    WatchBatch first;
    first.initial = true;
    first.report = run.end_batch();
    first.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - first_started).count();
    first.watched_directories = watcher.watched();
    on_batch(first);
  }
  // A watch runs for days: what the first pass freed (its walk's lists of files, Xapian's
  // buffers) goes back to the system, not only to malloc's free lists (on mixed, 233 MB
  // resident after the first pass, 110 MB after this).
  ::malloc_trim(0);
  using Clock = std::chrono::steady_clock;
  std::vector<std::string> changed;
  std::unordered_set<std::string> changed_set;
  bool rescan_all = false;
  std::size_t events = 0;
  Clock::time_point first_event{}, last_event{}, last_rescan = Clock::now();
  const auto stopping = [&] { return options.cancel != nullptr && options.cancel->load(); };
  while (true) {
    bool overflow = false;
    for (InotifyWatcher::Event& e : watcher.wait(std::chrono::milliseconds(50), overflow)) {
      if (root_holding(roots, e.path) == nullptr) continue;  // beside a file root, or moved away
      if (e.is_directory && fs::is_directory(e.path)) {
        if (!watcher.add_tree(e.path, skip)) rescan_all = true;  // a new folder: watched at once
      }
      if (changed_set.insert(e.path).second) changed.push_back(std::move(e.path));
      if (events++ == 0) first_event = Clock::now();
      last_event = Clock::now();
    }
    if (overflow) {
      on_problem({"", "inotify's event queue overflowed: rescanning every root", false});
      rescan_all = true;
      if (events++ == 0) first_event = Clock::now();
      last_event = Clock::now();
    }
    const auto now = Clock::now();
    const bool quiet = events > 0 && (now - last_event >= options.watch_debounce ||
                                      now - first_event >= 10 * options.watch_debounce);
    const bool rescan_due =
        !unwatched.empty() && now - last_rescan >= std::chrono::seconds(kUnwatchedRescanSeconds);
    if (quiet || rescan_due || (stopping() && events > 0)) {
      const auto started = Clock::now();
      if (rescan_all) {
        for (const Root& root : roots) run.rescan(root);
      } else {
        std::sort(changed.begin(), changed.end());  // a directory before what is under it
        for (const std::string& path : changed) {
          if (const Root* root = root_holding(roots, path)) run.update_path(*root, path);
        }
      }
      if (rescan_due) {
        for (const Root* root : unwatched) run.rescan(*root);
        last_rescan = now;
      }
      WatchBatch batch;
      batch.report = run.end_batch();
      batch.events = events;
      batch.seconds = std::chrono::duration<double>(Clock::now() - started).count();
      batch.watched_directories = watcher.watched();
      on_batch(batch);
      changed.clear();
      changed_set.clear();
      rescan_all = false;
      events = 0;
    }
    if (stopping()) return;
  }
}

IndexReport forget_root(const IndexOptions& options, const std::string& path) {
  std::error_code ec;
  // A root that has vanished is named as it was stored: canonical if it still resolves.
  const auto resolved = root_at(path);
  std::string root = resolved ? resolved->path : fs::absolute(path, ec).lexically_normal().string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!fs::exists(options.database, ec)) throw DatabaseError("no database at " + options.database);
  IndexWriter writer(options.database, options.dry_run ? OpenMode::kDryRun : OpenMode::kUpdate,
                     options.lock_timeout);
  std::vector<std::string> roots = writer.roots();
  const auto it = std::find(roots.begin(), roots.end(), root);
  if (it == roots.end()) {
    std::string known;
    for (const std::string& r : roots) known += (known.empty() ? "" : ", ") + r;
    throw IoError(root + " is not a root of " + options.database +
                  " (its roots: " + (known.empty() ? "none" : known) + ")");
  }
  roots.erase(it);
  IndexReport report;
  std::vector<std::string> documents = writer.paths_under(root);
  if (!writer.stored_hash(root).empty()) documents.push_back(root);  // a file given as a root
  for (const std::string& doc : documents) {
    // A document that another root also holds stays.
    const bool kept = std::any_of(roots.begin(), roots.end(),
                                  [&](const std::string& r) { return holds(r, doc); });
    if (kept) continue;
    writer.remove(doc);
    ++report.deleted;
    if (options.on_file) options.on_file({doc, FileOutcome::kDeleted, {}});
  }
  writer.set_aliases(root, "");  // in a dry run, the writer changes nothing
  writer.set_root_settings(root, "");
  writer.set_roots(roots);
  writer.commit();
  report.documents = writer.document_count();
  return report;
}

}  // namespace longjing
