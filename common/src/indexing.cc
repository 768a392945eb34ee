#include "longjing/indexing.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "longjing/error.h"
#include "longjing/formats.h"
#include "longjing/index_writer.h"
#include "longjing/source_file.h"

namespace longjing {
namespace fs = std::filesystem;
namespace {

// A file found by the walk, with the format it will be read as.
struct FoundFile {
  std::string path;
  Format format;
};

// What a walk found under one root.
struct WalkResult {
  std::vector<FoundFile> files;
  std::vector<std::string> unreadable_dirs;  // their documents must not be deleted
};

// Walks `dir` in sorted order, depth first, collecting files of a known format. Hidden
// entries are skipped; symbolic links to directories are not followed (no cycles).
void walk(const fs::path& dir, WalkResult& found, const ProblemSink& report) {
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
    std::error_code type_ec;
    if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
      walk(entry.path(), found, report);
      continue;
    }
    const auto format = format_for_path(name);
    if (format) found.files.push_back({entry.path().string(), *format});
  }
}

std::string title_from_file_name(const std::string& path) {
  return fs::path(path).stem().string();
}

// Indexes the files of one run; owns the counts and the commit cadence.
class Run {
 public:
  Run(const IndexOptions& options, const ProblemSink& on_problem)
      : options_(options),
        on_problem_(on_problem),
        writer_(options.database, options.rebuild ? OpenMode::kRebuild : OpenMode::kUpdate) {}

  void index_root(const fs::path& root) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      WalkResult found;
      walk(root, found, [this](const FileProblem& p) { problem(p); });
      std::set<std::string> seen;
      for (const auto& f : found.files) {
        seen.insert(f.path);
        index_file(f.path, f.format);
      }
      remove_vanished(root.string(), seen, found.unreadable_dirs);
    } else {
      index_file(root.string(), format_for_path(root.string()).value_or(Format::kText));
    }
  }

  IndexReport finish() {
    writer_.commit();
    report_.documents = writer_.document_count();
    return std::move(report_);
  }

 private:
  void problem(FileProblem p) {
    if (p.skipped) ++report_.skipped;
    on_problem_(p);
    report_.problems.push_back(std::move(p));
  }

  void index_file(const std::string& path, Format format) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      problem({path, std::strerror(errno), true});
      return;
    }
    const std::int64_t mtime = st.st_mtim.tv_sec;
    const auto size = static_cast<std::uint64_t>(st.st_size);
    const FileStatus status = writer_.status(path, mtime, size);
    if (status == FileStatus::kUnchanged) {
      ++report_.unchanged;
      return;
    }
    LoadResult loaded = load_source_text(path, options_.max_file_size);
    if (!loaded.source) {
      problem({path, loaded.problem, true});
      return;
    }
    SourceText& source = *loaded.source;
    if (source.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      // Nothing to find in it; an older indexed version must not linger either.
      if (writer_.remove(path)) ++report_.deleted;
      problem({path, "empty file", true});
      return;
    }
    if (status == FileStatus::kChanged && writer_.stored_hash(path) == source.content_hash) {
      writer_.touch(path, mtime, size);
      ++report_.unchanged;
      written();
      return;
    }
    schema::StoredDocument doc;
    doc.article = parse_article(format, source.text);
    doc.article.path = path;
    if (doc.article.title.empty()) doc.article.title = title_from_file_name(path);
    doc.mtime = mtime;
    doc.size = size;
    doc.content_hash = source.content_hash;
    writer_.put(doc);
    ++(status == FileStatus::kNew ? report_.added : report_.updated);
    if (source.encoding_guessed) problem({path, "decoded as " + source.encoding, false});
    if (source.repaired_sequences > 0) {
      problem({path,
               std::to_string(source.repaired_sequences) +
                   " invalid UTF-8 sequence(s) replaced by U+FFFD",
               false});
    }
    written();
  }

  // Deletes the documents of files under `root` that the walk did not find, except under
  // directories it could not read (their files may well still be there).
  void remove_vanished(const std::string& root, const std::set<std::string>& seen,
                       const std::vector<std::string>& unreadable_dirs) {
    for (const std::string& path : writer_.paths_under(root)) {
      if (seen.count(path) != 0) continue;
      const bool under_unreadable =
          std::any_of(unreadable_dirs.begin(), unreadable_dirs.end(),
                      [&](const std::string& dir) { return path.rfind(dir, 0) == 0; });
      if (under_unreadable) continue;
      if (writer_.remove(path)) {
        ++report_.deleted;
        written();
      }
    }
  }

  void written() {
    if (++pending_ >= options_.batch_size) {
      writer_.commit();
      pending_ = 0;
    }
  }

  const IndexOptions& options_;
  const ProblemSink& on_problem_;
  IndexWriter writer_;
  IndexReport report_;
  std::size_t pending_ = 0;
};

}  // namespace

IndexReport index_paths(const IndexOptions& options, const ProblemSink& on_problem) {
  std::vector<fs::path> roots;
  for (const std::string& p : options.paths) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(p, ec).lexically_normal();
    if (ec || !fs::exists(absolute, ec)) throw IoError(p + ": no such file or directory");
    std::string s = absolute.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    roots.emplace_back(s);
  }
  Run run(options, on_problem);
  for (const fs::path& root : roots) run.index_root(root);
  return run.finish();
}

}  // namespace longjing
