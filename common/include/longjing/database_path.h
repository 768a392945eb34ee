// Where the database lives when the user does not say.
#pragma once

#include <string>

namespace longjing {

// The environment variable that names the database when --db is not given.
inline constexpr const char* kDatabaseEnvVar = "LONGJING_DB";

// `flag` when non-empty; else $LONGJING_DB; else $XDG_DATA_HOME/longjing/db; else
// $HOME/.local/share/longjing/db; else "./longjing-db" as a last resort.
std::string resolve_database_path(const std::string& flag);

}  // namespace longjing
