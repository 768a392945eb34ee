#include "longjing/query_builder.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "longjing/analyzer.h"
#include "longjing/error.h"
#include "longjing/schema.h"
#include "longjing/utf8.h"
#include "query_internal.h"
#include "query_rewrite.h"

namespace longjing {
namespace {

// The ranking boost of a CJK chunk: every stretch of 2 to 4 characters of each run of 3 or
// more, as a dictionary-word term (XW). The index holds the ICU dictionary words of each
// text; a stretch that is no word matches nothing. Asking the index, rather than ICU's
// dictionary, spares every Chinese query the 2 ms of building ICU's break engine, and
// does not depend on how ICU cuts the query out of context.
std::vector<std::string> dictionary_word_candidates(
    const std::map<std::uint32_t, std::vector<Token>>& by_position) {
  constexpr std::size_t kMaxWordChars = 4;
  constexpr std::size_t kMaxCandidates = 64;
  std::vector<std::vector<std::string>> runs;  // the characters of each CJK run
  std::uint32_t last = 0;
  for (const auto& [position, tokens] : by_position) {
    for (const Token& t : tokens) {
      if (t.kind != Token::Kind::kCjkUnigram) continue;
      if (runs.empty() || position != last + 1) runs.emplace_back();
      runs.back().push_back(t.term);
      last = position;
    }
  }
  std::vector<std::string> words;
  for (const auto& run : runs) {
    if (run.size() < 3) continue;  // a 2-character run is its own bigram already
    for (std::size_t begin = 0; begin + 2 <= run.size(); ++begin) {
      std::string word(schema::kDictionaryWordPrefix);
      for (std::size_t end = begin; end < run.size() && end - begin < kMaxWordChars; ++end) {
        word += run[end];
        if (end > begin && words.size() < kMaxCandidates) words.push_back(word);
      }
    }
  }
  return words;
}

// Builds the phrase for a CJK chunk (see the header comment); nullopt if it has no term.
// Phrases with gaps are recorded in `recorded` (when not null) with their offsets, for
// the highlighter: the query tree does not say where the gaps are.
std::optional<Xapian::Query> cjk_phrase(const Analyzer& analyzer, const CjkChunk& cjk,
                                        std::vector<HighlightPattern>* recorded) {
  const std::string& prefix = cjk.prefix;
  const std::string_view chunk = cjk.text;
  AnalyzeOptions options;
  options.stems = false;
  std::map<std::uint32_t, std::vector<Token>> by_position;
  analyzer.analyze(chunk, 1, options,
                   [&](const Token& t) { by_position[t.position].push_back(t); });
  if (by_position.empty()) return std::nullopt;
  const std::vector<std::string> dictionary_words = cjk.boost && prefix.empty()
                                                        ? dictionary_word_candidates(by_position)
                                                        : std::vector<std::string>{};
  const std::uint32_t last_position = by_position.rbegin()->first;
  std::vector<std::string> sequence;
  std::vector<std::uint32_t> positions;
  // One-character runs that no token joins (春。风): the index keeps no position for
  // them (analyzer.h), so they are ANDed with the phrase instead of being in it.
  std::vector<std::string> loose;
  for (const auto& [position, tokens] : by_position) {
    const Token* word = nullptr;
    const Token* bigram = nullptr;
    const Token* unigram = nullptr;
    for (const Token& t : tokens) {
      if (t.kind == Token::Kind::kWord) word = &t;
      if (t.kind == Token::Kind::kCjkBigram) bigram = &t;
      if (t.kind == Token::Kind::kCjkUnigram) unigram = &t;
    }
    const std::size_t before = sequence.size();
    if (word != nullptr) {
      sequence.push_back(prefix + word->term);
    } else if (bigram != nullptr) {
      sequence.push_back(prefix + bigram->term);
    } else if (unigram != nullptr) {
      // The run's last character: needed alone (a one-character run) or to chain the
      // phrase to a token right after it; otherwise the last bigram already covers it.
      const bool alone =
          by_position.count(position - 1) == 0 ||
          std::none_of(by_position.at(position - 1).begin(), by_position.at(position - 1).end(),
                       [](const Token& t) { return t.kind == Token::Kind::kCjkBigram; });
      if (alone && !unigram->positional) {
        loose.push_back(prefix + unigram->term);
      } else if (alone || (position < last_position && unigram->positional)) {
        sequence.push_back(prefix + unigram->term);
      }
    }
    if (sequence.size() > before) positions.push_back(position);
  }
  const bool phrase = !sequence.empty() && schema::field_has_positions(prefix);
  if (sequence.empty()) {  // only loose characters: their AND
    sequence.swap(loose);
    positions.assign(sequence.size(), 1);
  }
  // Punctuation in the chunk leaves free positions (as in the text): the phrase's window
  // spans them.
  const auto window = static_cast<Xapian::termcount>(positions.back() - positions.front() + 1);
  const auto op = phrase ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_AND;
  Xapian::Query query = sequence.size() == 1
                            ? Xapian::Query(sequence.front())
                            : Xapian::Query(op, sequence.begin(), sequence.end(),
                                            op == Xapian::Query::OP_PHRASE ? window : 0);
  if (!loose.empty()) {
    std::vector<Xapian::Query> parts{query};
    for (const std::string& term : loose) parts.emplace_back(term);
    query = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
  if (recorded != nullptr && prefix.empty() && phrase && window != sequence.size()) {
    HighlightPattern pattern;
    pattern.terms = sequence;
    for (std::uint32_t p : positions) pattern.offsets.push_back(p - positions.front());
    recorded->push_back(std::move(pattern));
  }
  if (!dictionary_words.empty()) {
    query = Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, query,
        Xapian::Query(Xapian::Query::OP_OR, dictionary_words.begin(), dictionary_words.end()));
  }
  return query;
}

// QueryParser's hook for the internal cjk: field.
class CjkFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit CjkFieldProcessor(const Analyzer& analyzer) : analyzer_(analyzer) {}
  // Where phrases with gaps go while a query is parsed (null: nowhere).
  std::vector<HighlightPattern>* recorded = nullptr;
  Xapian::Query operator()(const std::string& encoded) override {
    const auto payload = decode_cjk_payload(encoded);
    if (!payload) return Xapian::Query();  // a user's own "cjk:..." word: no match
    auto query = cjk_phrase(analyzer_, *payload, recorded);
    return query ? *query : Xapian::Query();
  }

