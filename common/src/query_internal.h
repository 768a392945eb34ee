// Internal: the Xapian side of ParsedQuery, shared by the query builder and the searcher.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "longjing/query_builder.h"
#include "ranking.h"

namespace longjing {

struct ParsedQuery::Impl {
  Xapian::Query query;   // as parsed: decides which documents match
  RankingTerms ranking;  // what ranking needs of it (ranking.h)
  std::vector<HighlightPattern> patterns;
  std::vector<AliasExpansion> aliases;
};

}  // namespace longjing
