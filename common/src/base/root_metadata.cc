#include "base/root_metadata.h"

namespace longjing {

schema::RootsByTerm read_root_terms(const Xapian::Database& db) {
  schema::RootsByTerm out;
  const std::string prefix = std::string(schema::kRootTermKey) + ":";
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    out.emplace((*key).substr(prefix.size()), db.get_metadata(*key));
  }
  return out;
}

}  // namespace longjing