 private:
  const Analyzer& analyzer_;
};

// Collects highlight patterns from the positive part of a query tree.
void collect_patterns(const Xapian::Query& query, std::vector<HighlightPattern>& out,
                      const std::vector<HighlightPattern>& recorded) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    const bool plain = !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
    const bool stem = term.size() > 1 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
    if (plain || stem) out.push_back(HighlightPattern{{term}, {}, 1.0, {}, {}});
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
      for (const HighlightPattern& r : recorded) {
        if (r.terms == phrase.terms) phrase.offsets = r.offsets;
      }
      out.push_back(std::move(phrase));
      return;
    }
  }
  const bool positive_first_only = type == Xapian::Query::OP_AND_NOT ||
                                   type == Xapian::Query::OP_AND_MAYBE ||
                                   type == Xapian::Query::OP_FILTER;
  for (std::size_t i = 0; i < (positive_first_only ? std::min<std::size_t>(n, 1) : n); ++i) {
    collect_patterns(query.get_subquery(i), out, recorded);
  }
}

// Marks the patterns that stand for a name of an alias group: `typed` is the name the user
// typed, `alias` the group's other name it stands for (empty for the typed name itself),
// so hits can say which alias matched. Each name is parsed alone to learn its patterns.
// Also adds to `alias_queries` the description (positions left out) of the query of each
// name that stands for the typed one, for ranking to weigh it less (ranking.h).
void tag_alias_patterns(const Xapian::QueryParser& plain_parser,
                        const std::vector<AliasExpansion>& expansions,
                        std::vector<HighlightPattern>& patterns,
                        std::set<std::string>& alias_queries) {
  for (const AliasExpansion& e : expansions) {
    const std::string typed_key = alias_key(e.typed);
    for (const std::string& name : e.names) {
      const bool is_typed = alias_key(name) == typed_key;
      std::vector<HighlightPattern> of_name;
      try {
        Xapian::QueryParser parser(plain_parser);
        const Xapian::Query named =
            parser.parse_query(render_alias_name(name), Xapian::QueryParser::FLAG_PHRASE);
        collect_patterns(named, of_name, {});
        if (!is_typed) alias_queries.insert(description_without_positions(named));
      } catch (const Xapian::Error&) {
        continue;  // a name the parser cannot read simply is not tagged
      }
      for (const HighlightPattern& named : of_name) {
        for (HighlightPattern& p : patterns) {
          if (p.terms == named.terms && p.typed.empty()) {
            p.alias = is_typed ? std::string() : name;
            p.typed = e.typed;
          }
        }
      }
    }
  }
}

}  // namespace

