// The three readings of a syntax tree (syntax_tree.h) that search needs: the Xapian query
// that matches and ranks, the patterns hits highlight, and a description. Pure functions
// of the tree and the Analyzer (and, for aliases, nothing else: the tree holds the groups).
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "longjing/analyzer.h"
#include "longjing/query_builder.h"
#include "query/root_words.h"
#include "query/syntax_tree.h"

namespace longjing::query {

// Where the terms of a query come from: what --explain names for each term that matched.
struct TermOrigins {
  std::map<std::string, std::string> exact;                   // term (prefixed) → as typed
  std::vector<std::pair<std::string, std::string>> prefixes;  // a wildcard's prefix → as typed

  // The word, phrase or name of the query `term` (prefixed, as indexed) stands for, as
  // typed; "" when it stands for none.
  std::string typed_for(const std::string& term) const;
};

// The Xapian side of a tree.
struct XapianQuery {
  Xapian::Query query;  // empty when the tree has no term at all
  // Each body stem term (Z…) the query searches, with the forms typed for it, for the
  // typed-form boost (ranking.h).
  std::map<std::string, std::vector<std::string>> typed_forms;
  // description_without_positions() of the query of each alias name that stands for the
  // name typed (not the typed one), for ranking to weigh them less.
  std::set<std::string> alias_queries;
  TermOrigins origins;  // what each term stands for
};

// The query for `tree`: words as their English stem (a phrase's words as typed), Chinese
// and words that span punctuation as phrases of the Analyzer's terms, fields by their
// prefix, lang: and date:
// as filters, NEAR and ADJ of single words as Xapian's (of anything else: AND), a query
// of negations alone as everything but them. A path word is also found through the root
// term of each root in `roots` whose path holds it.
XapianQuery to_xapian(const Node& tree, const Analyzer& analyzer, const RootWords& roots = {});

// What hits highlight: every word, phrase and prefix the query looks for (never what it
// excludes), as terms of the text, whatever field named them; the patterns of an alias
// group's names say which name the user typed.
std::vector<HighlightPattern> highlight_patterns(const Node& tree, const Analyzer& analyzer);

// The tree in the query syntax, canonical: parse_query(describe(t)) == t for every tree
// parse_query makes (before aliases expand).
std::string describe(const Node& tree);

// The tree as JSON text, the structure docs/json-output.md documents.
std::string describe_json(const Node& tree);

}  // namespace longjing::query
