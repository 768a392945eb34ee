#include "longjing/query_builder.h"

#include <xapian.h>

#include <map>

#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/normalizer.h"
#include "longjing/schema.h"
#include "query_internal.h"

namespace longjing {
namespace {

// The internal field CJK chunks are rewritten to; its processor runs the Analyzer. The
// chunk travels hex-encoded, so that QueryParser reads it as one opaque word whatever it
// holds (spaces of a quoted phrase, parentheses, operators' characters): Xapian 1.4 does
// not hand quoted text to field processors.
constexpr std::string_view kCjkField = "cjk";

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

// Inverse of hex_encode; nullopt for anything hex_encode cannot have produced.
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

// The rewritten form of a CJK chunk: cjk:<hex of its normalized text>.
std::string cjk_token(std::string_view chunk) {
  return std::string(kCjkField) + ":" + hex_encode(normalize_string(chunk));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
         word == "ADJ" || word.rfind("NEAR/", 0) == 0 || word.rfind("ADJ/", 0) == 0;
}

// "title:" of "title:foo", or "" when the word has no field prefix.
std::string_view field_prefix(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size() && ((word[i] >= 'a' && word[i] <= 'z') || word[i] == '_')) ++i;
  return i > 0 && i < word.size() && word[i] == ':' ? word.substr(0, i + 1) : std::string_view();
}

// One unquoted word of the query, with its +/-/( and ) kept around the rewritten core.
void rewrite_word(std::string_view word, std::string& out) {
  std::size_t lead = 0;
  while (lead < word.size() && (word[lead] == '+' || word[lead] == '-' || word[lead] == '(')) ++lead;
  std::size_t trail = word.size();
  while (trail > lead && word[trail - 1] == ')') --trail;
  out.append(word.substr(0, lead));
  const std::string_view core = word.substr(lead, trail - lead);
  if (is_operator(core)) {
    out.append(core);
  } else if (contains_cjk(core) && field_prefix(core).empty()) {
    out.append(cjk_token(core));
  } else {
    const std::string_view field = field_prefix(core);
    out.append(field).append(normalize_string(core.substr(field.size())));
  }
  out.append(word.substr(trail));
}

// Builds the phrase for a CJK chunk (see the header comment); nullopt if it has no term.
std::optional<Xapian::Query> cjk_phrase(const Analyzer& analyzer, std::string_view chunk) {
  AnalyzeOptions options;
  options.stems = false;
  options.dictionary_words = true;
  std::map<std::uint32_t, std::vector<Token>> by_position;
  std::vector<std::string> dictionary_words;
  analyzer.analyze(chunk, 1, options, [&](const Token& t) {
    if (t.kind == Token::Kind::kCjkWord) {
      dictionary_words.push_back(std::string(schema::kDictionaryWordPrefix) + t.term);
    } else {
      by_position[t.position].push_back(t);
    }
  });
  if (by_position.empty()) return std::nullopt;
  const std::uint32_t last_position = by_position.rbegin()->first;
  std::vector<std::string> sequence;
  for (const auto& [position, tokens] : by_position) {
    const Token* word = nullptr;
    const Token* bigram = nullptr;
    const Token* unigram = nullptr;
    for (const Token& t : tokens) {
      if (t.kind == Token::Kind::kWord) word = &t;
      if (t.kind == Token::Kind::kCjkBigram) bigram = &t;
      if (t.kind == Token::Kind::kCjkUnigram) unigram = &t;
    }
    if (word != nullptr) {
      sequence.push_back(word->term);
    } else if (bigram != nullptr) {
      sequence.push_back(bigram->term);
    } else if (unigram != nullptr) {
      // The run's last character: needed alone (a one-character run) or to chain the
      // phrase to what follows; otherwise the last bigram already covers it.
      const bool alone = sequence.empty() || by_position.count(position - 1) == 0 ||
                         std::none_of(by_position.at(position - 1).begin(),
                                      by_position.at(position - 1).end(),
                                      [](const Token& t) { return t.kind == Token::Kind::kCjkBigram; });
      if (alone || position < last_position) sequence.push_back(unigram->term);
    }
  }
  Xapian::Query query = sequence.size() == 1
                            ? Xapian::Query(sequence.front())
                            : Xapian::Query(Xapian::Query::OP_PHRASE, sequence.begin(),
                                            sequence.end(), static_cast<Xapian::termcount>(sequence.size()));
  if (!dictionary_words.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          Xapian::Query(Xapian::Query::OP_OR, dictionary_words.begin(),
                                        dictionary_words.end()));
  }
  return query;
}

