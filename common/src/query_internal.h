// Internal: the Xapian side of ParsedQuery, shared by the query builder and the searcher.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "longjing/query_builder.h"

namespace longjing {

struct ParsedQuery::Impl {
  Xapian::Query matching;  // as parsed: decides which documents match
  Xapian::Query query;     // `matching` with the ranking boosts (ranking.h): what runs
  std::vector<HighlightPattern> patterns;
  std::vector<AliasExpansion> aliases;
};

}  // namespace longjing
