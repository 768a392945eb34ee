// Reading a program's command line the way both programs do.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace longjing::cli {

// Parses argv into the options declared on `app`. Returns the exit code to stop with: 0
// once --help or --version is printed, 2 once "<name>: <problem>" and where to read the
// usage are on stderr; nullopt when the command should run.
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv,
                                      const std::string& name);

}  // namespace longjing::cli