std::optional<std::string> text_field_prefix(std::string_view field) {
  if (field == "title") return std::string(schema::kTitlePrefix);
  if (field == "source") return std::string(schema::kSourcePrefix);
  if (field == "tag") return std::string(schema::kTagPrefix);
  if (field == "path") return std::string(schema::kPathWordPrefix);
  return std::nullopt;
}

std::string rewrite_query(std::string_view query) {
  return rewrite_for_parser(query, nullptr, text_field_prefix).text;
}

ParsedQuery::ParsedQuery(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
bool ParsedQuery::empty() const { return impl_->query.empty(); }
const std::vector<HighlightPattern>& ParsedQuery::highlight_patterns() const {
  return impl_->patterns;
}
const std::vector<AliasExpansion>& ParsedQuery::alias_expansions() const { return impl_->aliases; }
std::string ParsedQuery::description() const { return impl_->query.get_description(); }

struct QueryBuilder::Impl {
  AliasTable aliases;
  Analyzer analyzer;
  CjkFieldProcessor cjk{analyzer};
  Xapian::Stem stemmer{"english"};
  Xapian::DateRangeProcessor dates{schema::kDateSlot, "date:"};
  Xapian::QueryParser parser;

  explicit Impl(AliasTable table) : aliases(std::move(table)) {
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_prefix(std::string(kCjkField), &cjk);
    for (const char* field : {"title", "source", "tag", "path"}) {
      parser.add_prefix(field, *text_field_prefix(field));
    }
    parser.add_boolean_prefix("lang", std::string(schema::kLanguagePrefix));
    parser.add_rangeprocessor(&dates);
    // A wildcard expands to its most frequent terms only (w* over 12,000 terms took 12 s).
    parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
};

QueryBuilder::QueryBuilder(AliasTable aliases)
    : impl_(std::make_unique<Impl>(std::move(aliases))) {}
QueryBuilder::~QueryBuilder() = default;

ParsedQuery QueryBuilder::build(std::string_view query) const {
  if (query.size() > kMaxQueryBytes) {
    throw QueryError("query of " + std::to_string(query.size()) + " bytes is longer than the " +
                     std::to_string(kMaxQueryBytes) + "-byte limit");
  }
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;
  auto impl = std::make_shared<ParsedQuery::Impl>();
  const RewrittenQuery rewritten = rewrite_for_parser(query, &impl_->aliases, text_field_prefix);
  for (const AliasUse& use : rewritten.aliases) impl->aliases.push_back({use.typed, use.names});
  std::vector<HighlightPattern> recorded;
  impl_->cjk.recorded = &recorded;
  try {
    impl->query = impl_->parser.parse_query(rewritten.text, flags);
    impl_->cjk.recorded = nullptr;
    // Right after parsing: the parser's unstem list is this query's.
    impl->ranking = ranking_terms(impl->query, impl_->parser);
  } catch (const Xapian::QueryParserError& e) {
    impl_->cjk.recorded = nullptr;
    throw QueryError("cannot read query " + quote_for_message(query) + ": " + e.get_msg());
  } catch (const Xapian::UnimplementedError&) {
    impl_->cjk.recorded = nullptr;
    throw QueryError("cannot read query " + quote_for_message(query) +
                     ": NEAR and ADJ join single words, not phrases, Chinese text or groups");
  } catch (const Xapian::Error& e) {
    impl_->cjk.recorded = nullptr;
    throw QueryError("cannot run query " + quote_for_message(query) + ": " + e.get_msg());
  }
  collect_patterns(impl->query, impl->patterns, recorded);
  tag_alias_patterns(impl_->parser, impl->aliases, impl->patterns, impl->ranking.alias_queries);
  return ParsedQuery(std::move(impl));
}

}  // namespace longjing
