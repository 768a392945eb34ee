// to_xapian and highlight_patterns: the tree's leaves go through the Analyzer that indexed
// the text, so a query word is cut, normalized and stemmed exactly as the text was.
#include "query/to_xapian.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "longjing/alias_table.h"
#include "longjing/normalizer.h"
#include "longjing/schema.h"
#include "query/ranking.h"

namespace longjing::query {
namespace {

using Q = Xapian::Query;

// The term prefix of a field ("" for the text).
std::string prefix_of(Field field) {
  switch (field) {
    case Field::kText:
      return "";
    case Field::kTitle:
      return std::string(schema::kTitlePrefix);
    case Field::kSource:
      return std::string(schema::kSourcePrefix);
    case Field::kTag:
      return std::string(schema::kTagPrefix);
    case Field::kPath:
      return std::string(schema::kPathWordPrefix);
  }
  return "";
}

// The Analyzer's reading of a chunk of query text (a word that is not one English word, a
// phrase, a name): the terms of its phrase, without prefix.
struct PhraseTerms {
  std::vector<std::string> sequence;     // the phrase's terms, in order
  std::vector<std::uint32_t> positions;  // the position of each
  // One-character runs that no token joins (春。风): the index keeps no position for
  // them (analyzer.h), so they are ANDed with the phrase instead of being in it.
  std::vector<std::string> loose;
  bool single_word = false;  // one non-CJK word: `word` (with its stem) is all there is
  Token word;
};

PhraseTerms analyze_phrase(const Analyzer& analyzer, std::string_view text) {
  PhraseTerms out;
  AnalyzeOptions options;
  std::map<std::uint32_t, std::vector<Token>> by_position;
  analyzer.analyze(text, 1, options, [&](const Token& t) {
    if (!t.alternative) by_position[t.position].push_back(t);
  });
  if (by_position.empty()) return out;
  if (by_position.size() == 1 && by_position.begin()->second.size() == 1 &&
      by_position.begin()->second.front().kind == Token::Kind::kWord) {
    out.single_word = true;
    out.word = by_position.begin()->second.front();
    return out;
  }
  const std::uint32_t last_position = by_position.rbegin()->first;
  for (const auto& [position, tokens] : by_position) {
    const Token* word = nullptr;
    const Token* bigram = nullptr;
    const Token* unigram = nullptr;
    for (const Token& t : tokens) {
      if (t.kind == Token::Kind::kWord) word = &t;
      if (t.kind == Token::Kind::kCjkBigram) bigram = &t;
      if (t.kind == Token::Kind::kCjkUnigram) unigram = &t;
    }
    const std::size_t before = out.sequence.size();
    if (word != nullptr) {
      out.sequence.push_back(word->term);
    } else if (bigram != nullptr) {
      out.sequence.push_back(bigram->term);
    } else if (unigram != nullptr) {
      // The run's last character: needed alone (a one-character run) or to chain the
      // phrase to a token right after it; otherwise the last bigram already covers it.
      const auto previous = by_position.find(position - 1);
      const bool alone =
          previous == by_position.end() ||
          std::none_of(previous->second.begin(), previous->second.end(),
                       [](const Token& t) { return t.kind == Token::Kind::kCjkBigram; });
      if (alone && !unigram->positional) {
        out.loose.push_back(unigram->term);
      } else if (alone || (position < last_position && unigram->positional)) {
        out.sequence.push_back(unigram->term);
      }
    }
    if (out.sequence.size() > before) out.positions.push_back(position);
  }
  return out;
}

// The query of one English word in `field`: its stem where the field keeps stems (and the
// typed form is recorded for the boost), else the word itself.
Q word_query(const Token& word, Field field, Xapian::termpos position, const std::string& typed,
             XapianQuery* out) {
  const std::string prefix = prefix_of(field);
  out->origins.exact.emplace(prefix + word.term, typed);  // the typed form, which ranking may add
  if (word.stem.empty() || !schema::field_has_stems(prefix))
    return Q(prefix + word.term, 1, position);
  const std::string stem = std::string(schema::kStemPrefix) + prefix + word.stem;
  out->origins.exact.emplace(stem, typed);
  if (field == Field::kText) {
    std::vector<std::string>& forms = out->typed_forms[stem];
    if (std::find(forms.begin(), forms.end(), word.term) == forms.end()) forms.push_back(word.term);
  }
  return Q(stem, 1, position);
}

// True when a chunk of several terms in the field with this prefix is a phrase: the text,
// and the title, whose phrases are read in the body space (positional below).
bool reads_phrases(const std::string& prefix) {
  return schema::field_has_positions(prefix) || prefix == schema::kTitlePrefix;
}

// `op` (OP_PHRASE or OP_NEAR) over `terms` (prefixed) within `window`, the i-th at query
// position `first_position` + i (0: none). A title term has no positions; the title's
// words stand in the body space at the same positions, so the operator is read on the body
// term and the title term is required besides. Of title terms alone it weighs nothing, as
// a title: word does not.
Q positional(Q::op op, const std::vector<std::string>& terms, Xapian::termcount window,
             Xapian::termpos first_position = 0) {
  std::vector<Q> body, titles;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const schema::Term term = schema::parse_term(terms[i]);
    const bool title = term.kind == schema::TermKind::kTitleWord;
    if (title) titles.emplace_back(terms[i]);
    const auto position = first_position == 0 ? 0 : first_position + i;
    body.emplace_back(title ? std::string(term.text) : terms[i], 1,
                      static_cast<Xapian::termpos>(position));
  }
  const Q read(op, body.begin(), body.end(), window);
  if (titles.empty()) return read;
  titles.push_back(titles.size() == terms.size() ? Q(Q::OP_SCALE_WEIGHT, read, 0.0) : read);
  return Q(Q::OP_AND, titles.begin(), titles.end());
}

// The query of a character no token joins, `term` with its field's prefix: every term that
// begins with it, its unigram (where the index keeps one: at a run's end) and the bigrams
// starting with it (analyzer.h), as one term. All of them: a character is found wherever
// it stands.
Q character_query(const std::string& term) {
  return Q(Q::OP_WILDCARD, term, 0, Q::WILDCARD_LIMIT_ERROR, Q::OP_SYNONYM);
}

// The query of a phrase's terms in `field` (a phrase where the field has positions, else
// their AND), with its loose characters; nullopt without terms.
// Every term is recorded as standing for `typed`.
std::optional<Q> phrase_query(const PhraseTerms& terms, Field field, const std::string& typed,
                              XapianQuery* out) {
  const std::string prefix = prefix_of(field);
  std::vector<Q> parts;
  if (!terms.sequence.empty()) {
    std::vector<std::string> sequence;
    for (const std::string& t : terms.sequence) {
      sequence.push_back(prefix + t);
      out->origins.exact.emplace(sequence.back(), typed);
    }
    // Punctuation in the chunk leaves free positions (as in the text): the phrase's window
    // spans them.
    const auto window =
        static_cast<Xapian::termcount>(terms.positions.back() - terms.positions.front() + 1);
    if (sequence.size() == 1) {
      parts.emplace_back(sequence.front());
    } else if (reads_phrases(prefix)) {
      parts.push_back(positional(Q::OP_PHRASE, sequence, window));
    } else {
      parts.emplace_back(Q::OP_AND, sequence.begin(), sequence.end());
    }
  }
  for (const std::string& t : terms.loose) {
    out->origins.prefixes.emplace_back(prefix + t, typed);
    parts.push_back(character_query(prefix + t));
  }
  if (parts.empty()) return std::nullopt;
  return parts.size() == 1 ? parts.front() : Q(Q::OP_AND, parts.begin(), parts.end());
}

// A NEAR or ADJ operand's one term (a word as typed, or a two-character Chinese word's
// bigram); nullopt for anything longer, which those operators cannot join.
std::optional<std::string> near_term(const Node& node, const Analyzer& analyzer) {
  if (node.kind != Node::Kind::kWord) return std::nullopt;
  const PhraseTerms terms = analyze_phrase(analyzer, node.text);
  const std::string prefix = prefix_of(node.field);
  if (terms.single_word) return prefix + terms.word.term;
  if (terms.sequence.size() == 1 && terms.loose.empty()) return prefix + terms.sequence.front();
  return std::nullopt;
}

// Xapian treats a query without terms as matching nothing; these stand for "everything".
Q match_all() { return Q::MatchAll; }

class Lowering {
 public:
  Lowering(const Analyzer& analyzer, const RootWords& roots) : analyzer_(analyzer), roots_(roots) {}

