// The query grammar (docs/query-syntax.md), by recursive descent over lexemes:
//
//   query   := or
//   or      := xor ("OR" xor)*
//   xor     := and ("XOR" and)*
//   and     := unary (["AND"] unary | "NOT" unary)*
//   unary   := ["+" | "-" | "NOT"] near
//   near    := primary (("NEAR" | "NEAR/n" | "ADJ" | "ADJ/n") primary)*
//   primary := "(" or [")"] | [FIELD ":"] (WORD | WILDCARD | PHRASE) | "lang:" TAG | "date:" DATES
#include "query/parse_query.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/schema.h"

namespace longjing::query {

std::string_view field_name(Field field) {
  switch (field) {
    case Field::kText:
      return "";
    case Field::kTitle:
      return "title";
    case Field::kSource:
      return "source";
    case Field::kTag:
      return "tag";
    case Field::kPath:
      return "path";
  }
  return "";
}

Node leaf(Node::Kind kind, std::string text, Field field) {
  Node node;
  node.kind = kind;
  node.text = std::move(text);
  node.field = field;
  return node;
}

Node branch(Node::Kind kind, std::vector<Node> children, unsigned window) {
  Node node;
  node.kind = kind;
  node.children = std::move(children);
  node.window = window;
  return node;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// One lexeme of the query text.
struct Lexeme {
  enum class Type { kWord, kPhrase, kOpen, kClose, kAnd, kOr, kXor, kNot, kNear, kAdjacent } type;
  std::string text;        // kWord, kPhrase: as typed (a kWord may end with '*')
  std::string field;       // "title" for title:word and title:"phrase"; "" for none
  char sign = 0;           // '+' or '-' before a word, phrase or "("
  unsigned distance = 10;  // kNear, kAdjacent: NEAR/n
};

// The fields a user can name; any other "name:" is part of the word.
bool is_known_field(std::string_view name) {
  return name == "title" || name == "source" || name == "tag" || name == "path" || name == "lang" ||
         name == "date";
}

// NEAR, NEAR/n, ADJ, ADJ/n: the lexeme, or nullopt.
std::optional<Lexeme> proximity(std::string_view word) {
  for (const auto& [name, type] : {std::pair{std::string_view("NEAR"), Lexeme::Type::kNear},
                                   std::pair{std::string_view("ADJ"), Lexeme::Type::kAdjacent}}) {
    if (word.substr(0, name.size()) != name) continue;
    std::string_view rest = word.substr(name.size());
    if (rest.empty()) return Lexeme{type, {}, {}, 0, 10};
    if (rest.front() != '/' || rest.size() < 2 || rest.size() > 4) return std::nullopt;
    unsigned n = 0;
    for (const char c : rest.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return Lexeme{type, {}, {}, 0, std::max(1u, n)};
  }
  return std::nullopt;
}

std::vector<Lexeme> lex(std::string_view text) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    if (text[i] == ')') {
      out.push_back({Lexeme::Type::kClose, {}, {}});
      ++i;
      continue;
    }
    char sign = 0;
    // A sign marks what follows it: a word, a phrase or "(" (a lone "-" is a word).
    if ((text[i] == '+' || text[i] == '-') && i + 1 < text.size() && !is_space(text[i + 1]) &&
        text[i + 1] != ')') {
      sign = text[i++];
    }
    if (text[i] == '(') {
      out.push_back({Lexeme::Type::kOpen, {}, {}, sign});
      ++i;
      continue;
    }
    // A field name glued to what follows: title:word, title:"phrase".
    std::string field;
    std::size_t name_end = i;
    while (name_end < text.size() &&
           ((text[name_end] >= 'a' && text[name_end] <= 'z') || text[name_end] == '_')) {
      ++name_end;
    }
    if (name_end > i && name_end < text.size() && text[name_end] == ':' &&
        is_known_field(text.substr(i, name_end - i)) && name_end + 1 < text.size() &&
        !is_space(text[name_end + 1]) && text[name_end + 1] != ')') {
      field = std::string(text.substr(i, name_end - i));
      i = name_end + 1;
    }
    if (text[i] == '"') {
      const std::size_t close = text.find('"', i + 1);
      const std::size_t end = close == std::string_view::npos ? text.size() : close;
      out.push_back(
          {Lexeme::Type::kPhrase, std::string(text.substr(i + 1, end - i - 1)), field, sign});
      i = end == text.size() ? end : end + 1;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end]) && text[end] != '"' && text[end] != ')') ++end;
    if (end == i) continue;  // a field name before ")" or a quote: the lexer moves on
    const std::string_view word = text.substr(i, end - i);
    i = end;
    if (sign == 0 && field.empty()) {
      if (word == "AND")
        out.push_back({Lexeme::Type::kAnd, {}, {}});
      else if (word == "OR")
        out.push_back({Lexeme::Type::kOr, {}, {}});
      else if (word == "XOR")
        out.push_back({Lexeme::Type::kXor, {}, {}});
      else if (word == "NOT")
        out.push_back({Lexeme::Type::kNot, {}, {}});
      else if (auto near = proximity(word))
        out.push_back(*near);
      else
        out.push_back({Lexeme::Type::kWord, std::string(word), {}, 0});
      continue;
    }
    out.push_back({Lexeme::Type::kWord, std::string(word), field, sign});
  }
  return out;
}

