// make_completions SHELL PROGRAM OUTPUT: writes the completion script of one program
// (indexer or searcher, under its installed name) for bash, zsh or fish, generated from the
// very option declarations the program parses with, so that the two cannot drift apart.
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "completion_scripts.h"
#include "index_command.h"
#include "search_command.h"

namespace {

// The declared options of `app`, as the scripts need them; hidden ones (no group) left out.
std::vector<longjing::completions::OptionSpec> options_of(const CLI::App& app) {
  std::vector<longjing::completions::OptionSpec> specs;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;
    longjing::completions::OptionSpec spec;
    spec.long_names = opt->get_lnames();
    spec.short_names = opt->get_snames();
    spec.description = opt->get_description();
    spec.positional = opt->get_positional();
    spec.takes_value = opt->get_items_expected_max() > 0;
    spec.repeatable = opt->get_expected_max() > 1;
    spec.value_name = opt->get_type_name();
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: make_completions bash|zsh|fish indexer|searcher OUTPUT\n";
    return 2;
  }
  const std::string_view shell = argv[1], program = argv[2];
  const longjing::ProgramNames names =
      longjing::program_names("longjing-" + std::string(program), program);
  CLI::App app;
  longjing::cli::IndexCommandOptions index_options;
  longjing::cli::SearchOptions search_options;
  std::string name;
  if (program == "indexer") {
    index_options.names = names;
    longjing::cli::setup_index_command(app, index_options);
    name = names.indexer;
  } else if (program == "searcher") {
    search_options.names = names;
    longjing::cli::setup_search_command(app, search_options);
    name = names.searcher;
  } else {
    std::cerr << "make_completions: unknown program " << program << '\n';
    return 2;
  }
  const auto specs = options_of(app);
  std::string script;
  if (shell == "bash") {
    script = longjing::completions::bash_script(name, specs);
  } else if (shell == "zsh") {
    script = longjing::completions::zsh_script(name, specs);
  } else if (shell == "fish") {
    script = longjing::completions::fish_script(name, specs);
  } else {
    std::cerr << "make_completions: unknown shell " << shell << '\n';
    return 2;
  }
  std::ofstream out(argv[3], std::ios::binary);
  out << script;
  out.close();
  if (!out) {
    std::cerr << "make_completions: cannot write " << argv[3] << '\n';
    return 2;
  }
  return 0;
}
