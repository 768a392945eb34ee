// Traditional → Simplified folding of single Han characters, from a table generated at
// build time (common/tools/make_script_fold_table.cc).
#include <algorithm>
#include <iterator>

#include "longjing/script.h"

namespace longjing {
namespace {

struct Fold {
  char32_t from;
  char32_t to;
};

constexpr Fold kFolds[] = {
#include "script_fold_table.inc"
};

}  // namespace

char32_t fold_script(char32_t cp) {
  if (cp < 0x3400) return cp;
  const auto* it = std::lower_bound(std::begin(kFolds), std::end(kFolds), cp,
                                    [](const Fold& f, char32_t c) { return f.from < c; });
  return it != std::end(kFolds) && it->from == cp ? it->to : cp;
}

}  // namespace longjing
