#include "longjing/program_names.h"

#include <algorithm>

namespace longjing {

ProgramNames program_names(std::string_view argv0, std::string_view program) {
  ProgramNames names;
  const std::size_t slash = argv0.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
  if (base.empty()) return names;
  const bool is_indexer = program == "indexer";
  std::string& self = is_indexer ? names.indexer : names.searcher;
  std::string& other = is_indexer ? names.searcher : names.indexer;
  const std::string_view other_name = is_indexer ? "searcher" : "indexer";
  self = std::string(base);
  if (base.size() >= program.size() && base.substr(base.size() - program.size()) == program) {
    other = std::string(base.substr(0, base.size() - program.size())) + std::string(other_name);
  }
  return names;
}

std::string with_program_names(std::string_view text, const ProgramNames& names) {
  constexpr std::string_view kIndexer = "{indexer}";
  constexpr std::string_view kSearcher = "{searcher}";
  std::string out;
  out.reserve(text.size());
  // Copied a run at a time up to the next '{': the searcher's help text, built on every
  // run, is kilobytes long (a byte at a time, 1 % of a whole `searcher kernel`).
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t brace = std::min(text.find('{', i), text.size());
    out.append(text.substr(i, brace - i));
    i = brace;
    if (i == text.size()) break;
    if (text.substr(i, kIndexer.size()) == kIndexer) {
      out += names.indexer;
      i += kIndexer.size();
    } else if (text.substr(i, kSearcher.size()) == kSearcher) {
      out += names.searcher;
      i += kSearcher.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace longjing
