// Fuzz target: arbitrary bytes as text through normalize_for_matching and
// Analyzer::analyze (with and without stems). Contract checked on every input, besides
// "no crash, no sanitizer report":
//  - normalize_for_matching: origin has text.size()+1 entries, is monotone (never
//    decreasing), ends at the original's size, and the text is valid UTF-8;
//  - every token: begin <= end <= size of the original, a non-empty term; tokens come in
//    non-decreasing position order, every position lies in [first_position, returned
//    position);
//  - asking for stems fills Token::stem and changes nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "longjing/analyzer.h"
#include "longjing/normalizer.h"
#include "longjing/utf8.h"

namespace {

using longjing::Token;
using longjing::fuzz::require;

constexpr std::uint32_t kFirstPosition = 7;

std::vector<Token> analyze(const longjing::Analyzer& analyzer, std::string_view text, bool stems) {
  longjing::AnalyzeOptions options;
  options.stems = stems;
  std::vector<Token> tokens;
  const std::uint32_t next = analyzer.analyze(text, kFirstPosition, options,
                                              [&tokens](const Token& t) { tokens.push_back(t); });
  require(next >= kFirstPosition, "analyze returned a position before the first", text);
  std::uint32_t last = kFirstPosition;
  for (const Token& t : tokens) {
    require(t.begin <= t.end, "token begin > end", text);
    require(t.end <= text.size(), "token end past the text", text);
    require(!t.term.empty(), "empty term", text);
    require(t.position >= kFirstPosition && t.position < next, "position out of range", text);
    require(stems || t.stem.empty(), "a stem without asking", text);
    require(t.position >= last, "positions not in order", text);
    last = t.position;
  }
  return tokens;
}

bool same_token_but_stem(const Token& a, const Token& b) {
  return a.kind == b.kind && a.positional == b.positional && a.alternative == b.alternative &&
         a.position == b.position && a.term == b.term && a.begin == b.begin && a.end == b.end;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const longjing::NormalizedText normalized = longjing::normalize_for_matching(text);
  require(normalized.origin.size() == normalized.text.size() + 1, "origin size", text);
  require(normalized.origin.back() == text.size(), "origin does not end at the size", text);
  for (std::size_t i = 1; i < normalized.origin.size(); ++i) {
    require(normalized.origin[i - 1] <= normalized.origin[i], "origin not monotone", text);
  }
  require(longjing::is_valid_utf8(normalized.text), "normalized text not UTF-8", text);
  require(longjing::normalize_string(text) == normalized.text,
          "normalize_string differs from normalize_for_matching", text);

  static const longjing::Analyzer analyzer;  // reused, as an indexing thread reuses its own
  const std::vector<Token> plain = analyze(analyzer, text, false);
  const std::vector<Token> stemmed = analyze(analyzer, text, true);
  require(plain.size() == stemmed.size(), "stems changed the number of tokens", text);
  for (std::size_t k = 0; k < plain.size(); ++k) {
    require(same_token_but_stem(plain[k], stemmed[k]), "stems changed a token", text);
  }
  return 0;
}