  std::optional<Q> lower(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kWord:
        return word(node.text, node.field);
      case Node::Kind::kPhrase:
        if (node.field == Field::kPath) return path_words(node.text);
        return phrase_query(analyze_phrase(analyzer_, node.text), node.field, node.text, &out_);
      case Node::Kind::kWildcard: {
        const std::string stem = normalize_string(node.text);
        if (stem.empty()) return std::nullopt;
        out_.origins.prefixes.emplace_back(prefix_of(node.field) + stem, node.text + "*");
        const Q words(Q::OP_WILDCARD, prefix_of(node.field) + stem, kMaxWildcardTerms,
                      Q::WILDCARD_LIMIT_MOST_FREQUENT, Q::OP_SYNONYM);
        return node.field == Field::kPath ? or_roots(words, stem, true, node.text + "*") : words;
      }
      case Node::Kind::kAlias:
        return alias(node);
      case Node::Kind::kAnd:
        return conjunction(node.children);
      case Node::Kind::kOr:
        return combine(Q::OP_OR, node.children);
      case Node::Kind::kXor:
        return combine(Q::OP_XOR, node.children);
      case Node::Kind::kNot: {
        std::optional<Q> kept =
            node.children[0].kind == Node::Kind::kAll ? match_all() : lower(node.children[0]);
        std::optional<Q> excluded = lower(node.children[1]);
        if (!kept) kept = match_all();
        if (!excluded) return kept;
        return Q(Q::OP_AND_NOT, *kept, *excluded);
      }
      case Node::Kind::kAll:
        return match_all();
      case Node::Kind::kNear:
      case Node::Kind::kAdjacent:
        return proximity(node);
      case Node::Kind::kLanguage:
      case Node::Kind::kDateRange:
        return Q(Q::OP_SCALE_WEIGHT, filter(node), 0.0);
    }
    return std::nullopt;
  }

