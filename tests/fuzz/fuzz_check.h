// Shared by the fuzz targets: a failed invariant is a finding, reported with what broke
// and the input's size, then abort() so that libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace longjing::fuzz {

// Aborts with `what` when `ok` is false.
inline void require(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s (input of %zu bytes)\n", what, input.size());
  std::abort();
}

}  // namespace longjing::fuzz
