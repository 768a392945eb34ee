#include "helper_program.h"

#include <unistd.h>

#include <filesystem>

namespace longjing::cli {

std::string helper_program(std::string_view name) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (const std::filesystem::path& candidate :
       {self.parent_path() / name, self.parent_path() / LONGJING_HELPERS_FROM_BIN / name}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal().string();
  }
  return "";
}

}  // namespace longjing::cli