  XapianQuery take(Q query) {
    out_.query = std::move(query);
    return std::move(out_);
  }

 private:
  std::optional<Q> word(const std::string& text, Field field) {
    if (field == Field::kPath) return path_words(text);
    PhraseTerms terms = analyze_phrase(analyzer_, text);
    if (terms.single_word) return word_query(terms.word, field, ++position_, text, &out_);
    return phrase_query(std::move(terms), field, text, &out_);
  }

  // The words of `text` in path:, each found in the path below a document's root or
  // through a root that holds it (the AND of them: the path field has no positions).
  std::optional<Q> path_words(const std::string& text) {
    const PhraseTerms terms = analyze_phrase(analyzer_, text);
    const std::string prefix(schema::kPathWordPrefix);
    std::vector<Q> parts;
    if (terms.single_word) {
      out_.origins.exact.emplace(prefix + terms.word.term, text);
      parts.push_back(
          or_roots(Q(prefix + terms.word.term, 1, ++position_), terms.word.term, false, text));
    }
    for (const std::string& t : terms.sequence) {
      out_.origins.exact.emplace(prefix + t, text);
      parts.push_back(or_roots(Q(prefix + t), t, false, text));
    }
    for (const std::string& t : terms.loose) {
      out_.origins.prefixes.emplace_back(prefix + t, text);
      parts.push_back(or_roots(character_query(prefix + t), t, true, text));
    }
    if (parts.empty()) return std::nullopt;
    return parts.size() == 1 ? parts.front() : Q(Q::OP_AND, parts.begin(), parts.end());
  }

