#include "search/match_count.h"

#include <algorithm>

namespace longjing {

bool count_known_without_reading(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return true;
    case Xapian::Query::OP_AND_MAYBE:  // matches what its first part matches
    case Xapian::Query::OP_SCALE_WEIGHT:
      return query.get_num_subqueries() >= 1 && count_known_without_reading(query.get_subquery(0));
    default:
      return false;
  }
}

Xapian::doccount matches_to_check(const Xapian::Query& query, Xapian::doccount doccount,
                                  Xapian::doccount exact_up_to) {
  if (count_known_without_reading(query)) return 0;
  return std::min(doccount, exact_up_to);
}

}  // namespace longjing
