// QueryBuilder: the user's query string → a Xapian query, through the same Analyzer that
// indexed the text. The query is parsed into a tree of the project's own (the grammar is in
// docs/query-syntax.md: AND OR NOT XOR + - ( ) "phrases" NEAR ADJ prefix* fields, dates);
// every CJK chunk, quoted or not, becomes a phrase of the Analyzer's bigrams (plus the
// run's last unigram when more follows, or the unigram alone for one character); names in
// the alias table become the group of their aliases, wherever they stand.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/alias_table.h"
#include "longjing/schema.h"

namespace longjing {

// A sequence of index terms that must occur at consecutive positions (or at `offsets`) to
// be highlighted.
// A term "Z<stem>" stands for every word with that English stem.
struct HighlightPattern {
  std::vector<std::string> terms;
  // Position of each term after the first, relative to it, where punctuation leaves gaps
  // ("Black Myth: Wukong" → 0 1 3); empty when the terms are consecutive.
  std::vector<std::uint32_t> offsets;
  double weight = 1.0;  // rarer patterns weigh more when passages are compared
  std::string typed;    // the name the user typed, when the pattern comes from its alias group
  std::string alias;    // the group's other name it stands for ("" for the typed name itself)
};

// A name the alias table expanded.
struct AliasExpansion {
  std::string typed;               // as typed in the query
  std::vector<std::string> names;  // the group it belongs to
};

// A query ready to run. Cheap to copy.
class ParsedQuery {
 public:
  // True when the query has no term at all (e.g. only punctuation).
  bool empty() const;
  // What to highlight in hits, from the query's positive terms and phrases.
  const std::vector<HighlightPattern>& highlight_patterns() const;
  // The alias groups the query used.
  const std::vector<AliasExpansion>& alias_expansions() const;
  // The query as parsed, in the query syntax (canonical: it parses to the same tree,
  // aliases not expanded).
  std::string description() const;
  // The parsed tree as JSON text, aliases expanded: --json's "parsed"
  // (docs/json-output.md).
  std::string description_json() const;

  struct Impl;  // holds the tree and the Xapian::Query (see query_internal.h)
  explicit ParsedQuery(std::shared_ptr<const Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

// Limits that keep one query's time and memory bounded (docs/limits.md).
inline constexpr std::size_t kMaxQueryBytes = 65536;  // longer queries are a QueryError
inline constexpr unsigned kMaxWildcardTerms = 1000;   // a prefix* expands to the most frequent
// Prefixes and lone Chinese characters one query may hold, each searched as every term it
// begins (a character's bigrams: up to a few thousand); more are a QueryError.
inline constexpr std::size_t kMaxExpandedWords = 32;

// Parses query strings with one alias table; see the file comment.
// The roots of the searched indexes: each root term (schema::kRootPrefix) → the path of its
// root (schema::kRootTermKey's metadata). A document holds its root's term instead of the
// root's words; path: finds those words through it.
using RootPaths = schema::RootsByTerm;

class QueryBuilder {
 public:
  // `aliases` expands names at query time; an empty table expands nothing. `roots` are the
  // roots path: reads (none: path: finds only the words documents hold themselves).
  explicit QueryBuilder(AliasTable aliases = {}, const RootPaths& roots = {});
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // Parses `query`. Throws QueryError with a message naming the query and what is wrong
  // when it cannot be read. Not thread-safe: one QueryBuilder per thread.
  ParsedQuery build(std::string_view query) const;

  // Replaces the roots path: reads (an index that gained a root since).
  void set_roots(const RootPaths& roots);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace longjing