  // `words` (a path word's query), or the root term of any root holding `word` (a word
  // beginning with it when `prefix`), which stands for `typed`.
  Q or_roots(const Q& words, const std::string& word, bool prefix, const std::string& typed) {
    std::vector<Q> parts{words};
    for (const std::string& term : roots_.terms_for(word, prefix)) {
      out_.origins.exact.emplace(term, typed);
      parts.emplace_back(term);
    }
    return parts.size() == 1 ? words : Q(Q::OP_OR, parts.begin(), parts.end());
  }

  std::optional<Q> alias(const Node& node) {
    const std::string typed_key = alias_key(node.text);
    std::vector<Q> names;
    for (const std::string& name : node.names) {
      std::optional<Q> q = word(name, Field::kText);
      if (!q) continue;
      if (alias_key(name) != typed_key)
        out_.alias_queries.insert(description_without_positions(*q));
      names.push_back(std::move(*q));
    }
    if (names.empty()) return std::nullopt;
    if (names.size() == 1) return names.front();
    return Q(Q::OP_OR, names.begin(), names.end());
  }

  std::optional<Q> combine(Q::op op, const std::vector<Node>& children) {
    std::vector<Q> parts;
    for (const Node& child : children) {
      if (auto q = lower(child)) parts.push_back(std::move(*q));
    }
    if (parts.empty()) return std::nullopt;
    if (parts.size() == 1) return parts.front();
    return Q(op, parts.begin(), parts.end());
  }

  // AND: the filters among the children (lang:, date:) narrow the others' matches
  // without weighing; several lang: tags are alternatives, as QueryParser read them.
  std::optional<Q> conjunction(const std::vector<Node>& children) {
    std::vector<Node> matching;
    std::vector<Q> languages, others;
    for (const Node& child : children) {
      if (child.kind == Node::Kind::kLanguage) {
        languages.push_back(filter(child));
      } else if (child.kind == Node::Kind::kDateRange) {
        others.push_back(filter(child));
      } else {
        matching.push_back(child);
      }
    }
    std::optional<Q> query = combine(Q::OP_AND, matching);
    if (!languages.empty())
      others.insert(others.begin(), Q(Q::OP_OR, languages.begin(), languages.end()));
    if (others.empty()) return query;
    const Q filters =
        others.size() == 1 ? others.front() : Q(Q::OP_AND, others.begin(), others.end());
    return Q(Q::OP_FILTER, query ? *query : match_all(), filters);
  }

  Q filter(const Node& node) const {
    // The tag normalized as the indexer normalized the article's (document_mapping.cc).
    if (node.kind == Node::Kind::kLanguage) {
      return Q(schema::make_term(schema::TermKind::kLanguage, normalize_string(node.text)));
    }
    if (node.from.empty() && node.to.empty())
      return Q(Q::OP_VALUE_GE, schema::kDateSlot, std::string());
    if (node.to.empty()) return Q(Q::OP_VALUE_GE, schema::kDateSlot, node.from);
    if (node.from.empty()) return Q(Q::OP_VALUE_LE, schema::kDateSlot, node.to);
    return Q(Q::OP_VALUE_RANGE, schema::kDateSlot, node.from, node.to);
  }

  // NEAR/n and ADJ/n: Xapian's window counts the positions the words span, so n words
  // apart is a window of n plus the number of words less one (QueryParser's reading).
  std::optional<Q> proximity(const Node& node) {
    std::vector<std::string> terms;
    for (const Node& child : node.children) {
      const auto term = near_term(child, analyzer_);
      if (!term) return combine(Q::OP_AND, node.children);
      out_.origins.exact.emplace(*term, child.text);
      terms.push_back(*term);
    }
    const Xapian::termpos first = position_ + 1;
    position_ += static_cast<Xapian::termpos>(terms.size());
    const auto window = static_cast<Xapian::termcount>(node.window + terms.size() - 1);
    return positional(node.kind == Node::Kind::kNear ? Q::OP_NEAR : Q::OP_PHRASE, terms, window,
                      first);
  }

