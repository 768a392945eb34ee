#include "query_rewrite.h"

#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/normalizer.h"
#include "longjing/schema.h"

namespace longjing {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The field name of "title:foo" ("title"), or "" when the word has no field.
std::string_view field_name(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size() && ((word[i] >= 'a' && word[i] <= 'z') || word[i] == '_')) ++i;
  return i > 0 && i < word.size() && word[i] == ':' ? word.substr(0, i) : std::string_view();
}

std::string hex_encode(std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
  return out;
}

std::optional<std::string> hex_decode(std::string_view s) {
  if (s.size() % 2 != 0) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size() / 2);
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const int hi = value(s[i]);
    const int lo = value(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// cjk:<hex(flag prefix:normalized text)>, flag 'b' when dictionary words should boost.
std::string cjk_token(std::string_view prefix, std::string_view chunk, bool boost = true) {
  std::string payload(1, boost ? 'b' : '-');
  payload += prefix;
  payload += ':';
  payload += normalize_string(chunk);
  return std::string(kCjkField) + ":" + hex_encode(payload);
}

// One piece of the query: a run of spaces, a quoted phrase (quotes included) or a word.
struct Piece {
  enum class Kind { kSpace, kQuoted, kWord } kind;
  std::string_view text;
};

std::vector<Piece> split_pieces(std::string_view query) {
  std::vector<Piece> pieces;
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t end = i;
    Piece::Kind kind;
    if (is_space(query[i])) {
      while (end < query.size() && is_space(query[end])) ++end;
      kind = Piece::Kind::kSpace;
    } else if (query[i] == '"') {
      end = query.find('"', i + 1);
      end = end == std::string_view::npos ? query.size() : end + 1;
      kind = Piece::Kind::kQuoted;
    } else {
      while (end < query.size() && !is_space(query[end]) && query[end] != '"') ++end;
      kind = Piece::Kind::kWord;
    }
    pieces.push_back({kind, query.substr(i, end - i)});
    i = end;
  }
  return pieces;
}

// A word that may take part in an alias: no operator, field, +/- or parentheses.
bool is_plain_word(const Piece& p) {
  if (p.kind != Piece::Kind::kWord || is_query_operator(p.text) || !field_name(p.text).empty()) {
    return false;
  }
  return p.text.find_first_of("+-()*") != 0 && p.text.back() != ')' && p.text.back() != '*';
}

class Rewriter {
 public:
  Rewriter(const AliasTable* aliases,
           std::optional<std::string> (*field_prefix_of)(std::string_view))
      : aliases_(aliases), field_prefix_of_(field_prefix_of) {}

  RewrittenQuery run(std::string_view query) {
    query_ = query;
    const std::vector<Piece> pieces = split_pieces(query);
    for (std::size_t i = 0; i < pieces.size();) {
      // Pieces that touch (a word right before or after a quote) are written apart: glued
      // together, two rewritten tokens would read as one ("cjk:<hex>cjk:<hex>"), which
      // crashes Xapian 1.4.22's QueryParser.
      if (i > 0 && pieces[i].kind != Piece::Kind::kSpace &&
          pieces[i - 1].kind != Piece::Kind::kSpace && !out_.text.empty() &&
          out_.text.back() != ' ') {
        out_.text += ' ';
      }
      const std::size_t used = try_alias(pieces, i);
      if (used > 0) {
        i += used;
        continue;
      }
      const Piece& p = pieces[i];
      if (p.kind == Piece::Kind::kSpace) {
        out_.text += p.text;
      } else if (p.kind == Piece::Kind::kQuoted) {
        quoted(p.text, "");
      } else if (p.text.back() == ':' && i + 1 < pieces.size() &&
                 pieces[i + 1].kind == Piece::Kind::kQuoted) {
        field_then_quoted(p.text, pieces[i + 1].text);
        ++i;
      } else {
        word(p.text);
      }
      ++i;
    }
    defuse_internal_field(out_.text);
    return std::move(out_);
  }

