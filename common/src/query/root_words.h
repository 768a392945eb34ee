// The words of the indexed roots, which documents hold through one root term each
// (schema.h, XR) instead of repeating them: path: reads a root's word as its root term.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "longjing/analyzer.h"
#include "longjing/schema.h"

namespace longjing::query {

class RootWords {
 public:
  RootWords() = default;
  // `root_paths`: root term → the root's path (schema::kRootTermKey). Each path is cut into
  // words as the indexer cuts a path (unstemmed Analyzer terms).
  RootWords(const schema::RootsByTerm& root_paths, const Analyzer& analyzer);

  // The root terms of the roots whose path holds the path word `word` (unprefixed, as
  // indexed), or with `prefix` a word that begins with it; sorted, each once.
  std::vector<std::string> terms_for(std::string_view word, bool prefix) const;

  bool empty() const { return roots_.empty(); }

 private:
  std::vector<std::pair<std::string, std::set<std::string>>> roots_;  // term, its words
};

}  // namespace longjing::query
