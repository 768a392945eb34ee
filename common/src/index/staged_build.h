// Staged full builds: a build of an empty index is written to staging databases beside
// it (<db>/.build/<worker>, each laid out like the index: one database, or shard-N
// databases behind a stub), then merged, compacted, into the index in one step. Workers
// write their own staging database, so several can analyze and write at once; the
// compaction roughly halves the size Xapian's incremental writes leave.
//
// A run killed while staging leaves each staging database at its last commit; the next
// run that opens the index for writing installs them (recover_staged_build), so no
// committed batch is lost.
#pragma once

#include <string>

namespace longjing {

// The staging database of worker `worker` of a build of the index at `db_path`.
std::string staging_path(const std::string& db_path, unsigned worker);

// Merges every staging database of `db_path` (in worker order, so document ids follow
// it), compacted, into the index at `db_path`, which must hold no documents and be laid
// out for `shards` databases; removes the staging area. The caller holds the index's
// write lock. Throws DatabaseError naming the database on failure; the index then still
// holds what it held before.
void install_staged_build(const std::string& db_path, unsigned shards);

// Finishes the work of a killed build, if there is any: an installation cut short is
// completed. Call before opening the index (a half-installed index does not open).
void complete_interrupted_install(const std::string& db_path, unsigned shards);

// True when a killed build left staging databases under `db_path`.
bool has_staged_build(const std::string& db_path);

// Removes the staging area of `db_path`, if any.
void discard_staged_build(const std::string& db_path);

}  // namespace longjing
