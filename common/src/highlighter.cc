#include "longjing/highlighter.h"

#include <algorithm>
#include <set>

#include "longjing/analyzer.h"
#include "longjing/schema.h"
#include "longjing/script.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

constexpr std::string_view kEllipsis = "…";

// The analyzer's view of one position: the terms starting there and their ranges.
struct PositionTerm {
  std::string term;
  std::string stem;
  std::size_t begin;
  std::size_t end;
};

bool term_matches(const std::string& pattern_term, const PositionTerm& t) {
  if (pattern_term.size() > 1 && pattern_term[0] == schema::kStemPrefix[0] &&
      !(pattern_term[1] >= 'A' && pattern_term[1] <= 'Z')) {
    return !t.stem.empty() && pattern_term.compare(1, std::string::npos, t.stem) == 0;
  }
  return pattern_term == t.term;
}

bool is_word_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  const char32_t cp = next_code_point(text, i);
  return is_word_char(cp) && !is_cjk(cp);
}

// Moves `i` (a code point start) forward out of the middle of a word.
std::size_t word_start_at_or_after(std::string_view text, std::size_t i) {
  if (i == 0) return 0;
  while (i < text.size() && is_word_at(text, i) &&
         is_word_at(text, floor_to_code_point(text, i - 1))) {
    next_code_point(text, i);
  }
  return i;
}

// Moves `i` (a code point start) backward out of the middle of a word.
std::size_t word_end_at_or_before(std::string_view text, std::size_t i, std::size_t floor) {
  while (i > floor && i < text.size() && is_word_at(text, i) &&
         is_word_at(text, floor_to_code_point(text, i - 1))) {
    i = floor_to_code_point(text, i - 1);
  }
  return i;
}