  // Last guard: a word that QueryParser would read as our cjk: field but that is not one
  // of our tokens (cjk:<lowercase hex>) becomes plain text. Such words crash Xapian
  // 1.4.22's QueryParser when they hold a second colon ("cJk::\"" folds to one).
  static void defuse_internal_field(std::string& text) {
    const std::string field = std::string(kCjkField) + ":";
    for (std::size_t at = text.find(field); at != std::string::npos;
         at = text.find(field, at + 1)) {
      std::size_t start = at;
      while (start > 0 &&
             (text[start - 1] == '+' || text[start - 1] == '-' || text[start - 1] == '(')) {
        --start;
      }
      if (start > 0 && !is_space(text[start - 1])) continue;  // not where QueryParser reads a field
      std::size_t end = at + field.size();
      while (end < text.size() &&
             ((text[end] >= '0' && text[end] <= '9') || (text[end] >= 'a' && text[end] <= 'f'))) {
        ++end;
      }
      const bool ours = end > at + field.size() &&
                        (end == text.size() || is_space(text[end]) || text[end] == ')');
      if (!ours) text[at + field.size() - 1] = ' ';
    }
  }

 private:
  // Expands the longest alias name starting at pieces[i]; returns the pieces consumed.
  std::size_t try_alias(const std::vector<Piece>& pieces, std::size_t i) {
    if (aliases_ == nullptr || aliases_->empty() || !is_plain_word(pieces[i])) return 0;
    // Candidate word sequences: plain words separated by single spaces.
    std::vector<std::size_t> ends;  // piece index after each candidate's last word
    for (std::size_t j = i, words = 0; j < pieces.size() && words < aliases_->max_words();) {
      if (!is_plain_word(pieces[j])) break;
      ++words;
      ends.push_back(j + 1);
      if (j + 2 >= pieces.size() || pieces[j + 1].kind != Piece::Kind::kSpace) break;
      j += 2;
    }
    // NEAR and ADJ take terms only: a group beside them would not parse.
    auto is_proximity = [&](std::size_t j) {
      return j < pieces.size() && pieces[j].kind == Piece::Kind::kWord &&
             (pieces[j].text.rfind("NEAR", 0) == 0 || pieces[j].text.rfind("ADJ", 0) == 0);
    };
    if (i >= 2 && is_proximity(i - 2)) return 0;
    for (std::size_t k = ends.size(); k-- > 0;) {
      if (is_proximity(ends[k] + 1)) continue;
      std::string candidate;
      for (std::size_t j = i; j < ends[k]; ++j) candidate += pieces[j].text;
      // Chinese is matched exactly as typed (DESIGN.md §2): only names written in other
      // scripts expand, so 宇树 keeps its exact-substring precision.
      if (contains_cjk(candidate)) continue;
      const std::vector<std::string>* group = aliases_->group_of(candidate);
      if (group == nullptr) continue;
      out_.text += '(';
      for (std::size_t n = 0; n < group->size(); ++n) {
        if (n > 0) out_.text += " OR ";
        alternative((*group)[n]);
      }
      out_.text += ')';
      out_.aliases.push_back({candidate, *group});
      return ends[k] - i;
    }
    return 0;
  }

  void alternative(std::string_view name) { out_.text += render_alias_name(name); }

  void quoted(std::string_view piece, std::string_view prefix) {
    const bool closed = piece.size() >= 2 && piece.back() == '"';
    const std::string_view inner = piece.substr(1, piece.size() - (closed ? 2 : 1));
    // Phrases go through the Analyzer, which knows where punctuation breaks them.
    out_.text += cjk_token(prefix, inner);
  }

  void field_then_quoted(std::string_view field_word, std::string_view quoted_piece) {
    std::size_t lead = 0;
    while (lead < field_word.size() && (field_word[lead] == '+' || field_word[lead] == '-')) ++lead;
    out_.text += field_word.substr(0, lead);
    field_word.remove_prefix(lead);
    const std::string_view field = field_word.substr(0, field_word.size() - 1);
    if (field.empty() || field == kCjkField || field_name(field_word) != field) {
      // Not one of our fields ("cjk:", "a:b:", "+title:"): a word, then the phrase.
      word(field_word);
      out_.text += ' ';
      quoted(quoted_piece, "");
      return;
    }
    const auto prefix = field_prefix_of_(field);
    if (prefix) {
      quoted(quoted_piece, *prefix);
      return;
    }
    out_.text += field_word;
    out_.text += normalize_string(quoted_piece);
  }

