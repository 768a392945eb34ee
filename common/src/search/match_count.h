// How many matches a search reads so that the count it reports is exact where a reader
// can check it.
#pragma once

#include <xapian.h>

namespace longjing {

// True when Xapian's own bounds on the number of documents `query` matches are exact
// before any match is read: a single term (its document frequency, summed over every
// database), alone or with parts that only add weight (the right side of AND_MAYBE, a
// scaled weight). Such a count needs no match list read for it.
bool count_known_without_reading(const Xapian::Query& query);

// The check_at_least to ask Enquire::get_mset for: none when the count is known without
// reading (count_known_without_reading), else up to `exact_up_to` matches, at most the
// `doccount` documents there are. Xapian then stops reading where the ranking allows.
Xapian::doccount matches_to_check(const Xapian::Query& query, Xapian::doccount doccount,
                                  Xapian::doccount exact_up_to);

}  // namespace longjing