  const Analyzer& analyzer_;
  const RootWords& roots_;
  XapianQuery out_;
  Xapian::termpos position_ = 0;  // the query position of each word, as QueryParser counts
};

// ---- Highlight patterns ------------------------------------------------------------------

class PatternCollector {
 public:
  explicit PatternCollector(const Analyzer& analyzer) : analyzer_(analyzer) {}

  void collect(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kWord:
      case Node::Kind::kPhrase:
        text(node.text, node.field);
        return;
      case Node::Kind::kWildcard: {
        const std::string prefix = normalize_string(node.text);
        if (!prefix.empty()) add({prefix + "*"});
        return;
      }
      case Node::Kind::kAlias: {
        const std::string typed_key = alias_key(node.text);
        for (const std::string& name : node.names) {
          const std::size_t first = patterns_.size();
          text(name, Field::kText);
          for (std::size_t i = first; i < patterns_.size(); ++i) {
            patterns_[i].typed = node.text;
            patterns_[i].alias = alias_key(name) == typed_key ? std::string() : name;
          }
        }
        return;
      }
      case Node::Kind::kNot:
        collect(node.children[0]);
        return;  // never what it excludes
      case Node::Kind::kLanguage:
      case Node::Kind::kDateRange:
      case Node::Kind::kAll:
        return;
      default:
        for (const Node& child : node.children) collect(child);
    }
  }

  std::vector<HighlightPattern> take() { return std::move(patterns_); }

 private:
  void add(std::vector<std::string> terms, std::vector<std::uint32_t> offsets = {}) {
    HighlightPattern pattern;
    pattern.terms = std::move(terms);
    pattern.offsets = std::move(offsets);
    patterns_.push_back(std::move(pattern));
  }

  // A word or phrase, as the text's terms: highlighted in the title and the passages
  // whichever field it searched.
  void text(const std::string& chunk, Field field) {
    const PhraseTerms terms = analyze_phrase(analyzer_, chunk);
    const bool stems = reads_phrases(prefix_of(field));
    if (terms.single_word) {
      const Token& w = terms.word;
      add({stems && !w.stem.empty() ? std::string(schema::kStemPrefix) + w.stem : w.term});
      return;
    }
    if (terms.sequence.size() == 1 || (!terms.sequence.empty() && !stems)) {
      for (const std::string& t : terms.sequence) add({t});
    } else if (!terms.sequence.empty()) {
      std::vector<std::uint32_t> offsets;
      const std::uint32_t window = terms.positions.back() - terms.positions.front() + 1;
      if (window != terms.sequence.size()) {
        for (std::uint32_t p : terms.positions) offsets.push_back(p - terms.positions.front());
      }
      add(terms.sequence, std::move(offsets));
    }
    for (const std::string& t : terms.loose) add({t});
  }

  const Analyzer& analyzer_;
  std::vector<HighlightPattern> patterns_;
};

}  // namespace

std::string TermOrigins::typed_for(const std::string& term) const {
  if (const auto found = exact.find(term); found != exact.end()) return found->second;
  for (const auto& [prefix, typed] : prefixes) {
    if (term.compare(0, prefix.size(), prefix) == 0) return typed;
  }
  return {};
}

XapianQuery to_xapian(const Node& tree, const Analyzer& analyzer, const RootWords& roots) {
  Lowering lowering(analyzer, roots);
  std::optional<Q> query = lowering.lower(tree);
  return lowering.take(query ? *query : Q());
}

std::vector<HighlightPattern> highlight_patterns(const Node& tree, const Analyzer& analyzer) {
  PatternCollector collector(analyzer);
  collector.collect(tree);
  return collector.take();
}

}  // namespace longjing::query