  // One unquoted word, with its +/-/( and ) kept around the rewritten core.
  void word(std::string_view word) {
    std::size_t lead = 0;
    while (lead < word.size() && (word[lead] == '+' || word[lead] == '-' || word[lead] == '(')) {
      ++lead;
    }
    std::size_t trail = word.size();
    while (trail > lead && word[trail - 1] == ')') --trail;
    out_.text += word.substr(0, lead);
    std::string_view core = word.substr(lead, trail - lead);
    std::string_view field = field_name(core);
    std::string unfielded;
    if (field == kCjkField) {
      // The user's own "cjk:..." is text, never our internal field (whose words must hold
      // exactly one colon, or QueryParser crashes).
      unfielded = std::string(core);
      for (char& c : unfielded) c = c == ':' ? ' ' : c;
      out_.text += normalize_string(unfielded);
      out_.text += word.substr(trail);
      return;
    }
    if (is_query_operator(core)) {
      out_.text += core;
    } else if (field == "date") {
      check_date_range(core.substr(field.size() + 1));
      out_.text += core;
    } else if (const std::string_view text = core.substr(field.empty() ? 0 : field.size() + 1);
               contains_cjk(core) || spans_punctuation(text) || in_literal_field(field, text)) {
      const auto prefix = field.empty() ? std::optional<std::string>("") : field_prefix_of_(field);
      if (prefix) {
        out_.text += cjk_token(*prefix, text);
      } else {
        out_.text += normalize_string(core);
      }
    } else if (!field.empty()) {
      out_.text += core.substr(0, field.size() + 1);
      out_.text += normalize_string(core.substr(field.size() + 1));
    } else {
      out_.text += normalize_string(core);
    }
    out_.text += word.substr(trail);
  }

  // A date: range is START..END, either end may be empty, each YYYY-MM-DD.
  void check_date_range(std::string_view range) {
    const std::size_t dots = range.find("..");
    auto bad = [&](const std::string& what) {
      throw QueryError("cannot read query " + quote_for_message(query_) +
                       ": date:" + std::string(range) + " " + what);
    };
    if (dots == std::string_view::npos)
      bad("is not a range: write date:START..END (YYYY-MM-DD, either end may be left out)");
    for (std::string_view end : {range.substr(0, dots), range.substr(dots + 2)}) {
      if (!end.empty() && schema::compact_date(end).empty()) {
        bad("holds '" + std::string(end) + "', which is not a valid YYYY-MM-DD date");
      }
    }
  }

  std::string_view query_;
  // True for a word Xapian would read as a phrase across punctuation ("a.b", e-mail
  // addresses, URLs): it must be a phrase with the Analyzer's gaps. Wildcards stay words.
  bool spans_punctuation(std::string_view word) const {
    if (word.find('*') != std::string_view::npos) return false;
    std::uint32_t last = 0;
    std::size_t count = 0;
    bool gap = false;
    analyzer_.analyze(word, 1, AnalyzeOptions{false, false}, [&](const Token& t) {
      if (t.alternative) return;
      gap = gap || (count > 0 && t.position > last + 1);
      last = t.position;
      ++count;
    });
    return gap;
  }

  // True for a word (not a wildcard) of a field whose words are indexed as they are, with
  // neither positions nor stems (path:, source:): QueryParser would stem it and make
  // phrases of "song-ci", so it goes to the Analyzer as a chunk, which ANDs the words.
  bool in_literal_field(std::string_view field, std::string_view word) const {
    if (field.empty() || word.find('*') != std::string_view::npos) return false;
    const auto prefix = field_prefix_of_(field);
    return prefix && !schema::field_has_positions(*prefix);
  }

  Analyzer analyzer_;
  const AliasTable* aliases_;
  std::optional<std::string> (*field_prefix_of_)(std::string_view);
  RewrittenQuery out_;
};

}  // namespace

bool is_query_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
         word == "ADJ" || word.rfind("NEAR/", 0) == 0 || word.rfind("ADJ/", 0) == 0;
}

std::string render_alias_name(std::string_view name) {
  // An alias adds recall; the dictionary-word boost is for what the user typed.
  if (contains_cjk(name) || name.find_first_of(" \t:-'.&") != std::string_view::npos) {
    return cjk_token("", name, false);  // a phrase, with the Analyzer's gaps
  }
  return normalize_string(name);
}

RewrittenQuery rewrite_for_parser(std::string_view query, const AliasTable* aliases,
                                  std::optional<std::string> (*field_prefix_of)(std::string_view)) {
  return Rewriter(aliases, field_prefix_of).run(query);
}

std::optional<CjkChunk> decode_cjk_payload(std::string_view payload) {
  const auto decoded = hex_decode(payload);
  if (!decoded || decoded->empty() || (decoded->front() != 'b' && decoded->front() != '-')) {
    return std::nullopt;
  }
  const std::size_t colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return CjkChunk{decoded->front() == 'b', decoded->substr(1, colon - 1),
                  decoded->substr(colon + 1)};
}

}  // namespace longjing
