// Internal: what the Highlighter's tests look at besides its output. Not part of the API.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "longjing/highlighter.h"

namespace longjing {

struct HighlighterInternals {
  // Makes `h` analyze whole texts instead of the windows its pre-scan finds. Both give
  // the same output; the tests compare them.
  static void analyze_whole_texts(Highlighter& h) { h.whole_text_ = true; }

  // The byte ranges of `text` that `h` analyzes from (sorted, disjoint; a window grows
  // while analyzed if a phrase may run past its end): empty when no match can occur,
  // {{0, size}} when the pre-scan cannot be sure.
  static std::vector<std::pair<std::size_t, std::size_t>> scan_windows(const Highlighter& h,
                                                                       std::string_view text) {
    return h.scan_windows(text);
  }
};

}  // namespace longjing
