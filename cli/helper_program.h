// Finding the helper programs the commands start (longjing-read-pdf, longjing-serve): they
// are not commands for the PATH, so the build tree keeps them beside the programs and the
// install puts them in libexec.
#pragma once

#include <string>
#include <string_view>

namespace longjing::cli {

// The path of helper program `name`: beside this program (the build tree), else in the
// libexec folder the install puts it in, relative to this program's folder; "" when neither
// holds an executable of that name.
std::string helper_program(std::string_view name);

}  // namespace longjing::cli
