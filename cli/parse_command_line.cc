#include "parse_command_line.h"

#include <iostream>

namespace longjing::cli {

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv,
                                      const std::string& name) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << name << ": " << e.what() << "\nRun '" << name << " --help' for usage.\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace longjing::cli
