// Internal: the Xapian side of ParsedQuery, shared by the query builder and the searcher.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "longjing/query_builder.h"
#include "query/ranking.h"
#include "query/syntax_tree.h"
#include "query/to_xapian.h"

namespace longjing {

struct ParsedQuery::Impl {
  query::Node tree;      // as parsed, aliases expanded
  Xapian::Query query;   // to_xapian of the tree: decides which documents match
  RankingTerms ranking;  // what ranking needs of it (ranking.h)
  std::vector<HighlightPattern> patterns;
  std::vector<AliasExpansion> aliases;
  query::TermOrigins origins;    // what each term stands for (--explain)
  std::string description;       // describe(tree) before aliases expanded
  std::string description_json;  // describe_json(tree)
};

}  // namespace longjing
