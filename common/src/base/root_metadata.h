// Internal: the roots a database's documents name (schema.h, kRootTermKey), read from its
// metadata, for the path values and root terms that stand for them.
#pragma once

#include <xapian.h>

#include "longjing/schema.h"

namespace longjing {

// Every root term `db` records with its root's path (any Xapian::Database: local, remote,
// or the first of several). Throws Xapian::Error as Xapian does.
schema::RootsByTerm read_root_terms(const Xapian::Database& db);

}  // namespace longjing