Field field_of(std::string_view name) {
  if (name == "title") return Field::kTitle;
  if (name == "source") return Field::kSource;
  if (name == "tag") return Field::kTag;
  if (name == "path") return Field::kPath;
  return Field::kText;
}

// The days "YYYY", "YYYY-MM" or "YYYY-MM-DD" covers, as "YYYYMMDD" first and last days;
// nullopt when it names no real year, month or day.
std::optional<std::pair<std::string, std::string>> days_of(std::string_view date) {
  const auto digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (date.size() == 4 && digits(date))
    return std::pair{std::string(date) + "0101", std::string(date) + "1231"};
  if (date.size() == 7 && date[4] == '-' && digits(date.substr(0, 4)) && digits(date.substr(5))) {
    const int month = std::atoi(std::string(date.substr(5)).c_str());
    if (month < 1 || month > 12) return std::nullopt;
    const std::string compact = std::string(date.substr(0, 4)) + std::string(date.substr(5));
    return std::pair{compact + "01", compact + "31"};  // no month has a day after its 31st
  }
  const std::string day = schema::compact_date(date);
  if (day.empty()) return std::nullopt;
  return std::pair{day, day};
}

class Parser {
 public:
  Parser(std::string_view query, std::vector<Lexeme> lexemes)
      : query_(query), lexemes_(std::move(lexemes)) {}

  Node parse() {
    std::vector<Node> parts;
    while (!done()) {
      if (auto node = parse_or()) parts.push_back(std::move(*node));
      if (!done()) ++at_;  // a stray ")" or an operator with no operand: left out
    }
    if (parts.size() == 1) return std::move(parts.front());
    return branch(Node::Kind::kAnd, std::move(parts));
  }

 private:
  bool done() const { return at_ >= lexemes_.size(); }
  bool next_is(Lexeme::Type type) const { return !done() && lexemes_[at_].type == type; }
  bool starts_operand() const {
    return next_is(Lexeme::Type::kWord) || next_is(Lexeme::Type::kPhrase) ||
           next_is(Lexeme::Type::kOpen);
  }

  // A chain of `op` over `operand`s; operators without an operand on either side are left out.
  template <typename Operand>
  std::optional<Node> chain(Lexeme::Type op, Node::Kind kind, Operand operand) {
    std::vector<Node> parts;
    if (auto first = (this->*operand)()) parts.push_back(std::move(*first));
    while (next_is(op)) {
      ++at_;
      if (auto more = (this->*operand)()) parts.push_back(std::move(*more));
    }
    if (parts.empty()) return std::nullopt;
    if (parts.size() == 1) return std::move(parts.front());
    return branch(kind, std::move(parts));
  }

