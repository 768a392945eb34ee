// Shell completion scripts (bash, zsh, fish) written from a program's option declarations.
#pragma once

#include <string>
#include <vector>

namespace longjing::completions {

// One declared option (or positional argument), as CLI11 holds it.
struct OptionSpec {
  std::vector<std::string> long_names;   // without "--"
  std::vector<std::string> short_names;  // without "-"
  std::string description;               // the --help text
  std::string value_name;                // "DB", "PATH", "FILE", "N", "text|json|paths", ...
  bool positional = false;               // the program's operands (PATH..., WORDS...)
  bool takes_value = false;              // false: a flag
  bool repeatable = false;               // may be given more than once
};

// What a value is completed with, from its value name: "a|b|c" the choices, DB and PATH
// files and directories, FILE files, anything else nothing (a number, a date, a query).
enum class ValueKind { kNone, kChoices, kFile, kFileOrDirectory };
ValueKind value_kind(const OptionSpec& spec);

// The choices of a "a|b|c" value name, in order.
std::vector<std::string> choices(const OptionSpec& spec);

// The first clause of a description (up to " (", ";" or ". "), as a one-line summary.
std::string summary(const std::string& description);

// The completion script of `program` for each shell: bash's a function for `complete -F`,
// zsh's an _arguments call for its completion system (#compdef), fish's `complete` lines.
std::string bash_script(const std::string& program, const std::vector<OptionSpec>& options);
std::string zsh_script(const std::string& program, const std::vector<OptionSpec>& options);
std::string fish_script(const std::string& program, const std::vector<OptionSpec>& options);

}  // namespace longjing::completions
