#include "completion_scripts.h"

#include <algorithm>

namespace longjing::completions {
namespace {

// "longjing-searcher" → "_longjing_searcher", a shell function name.
std::string function_name(const std::string& program) {
  std::string name = "_" + program;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Every spelling of an option, "--long" and "-s".
std::vector<std::string> spellings(const OptionSpec& spec) {
  std::vector<std::string> out;
  for (const std::string& l : spec.long_names) out.push_back("--" + l);
  for (const std::string& s : spec.short_names) out.push_back("-" + s);
  return out;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

// `text` inside single quotes, for bash, zsh and fish alike.
std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `text` with zsh _arguments' special characters ([ ] :) escaped.
std::string zsh_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const OptionSpec* operands(const std::vector<OptionSpec>& options) {
  for (const OptionSpec& o : options) {
    if (o.positional) return &o;
  }
  return nullptr;
}

}  // namespace

ValueKind value_kind(const OptionSpec& spec) {
  if (spec.value_name.find('|') != std::string::npos) return ValueKind::kChoices;
  if (spec.value_name == "DB" || spec.value_name == "PATH") return ValueKind::kFileOrDirectory;
  if (spec.value_name == "FILE") return ValueKind::kFile;
  return ValueKind::kNone;
}

std::vector<std::string> choices(const OptionSpec& spec) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (true) {
    const auto bar = spec.value_name.find('|', start);
    out.push_back(spec.value_name.substr(start, bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

std::string summary(const std::string& description) {
  std::string::size_type end = description.size();
  for (const char* stop : {" (", ";", ". "}) end = std::min(end, description.find(stop));
  return description.substr(0, end);
}

std::string bash_script(const std::string& program, const std::vector<OptionSpec>& options) {
  std::vector<std::string> all, with_value;
  std::string cases;
  for (const OptionSpec& o : options) {
    if (o.positional) continue;
    const auto names = spellings(o);
    all.insert(all.end(), names.begin(), names.end());
    if (!o.takes_value) continue;
    with_value.insert(with_value.end(), names.begin(), names.end());
    std::string action;
    switch (value_kind(o)) {
      case ValueKind::kChoices:
        action =
            "COMPREPLY=($(compgen -W " + single_quoted(joined(choices(o), " ")) + " -- \"$cur\"))";
        break;
      case ValueKind::kFile:
      case ValueKind::kFileOrDirectory:
        action = "compopt -o filenames; COMPREPLY=($(compgen -f -- \"$cur\"))";
        break;
      case ValueKind::kNone:
        action = "COMPREPLY=()";  // a number, a date, a glob: nothing to propose
        break;
    }
    cases += "    " + joined(names, "|") + ") " + action + "; return ;;\n";
  }
  const OptionSpec* positional = operands(options);
  const bool files =
      positional != nullptr && value_kind(*positional) == ValueKind::kFileOrDirectory;
  const std::string fn = function_name(program);
  return "# bash completion for " + program +
         ", generated from its option declarations (completions/).\n" + fn + "() {\n" +
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "  # --option=value: bash splits at '='.\n"
         "  if [[ $cur == = ]]; then cur=''; elif [[ $prev == = ]]; then "
         "prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
         "  case $prev in\n" +
         cases +
         "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W " +
         single_quoted(joined(all, " ")) +
         " -- \"$cur\"))\n"
         "    return\n"
         "  fi\n" +
         (files ? "  compopt -o filenames\n  COMPREPLY=($(compgen -f -- \"$cur\"))\n"
                : "  COMPREPLY=()  # query words\n") +
         "}\ncomplete -F " + fn + " " + program + "\n";
}

std::string zsh_script(const std::string& program, const std::vector<OptionSpec>& options) {
  std::string specs;
  for (const OptionSpec& o : options) {
    std::string action;
    if (o.takes_value || o.positional) {
      switch (value_kind(o)) {
        case ValueKind::kChoices:
          action = "(" + joined(choices(o), " ") + ")";
          break;
        case ValueKind::kFile:
        case ValueKind::kFileOrDirectory:
          action = "_files";
          break;
        case ValueKind::kNone:
          action = " ";
          break;
      }
    }
    std::string value = ":";  // appended: g++ 12 -O3 misreads ":" + std::string as overlapping
    value += zsh_escaped(o.value_name);
    value += ":";
    value += action;
    if (o.positional) {
      specs += "  " + single_quoted("*" + value) + " \\\n";
      continue;
    }
    const auto names = spellings(o);
    std::string text = "[";
    text += zsh_escaped(summary(o.description));
    text += "]";
    if (o.takes_value) text += value;
    // Spellings of one option exclude each other unless it repeats.
    const std::string exclusion =
        o.repeatable || names.size() < 2 ? "" : "(" + joined(names, " ") + ")";
    const std::string star = o.repeatable ? "*" : "";
    if (names.size() == 1) {
      specs += "  " + single_quoted(exclusion + star + names[0] + text) + " \\\n";
    } else {
      specs += "  " + single_quoted(exclusion) + star + "{" + joined(names, ",") + "}" +
               single_quoted(text) + " \\\n";
    }
  }
  return "#compdef " + program + "\n# zsh completion for " + program +
         ", generated from its option declarations (completions/).\n_arguments -s -S \\\n" + specs +
         "  && return 0\n";
}

std::string fish_script(const std::string& program, const std::vector<OptionSpec>& options) {
  std::string out = "# fish completion for " + program +
                    ", generated from its option declarations (completions/).\n";
  const OptionSpec* positional = operands(options);
  if (positional == nullptr || value_kind(*positional) != ValueKind::kFileOrDirectory) {
    out += "complete -c " + program + " -f  # operands are query words, not files\n";
  }
  for (const OptionSpec& o : options) {
    if (o.positional) continue;
    std::string line = "complete -c " + program;
    for (const std::string& l : o.long_names) line += " -l " + l;
    for (const std::string& s : o.short_names) line += " -s " + s;
    if (o.takes_value) {
      switch (value_kind(o)) {
        case ValueKind::kChoices:
          line += " -x -a " + single_quoted(joined(choices(o), " "));
          break;
        case ValueKind::kFile:
        case ValueKind::kFileOrDirectory:
          line += " -r -F";
          break;
        case ValueKind::kNone:
          line += " -x";
          break;
      }
    }
    out += line + " -d " + single_quoted(summary(o.description)) + "\n";
  }
  return out;
}

}  // namespace longjing::completions