  std::optional<Node> parse_or() {
    return chain(Lexeme::Type::kOr, Node::Kind::kOr, &Parser::parse_xor);
  }
  std::optional<Node> parse_xor() {
    return chain(Lexeme::Type::kXor, Node::Kind::kXor, &Parser::parse_and);
  }

  // Words side by side, AND and NOT: the ones marked "-" or after NOT are left out of the
  // match; when only they are given, every other document matches.
  std::optional<Node> parse_and() {
    std::vector<Node> positive, negative;
    while (!done()) {
      bool negated = false;
      if (next_is(Lexeme::Type::kAnd)) {
        ++at_;
        continue;
      }
      if (next_is(Lexeme::Type::kNot)) {
        ++at_;
        negated = true;
      }
      if (!starts_operand()) {
        if (next_is(Lexeme::Type::kNear) || next_is(Lexeme::Type::kAdjacent)) {
          ++at_;  // NEAR with nothing before it: left out
          continue;
        }
        if (negated) continue;
        break;  // OR, XOR, ")" or the end
      }
      negated = negated || lexemes_[at_].sign == '-';
      auto node = parse_near();
      if (!node) continue;
      (negated ? negative : positive).push_back(std::move(*node));
    }
    if (positive.empty() && negative.empty()) return std::nullopt;
    Node kept = positive.size() == 1 ? std::move(positive.front())
                : positive.empty()   ? Node{}
                                     : branch(Node::Kind::kAnd, std::move(positive));
    if (negative.empty()) return kept;
    Node excluded = negative.size() == 1 ? std::move(negative.front())
                                         : branch(Node::Kind::kOr, std::move(negative));
    std::vector<Node> parts;
    parts.push_back(std::move(kept));
    parts.push_back(std::move(excluded));
    return branch(Node::Kind::kNot, std::move(parts));
  }

  std::optional<Node> parse_near() {
    auto first = parse_primary();
    if (!first) return std::nullopt;
    if (!next_is(Lexeme::Type::kNear) && !next_is(Lexeme::Type::kAdjacent)) return first;
    const Lexeme::Type type = lexemes_[at_].type;
    unsigned distance = lexemes_[at_].distance;
    std::vector<Node> parts;
    parts.push_back(std::move(*first));
    while (next_is(type)) {
      distance = std::max(distance, lexemes_[at_].distance);
      ++at_;
      if (!starts_operand()) break;
      if (auto more = parse_primary()) parts.push_back(std::move(*more));
    }
    if (parts.size() == 1) return std::move(parts.front());
    return branch(type == Lexeme::Type::kNear ? Node::Kind::kNear : Node::Kind::kAdjacent,
                  std::move(parts), distance);
  }

  std::optional<Node> parse_primary() {
    const Lexeme& lexeme = lexemes_[at_++];
    if (lexeme.type == Lexeme::Type::kOpen) {
      // Parentheses nested deeper than kMaxDepth group nothing more: the parser's stack
      // stays bounded whatever the query.
      if (depth_ >= kMaxDepth) {
        while (next_is(Lexeme::Type::kOpen)) ++at_;
        return starts_operand() ? parse_primary() : std::nullopt;
      }
      ++depth_;
      auto inner = parse_or();
      --depth_;
      if (next_is(Lexeme::Type::kClose)) ++at_;
      return inner;
    }
    if (lexeme.field == "lang") return leaf(Node::Kind::kLanguage, lexeme.text);
    if (lexeme.field == "date") return date_range(lexeme.text);
    const Field field = field_of(lexeme.field);
    if (lexeme.type == Lexeme::Type::kPhrase) return leaf(Node::Kind::kPhrase, lexeme.text, field);
    const std::string& word = lexeme.text;
    if (word.size() > 1 && word.back() == '*' && word.find('*') == word.size() - 1) {
      return leaf(Node::Kind::kWildcard, word.substr(0, word.size() - 1), field);
    }
    return leaf(Node::Kind::kWord, word, field);
  }

