#include "query/root_words.h"

namespace longjing::query {

RootWords::RootWords(const schema::RootsByTerm& root_paths, const Analyzer& analyzer) {
  AnalyzeOptions options;
  options.stems = false;  // path words match as they are (document_mapping.cc)
  for (const auto& [term, path] : root_paths) {
    std::set<std::string> words;
    analyzer.analyze(path, 1, options, [&](const Token& token) {
      if (token.indexed) words.insert(token.term);
    });
    roots_.emplace_back(term, std::move(words));
  }
}

std::vector<std::string> RootWords::terms_for(std::string_view word, bool prefix) const {
  std::vector<std::string> out;
  for (const auto& [term, words] : roots_) {
    const auto at = words.lower_bound(std::string(word));
    const bool holds =
        at != words.end() && (prefix ? at->compare(0, word.size(), word) == 0 : *at == word);
    if (holds) out.push_back(term);  // roots_ is in term order, each term once
  }
  return out;
}

}  // namespace longjing::query
