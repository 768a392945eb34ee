#include "index_command.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "helper_program.h"
#include "interrupt.h"
#include "longjing/database_path.h"
#include "longjing/documents.h"
#include "longjing/error.h"
#include "longjing/indexing.h"
#include "longjing/progress.h"
#include "longjing/version.h"

namespace longjing::cli {
namespace {

// A TSV field: backslash, tab, newline and carriage return escaped as \\ \t \n \r.
std::string tsv_field(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void setup_index_command(CLI::App& app, IndexCommandOptions& o) {
  app.description(with_program_names(
      "Index articles (.txt, .md, .html, .pdf, .epub, .docx, .odt, .eml; English and Chinese) "
      "for `{searcher}`. Re-running it updates the index: new and changed files are "
      "(re)indexed, deleted ones removed.",
      o.names));
  const ReadLimits defaults;  // the limits IndexOptions reads documents within
  app.footer(
      "\nFiles are read as UTF-8 (a BOM marks UTF-8 or UTF-16); other bytes are recognised\n"
      "as GB18030/GBK, Big5, UTF-16 or Latin-1 when the guess is confident (reported as a\n"
      "warning), else read as UTF-8 with bad bytes replaced by U+FFFD; HTML in the charset\n"
      "its <meta> declares. PDF, EPUB, DOCX, ODT and e-mail are recognised by content\n"
      "(a PDF named .txt is read as a PDF) and give title, author or sender, and date.\n"
      "Limits per document (docs/limits.md): " +
      std::to_string(defaults.max_unpacked_bytes >> 20) + " MiB unpacked from an archive, " +
      std::to_string(defaults.max_entries) +
      "\n"
      "entries, " +
      std::to_string(defaults.max_pdf_pages) + " PDF pages, " +
      std::to_string(static_cast<int>(defaults.max_pdf_seconds)) + " s per PDF, " +
      std::to_string(defaults.max_text_bytes >> 20) +
      " MiB of text; a file past one, an\n"
      "encrypted or a damaged one is skipped, named on stderr.\n"
      "Database: --db PATH, else $LONGJING_DB, else $XDG_DATA_HOME/longjing/db\n"
      "(~/.local/share/longjing/db). One indexer writes at a time; another waits\n"
      "--lock-timeout seconds for the lock (<db>/flintlock).\n"
      "Ctrl-C (SIGINT) or SIGTERM: the files done so far are committed and the summary\n"
      "printed; run again to finish. A second Ctrl-C stops at once (the last commit stays).\n"
      "Exit status: 0 done (skipped files are reported on stderr), 2 error,\n"
      "130 interrupted by SIGINT, 143 by SIGTERM.");
  app.set_version_flag("--version", o.names.indexer + " (Longjing) " + version());
  app.add_option("path", o.paths,
                 "Files and directories to index; the index keeps them as its roots (none: every "
                 "root it knows)")
      ->type_name("PATH");
  app.add_option("--forget", o.forget,
                 "Remove ROOT from the index's roots, with its documents (a root that has vanished "
                 "keeps them until then)")
      ->type_name("ROOT");
  app.add_flag("--watch", o.watch,
               "Index, then keep following the roots (inotify) and index each batch of changes "
               "until SIGINT/SIGTERM; each batch's summary goes to stderr");
  app.add_flag("--list-roots", o.list_roots,
               "Print the index's roots, one per line; a vanished one ends with ' (missing)'; with "
               "-v, a tab and the settings a bare run indexes it with");
  app.add_option("--db", o.database, "Database directory (created if missing)")->type_name("DB");
  app.add_flag("--rebuild", o.rebuild,
               "Index from scratch, beside the live index, swapped in when complete (searchers see "
               "the old one until then)");
  app.add_flag("-n,--dry-run", o.dry_run,
               "Report what would be added, updated and deleted; change nothing");
  app.add_option_function<std::vector<std::string>>(
         "--exclude",
         [&o](const std::vector<std::string>& patterns) {
           if (!o.exclude) o.exclude.emplace();
           o.exclude->insert(o.exclude->end(), patterns.begin(), patterns.end());
         },
         "Skip files and directories whose path (relative to the indexed directory) or name "
         "matches this glob; their documents are deleted. Repeatable; remembered with the root")
      ->allow_extra_args(false)
      ->type_name("GLOB");
  app.add_flag_callback(
         "--no-exclude", [&o] { o.exclude.emplace(); },
         "Forget the globs the roots were indexed with: their files are indexed again")
      ->excludes("--exclude");
  RootSettings defaults_of_a_root;
  app.add_option_function<std::uint64_t>(
         "--max-file-size", [&o](const std::uint64_t& bytes) { o.max_file_size = bytes; },
         "Skip files larger than this (bytes; suffixes k, m, g); default " +
             std::to_string(defaults_of_a_root.max_file_size >> 20) +
             "m, or what the root was indexed with; remembered with the root")
      ->transform(CLI::AsSizeValue(false).description(""))
      ->type_name("BYTES");
  app.add_option("--lock-timeout", o.lock_timeout,
                 "Seconds to wait while another indexer holds the database")
      ->check(CLI::Validator(
          [](std::string& value) {
            return value.empty() || value[0] == '-' ? "must be 0 or more seconds" : "";
          },
          ""))
      ->capture_default_str()
      ->type_name("SECONDS");
  app.add_option("--shards", o.shards,
                 with_program_names("Spread documents over N databases, 1 to 256 (searched as one "
                                    "by {searcher} --db); changing N needs --rebuild",
                                    o.names))
      ->check(CLI::Range(1u, 256u).description(""))
      ->type_name("N");
  app.add_option("--jobs", o.jobs,
                 "Threads for a full build (a new or rebuilt index); 0: one per core")
      ->type_name("N")
      ->capture_default_str();
  app.add_option("--report", o.report,
                 "Write every file's outcome to FILE as TSV: outcome, path, reason")
      ->type_name("FILE");
  // Advanced (hidden): documents per commit; small values make kill tests meaningful.
  app.add_option("--batch-size", o.batch_size, "Documents per commit")
      ->check(CLI::PositiveNumber)
      ->group("");
  app.add_flag("-q,--quiet", o.quiet, "Print no summary and no progress");
  app.add_flag("-v,--verbose", o.verbose,
               "Print each file's outcome (added, updated, deleted, unchanged, skipped)");
}

namespace {

// `text` quoted for a POSIX shell when it holds anything but safe characters.
std::string shell_quoted(const std::string& text) {
  const bool safe = !text.empty() && text.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789-_./=:@%+,") == std::string::npos;
  if (safe) return text;
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The indexer flags that give `settings`: "--max-file-size N", then an --exclude per glob.
std::string settings_as_flags(const RootSettings& settings) {
  std::string flags = "--max-file-size " + std::to_string(settings.max_file_size);
  for (const std::string& pattern : settings.exclude)
    flags += " --exclude " + shell_quoted(pattern);
  return flags;
}

}  // namespace

int run_index_command(const IndexCommandOptions& o, const std::atomic<bool>* cancel) {
  IndexOptions options;
  options.database = resolve_database_path(o.database);
  options.paths = o.paths;
  options.rebuild = o.rebuild;
  options.max_file_size = o.max_file_size;
  options.batch_size = o.batch_size;
  options.dry_run = o.dry_run;
  options.exclude = o.exclude;
  options.lock_timeout = std::chrono::milliseconds(static_cast<long long>(o.lock_timeout * 1000));
  options.cancel = cancel;
  options.shards = o.shards;
  options.jobs = o.jobs;
  options.read_limits.pdf_reader = helper_program("longjing-read-pdf");

  std::optional<ProgressLine> progress;
  if (o.progress && !o.quiet) {
    progress.emplace(std::cerr);
    options.on_progress = [&](const IndexProgress& p) { progress->update(p, seconds_now()); };
  }
  std::ofstream report;
  if (!o.report.empty()) {
    report.open(o.report, std::ios::binary | std::ios::trunc);
    if (!report) {
      std::cerr << o.names.indexer << ": cannot write report " << o.report << '\n';
      return 2;
    }
  }
  if (o.verbose || report.is_open()) {
    options.on_file = [&](const FileEvent& e) {
      if (report.is_open()) {
        report << outcome_name(e.outcome) << '\t' << tsv_field(e.path) << '\t'
               << tsv_field(e.reason) << '\n';
      }
      if (o.verbose) {
        if (progress) progress->clear();
        std::cout << outcome_name(e.outcome) << ' ' << e.path << '\n';
      }
    };
  }
  const auto report_problem = [&](const FileProblem& p) {
    if (progress) progress->clear();
    std::cerr << o.names.indexer << ": " << p.path << ": "
              << (p.skipped ? "skipped: " : "warning: ") << p.reason << '\n';
  };
  if ((!o.forget.empty() || o.list_roots) && !o.paths.empty()) {
    std::cerr << o.names.indexer << ": --forget and --list-roots take no paths\n";
    return 2;
  }
  try {
    if (o.list_roots) {
      const std::vector<std::string> roots = known_roots(options.database);
      for (const std::string& root : roots) {
        std::error_code ec;
        std::cout << root << (std::filesystem::exists(root, ec) ? "" : " (missing)");
        if (o.verbose)
          std::cout << '\t' << settings_as_flags(remembered_settings(options.database, root));
        std::cout << '\n';
      }
      return roots.empty() ? 1 : 0;
    }
    if (!o.forget.empty()) {
      const IndexReport r = forget_root(options, o.forget);
      if (!o.quiet) {
        std::cout << r.deleted << " deleted; " << r.documents << " documents in "
                  << options.database << '\n';
      }
      if (o.dry_run) std::cerr << o.names.indexer << ": dry run: the database was not changed\n";
      return 0;
    }
    if (o.watch) {
      if (o.dry_run) {
        std::cerr << o.names.indexer << ": --watch writes: it cannot be a dry run\n";
        return 2;
      }
      watch_paths(options, report_problem, [&](const WatchBatch& b) {
        if (progress) progress->clear();
        const IndexReport& r = b.report;
        if (o.quiet && !b.initial) return;
        std::cerr << o.names.indexer << ": " << (b.initial ? "indexed: " : "changes: ") << r.added
                  << " added, " << r.updated << " updated, " << r.deleted << " deleted, "
                  << r.skipped << " skipped; " << r.documents << " documents";
        if (b.initial) {
          std::cerr << "; watching " << b.watched_directories << " folders (Ctrl-C to stop)\n";
        } else {
          std::cerr << " (" << b.events << " events, " << static_cast<int>(b.seconds * 1000)
                    << " ms)\n";
        }
      });
      std::cerr << o.names.indexer << ": stopped watching; every change seen is committed\n";
      return 0;
    }
    const IndexReport r = index_paths(options, report_problem);
    if (progress) progress->clear();
    if (!o.quiet) {
      std::cout << r.added << " added, " << r.updated << " updated, " << r.deleted << " deleted, "
                << r.unchanged << " unchanged, " << r.skipped << " skipped; " << r.documents
                << " documents in " << options.database << '\n';
    }
    if (o.dry_run) std::cerr << o.names.indexer << ": dry run: the database was not changed\n";
    if (report.is_open() && !report.flush()) {
      std::cerr << o.names.indexer << ": cannot write report " << o.report << '\n';
      return 2;
    }
    if (r.interrupted) {
      std::cerr << o.names.indexer
                << ": interrupted: what was indexed is committed; run again to finish\n";
      const int signal = interrupt_signal();
      return 128 + (signal != 0 ? signal : 2);
    }
    return 0;
  } catch (const Error& e) {
    if (progress) progress->clear();
    std::cerr << o.names.indexer << ": " << e.what() << '\n';
    return 2;
  }
}

}  // namespace longjing::cli