// QueryParser's hook for the internal cjk: field.
class CjkFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit CjkFieldProcessor(const Analyzer& analyzer) : analyzer_(analyzer) {}
  Xapian::Query operator()(const std::string& encoded) override {
    const auto chunk = hex_decode(encoded);
    if (!chunk) return Xapian::Query();  // a user's own "cjk:..." word: no match
    auto query = cjk_phrase(analyzer_, *chunk);
    return query ? *query : Xapian::Query();
  }

 private:
  const Analyzer& analyzer_;
};

// Collects highlight patterns from the positive part of a query tree.
void collect_patterns(const Xapian::Query& query, std::vector<HighlightPattern>& out) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    const bool plain = !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
    const bool stem = term.size() > 1 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
    if (plain || stem) out.push_back({{term}, 1.0});
    return;
  }
  const std::size_t n = query.get_num_subqueries();
  if (type == Xapian::Query::OP_PHRASE) {
    HighlightPattern phrase;
    for (std::size_t i = 0; i < n; ++i) {
      const Xapian::Query sub = query.get_subquery(i);
      if (sub.get_type() != Xapian::Query::LEAF_TERM) {
        phrase.terms.clear();
        break;
      }
      phrase.terms.push_back(*sub.get_terms_begin());
    }
    if (!phrase.terms.empty()) {
      out.push_back(std::move(phrase));
      return;
    }
  }
  const bool positive_first_only =
      type == Xapian::Query::OP_AND_NOT || type == Xapian::Query::OP_AND_MAYBE ||
      type == Xapian::Query::OP_FILTER;
  for (std::size_t i = 0; i < (positive_first_only ? std::min<std::size_t>(n, 1) : n); ++i) {
    collect_patterns(query.get_subquery(i), out);
  }
}

}  // namespace

std::string rewrite_query(std::string_view query) {
  std::string out;
  out.reserve(query.size() + 16);
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (is_space(c)) {
      out += c;
      ++i;
    } else if (c == '"') {
      std::size_t close = query.find('"', i + 1);
      const bool closed = close != std::string_view::npos;
      if (!closed) close = query.size();
      const std::string_view inner = query.substr(i + 1, close - i - 1);
      if (contains_cjk(inner)) {
        out.append(cjk_token(inner));
      } else {
        out += '"';
        out.append(normalize_string(inner));
        if (closed) out += '"';
      }
      i = closed ? close + 1 : close;
    } else {
      std::size_t end = i;
      while (end < query.size() && !is_space(query[end]) && query[end] != '"') ++end;
      // A field name directly before a quote stays attached to it: title:"..."
      rewrite_word(query.substr(i, end - i), out);
      i = end;
    }
  }
  return out;
}

ParsedQuery::ParsedQuery(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
bool ParsedQuery::empty() const { return impl_->query.empty(); }
const std::vector<HighlightPattern>& ParsedQuery::highlight_patterns() const {
  return impl_->patterns;
}
std::string ParsedQuery::description() const { return impl_->query.get_description(); }

struct QueryBuilder::Impl {
  Analyzer analyzer;
  CjkFieldProcessor cjk{analyzer};
  Xapian::Stem stemmer{"english"};
};

QueryBuilder::QueryBuilder() : impl_(std::make_unique<Impl>()) {}
QueryBuilder::~QueryBuilder() = default;

ParsedQuery QueryBuilder::build(std::string_view query) const {
  Xapian::QueryParser parser;
  parser.set_stemmer(impl_->stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix(std::string(kCjkField), &impl_->cjk);
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_boolean_prefix("lang", std::string(schema::kLanguagePrefix));
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;
  auto impl = std::make_shared<ParsedQuery::Impl>();
  const std::string rewritten = rewrite_query(query);
  try {
    impl->query = parser.parse_query(rewritten, flags);
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError("cannot read query '" + std::string(query) + "': " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw QueryError("cannot run query '" + std::string(query) + "': " + e.get_msg());
  }
  collect_patterns(impl->query, impl->patterns);
  return ParsedQuery(std::move(impl));
}

}  // namespace longjing
