#include "index/staged_build.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include "base/xapian_errors.h"
#include "longjing/error.h"

namespace longjing {
namespace fs = std::filesystem;
namespace {

// Layout of the staging area:
//   <db>/.build/<n>            worker n's database (as laid out as the index)
//   <db>/.build/merged         the compacted merge of every worker's database
//   <db>/.build/merged.done    written once `merged` is complete; from then on the
//                              workers' databases are gone and only installing is left
std::string area_of(const std::string& db_path) { return db_path + "/.build"; }
std::string merged_of(const std::string& db_path) { return area_of(db_path) + "/merged"; }
std::string done_marker_of(const std::string& db_path) { return area_of(db_path) + "/merged.done"; }

// Database k of an index laid out at `root` for `shards` databases.
std::string shard_path(const std::string& root, unsigned k, unsigned shards) {
  return shards <= 1 ? root : root + "/shard-" + std::to_string(k);
}

// The workers' staging databases, in worker order.
std::vector<std::string> worker_databases(const std::string& db_path) {
  std::vector<std::pair<unsigned long, std::string>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(area_of(db_path), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() ||
        !std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) {
      continue;
    }
    found.emplace_back(std::stoul(name), entry.path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& [n, path] : found) paths.push_back(std::move(path));
  return paths;
}

// Compacts database k of every worker into `merged`, then marks the merge complete and
// drops the workers' databases.
void merge_workers(const std::string& db_path, const std::vector<std::string>& workers,
                   unsigned shards) {
  const std::string merged = merged_of(db_path);
  fs::remove_all(merged);
  fs::remove(done_marker_of(db_path));
  if (shards > 1) fs::create_directories(merged);
  for (unsigned k = 0; k < shards; ++k) {
    Xapian::Database sources;
    for (const std::string& worker : workers)
      sources.add_database(Xapian::Database(shard_path(worker, k, shards)));
    sources.compact(shard_path(merged, k, shards), Xapian::Compactor::FULL);
  }
  std::ofstream marker(done_marker_of(db_path));
  marker << "merged\n";
  marker.close();
  if (!marker) throw DatabaseError("cannot write " + done_marker_of(db_path));
  for (const std::string& worker : workers) fs::remove_all(worker);
}

bool is_table_file(const std::string& name) {
  return name == "iamglass" || (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
}

// Renames the merged tables over the index's, the version file last: a reader opening the
// index sees the old database or the new one (or, for the microseconds in between, an
// error telling it to retry).
void move_into_place(const std::string& db_path, unsigned shards) {
  const std::string merged = merged_of(db_path);
  for (unsigned k = 0; k < shards; ++k) {
    const fs::path from = shard_path(merged, k, shards);
    const fs::path to = shard_path(db_path, k, shards);
    std::error_code ec;
    if (!fs::exists(from / "iamglass", ec)) continue;  // already installed
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(to)) {
      const std::string name = entry.path().filename().string();
      if (is_table_file(name) && name != "iamglass" && !fs::exists(from / name))
        fs::remove(entry.path());
    }
    for (const auto& entry : fs::directory_iterator(from)) {
      const std::string name = entry.path().filename().string();
      if (is_table_file(name) && name != "iamglass") fs::rename(entry.path(), to / name);
    }
    fs::rename(from / "iamglass", to / "iamglass");
  }
  fs::remove_all(area_of(db_path));
}

}  // namespace

std::string staging_path(const std::string& db_path, unsigned worker) {
  return area_of(db_path) + "/" + std::to_string(worker);
}

void install_staged_build(const std::string& db_path, unsigned shards) {
  shards = std::max(shards, 1u);
  try {
    const std::vector<std::string> workers = worker_databases(db_path);
    if (workers.empty()) {
      discard_staged_build(db_path);
      return;
    }
    merge_workers(db_path, workers, shards);
    move_into_place(db_path, shards);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(describe_xapian_error("cannot merge the new index into " + db_path, e));
  } catch (const fs::filesystem_error& e) {
    throw DatabaseError("cannot merge the new index into " + db_path + ": " + e.code().message());
  }
}

void complete_interrupted_install(const std::string& db_path, unsigned shards) {
  std::error_code ec;
  if (!fs::exists(done_marker_of(db_path), ec)) return;
  try {
    move_into_place(db_path, std::max(shards, 1u));
  } catch (const fs::filesystem_error& e) {
    throw DatabaseError("cannot finish installing the index built into " + db_path + ": " +
                        e.code().message());
  }
}

bool has_staged_build(const std::string& db_path) { return !worker_databases(db_path).empty(); }

void discard_staged_build(const std::string& db_path) {
  std::error_code ec;
  fs::remove_all(area_of(db_path), ec);
}

}  // namespace longjing