// Columns a character takes on a terminal: two for CJK and full-width forms.
std::size_t width_of(char32_t cp) {
  const bool wide = is_cjk(cp) || (cp >= 0x1100 && cp <= 0x115F) ||
                    (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
  return wide ? 2 : 1;
}

// Advances `i` by at most `width` columns (or to the end).
std::size_t advance_width(std::string_view text, std::size_t i, std::size_t width) {
  while (i < text.size()) {
    std::size_t j = i;
    const std::size_t w = width_of(next_code_point(text, j));
    if (w > width) break;
    width -= w;
    i = j;
  }
  return i;
}

// Moves `i` back by at most `width` columns (or to `floor`).
std::size_t retreat_width(std::string_view text, std::size_t i, std::size_t width,
                          std::size_t floor) {
  while (i > floor) {
    const std::size_t j = floor_to_code_point(text, i - 1);
    std::size_t k = j;
    const std::size_t w = width_of(next_code_point(text, k));
    if (w > width) break;
    width -= w;
    i = j;
  }
  return i;
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Copies text[begin, end) into a snippet, collapsing whitespace runs to one space, and
// carries the matches inside over as spans (merging touching ones).
Snippet make_snippet(std::string_view text, std::size_t begin, std::size_t end,
                     const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  Snippet s;
  std::vector<std::size_t> out_offset(end - begin + 1);
  bool in_space = false;
  for (std::size_t i = begin; i < end; ++i) {
    out_offset[i - begin] = s.text.size();
    if (is_space_byte(text[i])) {
      if (!in_space && !s.text.empty()) s.text += ' ';
      in_space = true;
    } else {
      s.text += text[i];
      in_space = false;
    }
  }
  out_offset[end - begin] = s.text.size();
  while (!s.text.empty() && s.text.back() == ' ') s.text.pop_back();
  for (const auto& [b, e] : ranges) {
    if (e <= begin || b >= end) continue;
    const std::size_t sb = out_offset[std::max(b, begin) - begin];
    const std::size_t se = std::min(out_offset[std::min(e, end) - begin], s.text.size());
    if (se <= sb) continue;
    if (!s.spans.empty() && sb <= s.spans.back().end) {
      s.spans.back().end = std::max(s.spans.back().end, se);
    } else {
      s.spans.push_back({sb, se});
    }
  }
  return s;
}

// Match ranges sorted by start, overlapping ones merged.
std::vector<std::pair<std::size_t, std::size_t>> merged_ranges(
    std::vector<std::pair<std::size_t, std::size_t>> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& r : ranges) {
    if (!out.empty() && r.first <= out.back().second) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace

Highlighter::Highlighter(const Analyzer& analyzer, std::vector<HighlightPattern> patterns)
    : analyzer_(analyzer), patterns_(std::move(patterns)) {
  for (const HighlightPattern& p : patterns_) {
    for (const std::string& term : p.terms) {
      const bool stem = term.size() > 1 && term[0] == schema::kStemPrefix[0] &&
                        !(term[1] >= 'A' && term[1] <= 'Z');
      (stem ? wanted_stems_ : wanted_terms_).insert(stem ? term.substr(1) : term);
      if (stem) wanted_stem_heads_.insert(term.substr(1, kStemHeadBytes));
    }
  }
}

std::vector<Highlighter::Match> Highlighter::find_matches(std::string_view text) const {
  std::vector<Match> matches;
  if (patterns_.empty() || text.empty()) return matches;
  // Keep only the tokens some pattern can use; they arrive in position order.
  // Stemming every word is the costliest step: stem only words that share their first
  // bytes with a wanted stem (an English stem keeps the start of its word).
  std::vector<std::pair<std::uint32_t, PositionTerm>> kept;
  AnalyzeOptions options;
  options.stems = false;
  analyzer_.analyze(text, 1, options, [&](const Token& t) {
    std::string stem;
    if (t.kind == Token::Kind::kWord && !wanted_stems_.empty() &&
        wanted_stem_heads_.count(t.term.substr(0, kStemHeadBytes)) != 0) {
      stem = analyzer_.stem(t.term);
    }
    if (wanted_terms_.count(t.term) != 0 || (!stem.empty() && wanted_stems_.count(stem) != 0)) {
      kept.push_back({t.position, {t.term, std::move(stem), t.begin, t.end}});
    }
  });
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::uint32_t position = kept[i].first;
    for (std::size_t p = 0; p < patterns_.size(); ++p) {
      const auto& pattern = patterns_[p].terms;
      if (!term_matches(pattern[0], kept[i].second)) continue;
      std::size_t end = kept[i].second.end;
      std::size_t j = i;
      bool ok = true;
      for (std::size_t k = 1; k < pattern.size() && ok; ++k) {
        const std::uint32_t want =
            position + (patterns_[p].offsets.empty() ? static_cast<std::uint32_t>(k)
                                                     : patterns_[p].offsets[k]);
        while (j < kept.size() && kept[j].first < want) ++j;
        ok = false;
        for (std::size_t m = j; m < kept.size() && kept[m].first == want; ++m) {
          if (term_matches(pattern[k], kept[m].second)) {
            end = std::max(end, kept[m].second.end);
            ok = true;
            break;
          }
        }
      }
      if (ok) matches.push_back({kept[i].second.begin, end, p});
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.begin < b.begin; });
  return matches;
}

Snippet Highlighter::highlight(std::string_view text, std::vector<std::size_t>* matched) const {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const Match& m : find_matches(text)) {
    ranges.emplace_back(m.begin, m.end);
    if (matched != nullptr) matched->push_back(m.pattern);
  }
  return make_snippet(text, 0, text.size(), merged_ranges(std::move(ranges)));
}

Passages Highlighter::best_passages(std::string_view text, std::size_t max_width,
                                    std::size_t count) const {
  Passages result;
  const std::vector<Match> matches = find_matches(text);
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::set<std::size_t> matched;
  for (const Match& m : matches) {
    ranges.emplace_back(m.begin, m.end);
    matched.insert(m.pattern);
  }
  result.matched_patterns.assign(matched.begin(), matched.end());
  ranges = merged_ranges(std::move(ranges));

  // Score the window starting at each match: the weight of the distinct patterns it holds,
  // plus a little for repeats.
  struct Window {
    double score;
    std::size_t first_match;
    std::size_t limit;  // byte offset the window may reach
  };
  std::vector<Window> windows;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const std::size_t limit = advance_width(text, matches[i].begin, max_width);
    std::set<std::size_t> distinct;
    double score = 0;
    for (std::size_t j = i; j < matches.size() && matches[j].end <= limit; ++j) {
      score += distinct.insert(matches[j].pattern).second ? patterns_[matches[j].pattern].weight : 0.01;
    }
    windows.push_back({score, i, limit});
  }
  std::stable_sort(windows.begin(), windows.end(),
                   [](const Window& a, const Window& b) { return a.score > b.score; });

  std::vector<std::pair<std::size_t, std::size_t>> taken;  // byte ranges already shown
  auto overlaps = [&taken](std::size_t b, std::size_t e) {
    return std::any_of(taken.begin(), taken.end(),
                       [&](const auto& t) { return b < t.second && t.first < e; });
  };
  auto cut = [&](std::size_t begin) {
    std::size_t end = advance_width(text, begin, max_width);
    if (end < text.size()) end = word_end_at_or_before(text, end, begin);
    if (end == begin) end = advance_width(text, begin, max_width);  // one giant word
    return end;
  };
  for (const Window& w : windows) {
    if (taken.size() >= count) break;
    const Match& m = matches[w.first_match];
    // Lead in with some context before the first match, a quarter of the width at most.
    std::size_t begin = retreat_width(text, m.begin, max_width / 4, 0);
    begin = word_start_at_or_after(text, begin);
    const std::size_t end = cut(begin);
    if (overlaps(begin, end)) continue;
    taken.emplace_back(begin, end);
  }
  if (taken.empty()) taken.emplace_back(0, cut(0));
  // Show passages in text order, as a reader meets them.
  std::sort(taken.begin(), taken.end());
  for (const auto& [begin, end] : taken) {
    Snippet s = make_snippet(text, begin, end, ranges);
    if (begin > 0 && !s.text.empty()) {
      s.text.insert(0, kEllipsis);
      for (Span& span : s.spans) span.begin += kEllipsis.size(), span.end += kEllipsis.size();
    }
    if (end < text.size()) s.text += kEllipsis;
    result.snippets.push_back(std::move(s));
  }
  return result;
}

Snippet Highlighter::best_passage(std::string_view text, std::size_t max_width) const {
  Passages p = best_passages(text, max_width, 1);
  return p.snippets.empty() ? Snippet{} : std::move(p.snippets.front());
}

}  // namespace longjing
