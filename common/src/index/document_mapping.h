// Internal: a stored document → the Xapian document the index holds for it (terms,
// positions, values, data), as schema.h lays them out.
#pragma once

#include <xapian.h>

#include <set>
#include <string>

#include "longjing/analyzer.h"
#include "longjing/schema.h"

namespace longjing {

// Xapian's sortable encoding of a number (the mtime and size value slots).
std::string sortable(double v);

// The Xapian document of `stored`, analyzed with `analyzer`; the stemmable words of its
// title and body that schema::is_spelling_word accepts are added to `spelling` (for the
// spelling table).
Xapian::Document build_document(const schema::StoredDocument& stored, const Analyzer& analyzer,
                                std::set<std::string>& spelling);

}  // namespace longjing