  // date:DAY, date:MONTH, date:YEAR, date:START..END (either end may be left out).
  Node date_range(const std::string& value) {
    const auto bad = [&](const std::string& what) {
      throw QueryError("cannot read query " + quote_for_message(query_) + ": date:" + value + " " +
                       what);
    };
    Node node = leaf(Node::Kind::kDateRange, {});
    const std::size_t dots = value.find("..");
    if (dots == std::string::npos) {
      const auto days = days_of(value);
      if (!days)
        bad("is no date: write date:2025-02-19, date:2025-02, date:2025 or date:START..END");
      node.from = days->first;
      node.to = days->second;
      return node;
    }
    const std::string start = value.substr(0, dots), end = value.substr(dots + 2);
    for (const std::string* part : {&start, &end}) {
      if (part->empty()) continue;
      const auto days = days_of(*part);
      if (!days)
        bad("holds '" + *part + "', which is not a valid YYYY-MM-DD date (or YYYY-MM, YYYY)");
      (part == &start ? node.from : node.to) = part == &start ? days->first : days->second;
    }
    return node;
  }

  static constexpr int kMaxDepth = 64;

  std::string_view query_;
  std::vector<Lexeme> lexemes_;
  std::size_t at_ = 0;
  int depth_ = 0;
};

// True for a word that may take part in an alias name: no field, sign or wildcard.
bool is_plain_word(const Node& node) {
  return node.kind == Node::Kind::kWord && node.field == Field::kText;
}

class AliasExpander {
 public:
  explicit AliasExpander(const AliasTable& aliases) : aliases_(aliases) {}

  Node expand(Node node) {
    switch (node.kind) {
      case Node::Kind::kWord:
      case Node::Kind::kPhrase:
        if (node.field == Field::kText) {
          if (auto group = group_of(node.text)) return alias(node.text, *group);
        }
        return node;
      case Node::Kind::kNear:
      case Node::Kind::kAdjacent:
        return node;  // their operands are single words
      case Node::Kind::kAnd:
        node.children = expand_runs(std::move(node.children));
        return node;
      default:
        for (Node& child : node.children) child = expand(std::move(child));
        return node;
    }
  }

 private:
  const std::vector<std::string>* group_of(const std::string& name) const {
    // Chinese is matched exactly as typed (docs/query-syntax.md, "Aliases"): only names written in
    // other scripts expand, so 宇树 keeps its exact-substring precision.
    if (contains_cjk(name)) return nullptr;
    return aliases_.group_of(name);
  }

  static Node alias(std::string typed, const std::vector<std::string>& group) {
    Node node = leaf(Node::Kind::kAlias, std::move(typed));
    node.names = group;
    return node;
  }

  // The children of an AND: the longest run of plain words that names a group becomes
  // one alias node ("Game Science"); every other child is expanded on its own.
  std::vector<Node> expand_runs(std::vector<Node> children) {
    std::vector<Node> out;
    for (std::size_t i = 0; i < children.size();) {
      std::size_t used = 0;
      if (is_plain_word(children[i])) {
        std::size_t run = 0;
        while (i + run < children.size() && run < aliases_.max_words() &&
               is_plain_word(children[i + run]))
          ++run;
        for (std::size_t n = run; n >= 2 && used == 0; --n) {
          std::string name;
          for (std::size_t k = 0; k < n; ++k) name += (k > 0 ? " " : "") + children[i + k].text;
          if (const auto* group = group_of(name)) {
            out.push_back(alias(name, *group));
            used = n;
          }
        }
      }
      if (used == 0) {
        out.push_back(expand(std::move(children[i])));
        used = 1;
      }
      i += used;
    }
    return out;
  }

  const AliasTable& aliases_;
};

}  // namespace

Node parse_query(std::string_view text) { return Parser(text, lex(text)).parse(); }

bool is_operator_word(std::string_view word) {
  return word == "AND" || word == "OR" || word == "XOR" || word == "NOT" ||
         proximity(word).has_value();
}

Node expand_aliases(Node tree, const AliasTable& aliases) {
  if (aliases.empty()) return tree;
  return AliasExpander(aliases).expand(std::move(tree));
}

}  // namespace longjing::query
