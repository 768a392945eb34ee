#include "longjing/database_path.h"

#include <cstdlib>

namespace longjing {

std::string resolve_database_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? std::string(v) : std::string();
  };
  if (std::string db = env(kDatabaseEnvVar); !db.empty()) return db;
  if (std::string data = env("XDG_DATA_HOME"); !data.empty()) return data + "/longjing/db";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.local/share/longjing/db";
  return "longjing-db";
}

}  // namespace longjing
