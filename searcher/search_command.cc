#include "search_command.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>

#include "longjing/database_path.h"
#include "longjing/error.h"
#include "longjing/printer.h"
#include "longjing/query_session.h"
#include "longjing/searcher.h"
#include "longjing/version.h"
#include "parse_command_line.h"

namespace longjing::cli {
namespace {

constexpr const char* kSyntaxHelp = R"(
Query syntax (words are ANDed; Chinese needs no spaces):
  Unitree robot              both words; robot also finds robots (English stems)
  宇树                       Chinese matches exactly where the article contains it,
                             Simplified and Traditional alike (长安 = 長安)
  "Six Little Dragons"       a phrase; "机器狗 Go2" and 机器狗Go2 mix scripts
  DeepSeek OR 深度求索       either one
  Unitree NOT dance          exclude (also: Unitree -dance); +word requires it
  NOT dance, -dance          every article without the word
  (DeepSeek OR Unitree) 杭州  grouping
  robot NEAR dog             within 10 words (NEAR/3: within 3; ADJ: in that order)
  comput*                    prefix
  title:Wukong  source:huabo  tag:robotics  path:zh  lang:zh-hans
                             in the title, the source, the tags, the path; the language
  date:2025-02-19  date:2025-02  date:2025  date:2025-02-01..  date:..2024-12
                             that day, month or year, or a range (or --since / --until)
Names in the alias tables (*.aliases files beside the articles, or --aliases FILE)
expand across languages: Unitree also finds 宇树. Chinese is never expanded.

Examples:
  {searcher} Unitree                      ranked hits with highlighted passages
  {searcher} -l -0 宇树 | xargs -0 ls -l   paths only, NUL-separated
  {searcher} --json --snippets 3 杭州      JSON Lines (docs/json-output.md)
  {searcher} --stdin < queries.txt        one process, many queries, JSON Lines

Database: --db PATH (repeatable), else $LONGJING_DB, else $XDG_DATA_HOME/longjing/db
(~/.local/share/longjing/db). A database is a directory (one made with
{indexer} --shards too), a Xapian stub file, or tcp://HOST:PORT served by
xapian-tcpsrv (docs/shards.md).
Exit status: 0 hits found, 1 no hits, 2 error.)";

bool use_color(ColorChoice choice) {
  if (choice != ColorChoice::kAuto) return choice == ColorChoice::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

// True when the output is paths only (-l or --format paths).
bool prints_paths(const SearchOptions& o) {
  return o.files_with_matches || o.format == OutputFormat::kPaths;
}

std::unique_ptr<Printer> make_printer(const SearchOptions& o) {
  if (prints_paths(o)) {
    return make_paths_printer(std::cout, o.null_separated);
  }
  if (o.json || o.format == OutputFormat::kJson) return make_json_printer(std::cout);
  // The count line is for a person at a terminal; a pipe gets the hits alone.
  return make_text_printer(std::cout, TextStyle{use_color(o.color), ::isatty(STDOUT_FILENO) == 1});
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

void setup_search_command(CLI::App& app, SearchOptions& o) {
  app.description(with_program_names(
      "Search the articles indexed by `{indexer}`; ranked hits with highlighted passages.",
      o.names));
  app.footer(with_program_names(kSyntaxHelp, o.names));
  app.set_version_flag("--version", o.names.searcher + " (Longjing) " + version());
  app.add_option("query", o.query_words, "The query (several words are joined with spaces)")
      ->type_name("WORDS");
  app.add_option("--db", o.databases, "Database to search (repeat for several, searched as one)")
      ->allow_extra_args(false)
      ->type_name("DB");
  app.add_option("-n,--limit", o.limit, "Hits to show (0: all; with -l, all unless given)")
      ->capture_default_str()
      ->type_name("N")
      ->each([&o](const std::string&) { o.limit_given = true; });
  app.add_option("--offset", o.offset, "Hits to skip first")->capture_default_str()->type_name("N");
  app.add_option("--snippet-chars", o.snippet_chars,
                 "Passage length in characters, " + std::to_string(kMinSnippetWidth) + " to " +
                     std::to_string(kMaxSnippetWidth) +
                     " (default 160; a Chinese character counts two)")
      ->check(CLI::Range(kMinSnippetWidth, kMaxSnippetWidth).description(""))
      ->type_name("N");
  app.add_option("--snippets", o.snippet_count,
                 "Passages per hit, 1 to " + std::to_string(kMaxSnippetCount) + " (default 1)")
      ->check(CLI::Range(std::size_t{1}, kMaxSnippetCount).description(""))
      ->type_name("N");
  app.add_option("--since", o.since, "Only articles dated on or after YYYY-MM-DD")
      ->type_name("DATE");
  app.add_option("--until", o.until, "Only articles dated on or before YYYY-MM-DD")
      ->type_name("DATE");
  app.add_option("--sort", o.sort, "Order: relevance (the default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}).description(""))
      ->type_name("relevance|date");
  app.add_flag("--mtime-dates", o.mtime_dates,
               "--since, --until and --sort date take an undated article's date from its file's "
               "modification day (off: undated articles fall outside the range and sort last)");
  app.add_flag("--explain", o.explain, "Show which terms matched in which field, and their weight");
  app.add_flag("--no-aliases", o.no_aliases, "Do not expand names with the alias tables");
  app.add_option("--aliases", o.alias_files, "An alias file of your own (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::Validator(CLI::ExistingFile).description(""))
      ->type_name("FILE");
  app.add_option("--timeout", o.timeout,
                 "Seconds to wait for a tcp://HOST:PORT database, 0.1 to 3600 (default 10)")
      ->check(CLI::Range(0.1, 3600.0).description(""))
      ->type_name("SECONDS");
  app.add_flag("--allow-partial", o.allow_partial,
               "Answer from the databases that open; name the others on stderr");
  app.add_flag("-c,--count", o.count, "Print only the number of matching articles");
  app.add_flag("--stdin", o.stdin_mode,
               "Answer queries read from stdin, one per line (or JSON requests), in JSON Lines");
  const std::map<std::string, OutputFormat> formats{{"text", OutputFormat::kText},
                                                    {"json", OutputFormat::kJson},
                                                    {"paths", OutputFormat::kPaths}};
  app.add_option("--format", o.format, "Output: text, json (JSON Lines) or paths")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case).description(""))
      ->type_name("text|json|paths");
  app.add_flag("--json", o.json, "Same as --format json");
  app.add_flag("-l,--files-with-matches", o.files_with_matches, "Print only the paths of hits");
  app.add_flag("-0,--null", o.null_separated, "End paths with NUL instead of newline");
  const std::map<std::string, ColorChoice> colors{{"auto", ColorChoice::kAuto},
                                                  {"always", ColorChoice::kAlways},
                                                  {"never", ColorChoice::kNever}};
  app.add_option("--color", o.color, "Colour: auto (on a terminal, unless NO_COLOR), always, never")
      ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case).description(""))
      ->type_name("auto|always|never");
  app.add_flag(
      "--serve", o.serve,
      "Serve the HTTP JSON API and the search page until SIGINT/SIGTERM (docs/http-api.md)");
  app.add_option("--listen", o.listen,
                 "Address for --serve (default 127.0.0.1:7700; port 0: any free port); an address "
                 "other machines reach needs --token-file")
      ->type_name("ADDR:PORT");
  app.add_option("--token-file", o.token_file,
                 "With --serve: every request must carry 'Authorization: Bearer TOKEN', TOKEN "
                 "being the file's first line")
      ->type_name("FILE");
  app.add_option("--cors", o.cors_origin, "With --serve: let pages from ORIGIN call the API")
      ->type_name("ORIGIN");
  app.add_option("--threads", o.serve_threads,
                 "With --serve: requests answered at once, 1 to 256 (default 8)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}).description(""))
      ->type_name("N");
}

namespace {

SearchRequest request_from(const SearchOptions& o) {
  SearchRequest request;
  request.query = join(o.query_words);
  // Paths feed other programs (xargs): every match, as grep -l lists every file.
  request.limit = prints_paths(o) && !o.limit_given ? 0 : o.limit;
  request.offset = o.offset;
  request.snippet_width = o.snippet_chars;
  request.snippet_count = o.snippet_count;
  request.snippets = !prints_paths(o);
  request.paths_only = !request.snippets;
  request.since = o.since;
  request.until = o.until;
  request.sort = o.sort == "date" ? SortOrder::kDate : SortOrder::kRelevance;
  request.explain = o.explain;
  request.mtime_dates = o.mtime_dates;
  return request;
}

}  // namespace

int run_search_command(const SearchOptions& o, const ServeFunction& serve) {
  std::vector<std::string> databases = o.databases;
  if (databases.empty()) databases.push_back(resolve_database_path(""));
  if (o.serve && (o.stdin_mode || o.count || prints_paths(o) || !o.query_words.empty())) {
    std::cerr << o.names.searcher
              << ": --serve answers over HTTP: it takes no query, --stdin, -c or -l\n";
    return 2;
  }
  if (!o.serve && (!o.token_file.empty() || !o.cors_origin.empty())) {
    std::cerr << o.names.searcher << ": --token-file and --cors apply to --serve\n";
    return 2;
  }
  if (!o.stdin_mode && !o.serve && o.query_words.empty()) {
    std::cerr << o.names.searcher << ": no query given\nRun '" << o.names.searcher
              << " --help' for usage.\n";
    return 2;
  }
  if (o.stdin_mode && o.count) {
    std::cerr << o.names.searcher
              << ": -c does not apply to --stdin: each answer's summary object gives "
                 "estimated_matches\n";
    return 2;
  }
  if (o.null_separated && !prints_paths(o)) {
    std::cerr << o.names.searcher << ": -0 ends paths with NUL: use it with -l or --format paths\n";
    return 2;
  }
  try {
    SearcherOptions searcher_options;
    searcher_options.aliases = !o.no_aliases;
    searcher_options.alias_files = o.alias_files;
    searcher_options.timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout * 1000));
    searcher_options.allow_partial = o.allow_partial;
    if (o.serve) return serve(databases, searcher_options, o);
    Searcher searcher(databases, searcher_options);
    for (const MissingDatabase& m : searcher.missing_databases()) {
      std::cerr << o.names.searcher << ": warning: left out " << m.database << " (" << m.reason
                << "); results are partial\n";
    }
    const SearchRequest request = request_from(o);
    if (o.stdin_mode) {
      return run_query_session(std::cin, std::cout, searcher, request) ? 0 : 2;
    }
    if (o.count) {
      const std::uint64_t n = searcher.count(request);
      std::cout << n << '\n';
      return n > 0 ? 0 : 1;
    }
    auto printer = make_printer(o);
    const SearchSummary summary = searcher.search(request, *printer);
    printer->finish(summary);
    return summary.returned > 0 ? 0 : 1;
  } catch (const Error& e) {
    std::cout.flush();
    std::cerr << o.names.searcher << ": " << e.what() << '\n';
    return 2;
  }
}

int searcher_main(int argc, char** argv, const ServeFunction& serve) {
  // A closed pipe (searcher x | head -1) is not an error: writes fail, we stop quietly.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  SearchOptions options;
  options.names = program_names(argc > 0 ? argv[0] : "", "searcher");
  const std::string& name = options.names.searcher;
  CLI::App app{name, name};
  setup_search_command(app, options);
  if (const auto stop = parse_command_line(app, argc, argv, name)) return *stop;
  const int status = run_search_command(options, serve);
  std::cout.flush();
  if (!std::cout) return errno == EPIPE ? 0 : 2;
  return status;
}

}  // namespace longjing::cli
