// Traditional → Simplified folding of single Han characters, from a table generated at
// build time (common/tools/make_script_fold_table.cc).
#include <algorithm>
#include <array>
#include <iterator>

#include "longjing/script.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

struct Fold {
  char32_t from;
  char32_t to;
};

constexpr Fold kFolds[] = {
#include "script_fold_table.inc"
};

// The characters some other character folds to (the Simplified forms), sorted.
constexpr auto kFoldTargets = [] {
  std::array<char32_t, std::size(kFolds)> targets{};
  for (std::size_t i = 0; i < targets.size(); ++i) targets[i] = kFolds[i].to;
  std::sort(targets.begin(), targets.end());
  return targets;
}();

}  // namespace

char32_t fold_script(char32_t cp) {
  if (cp < 0x3400) return cp;
  const auto* it = std::lower_bound(std::begin(kFolds), std::end(kFolds), cp,
                                    [](const Fold& f, char32_t c) { return f.from < c; });
  return it != std::end(kFolds) && it->from == cp ? it->to : cp;
}

std::string typed_script(std::string_view text) {
  bool simplified = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (fold_script(cp) != cp) return "zh-Hant";
    simplified =
        simplified || std::binary_search(std::begin(kFoldTargets), std::end(kFoldTargets), cp);
  }
  return simplified ? "zh-Hans" : "";
}

}  // namespace longjing
