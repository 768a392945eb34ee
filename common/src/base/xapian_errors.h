// Internal: turning Xapian's exceptions into Longjing's messages, in one place.
#pragma once

#include <xapian.h>

#include <string>

namespace longjing {

// "<context>: <Xapian's message> (<the system's reason, if any>)", with a hint for the
// common cases (corrupt, missing).
std::string describe_xapian_error(const std::string& context, const Xapian::Error& e);

// The message for a database built with another schema version (or not by Longjing).
std::string incompatible_schema_message(const std::string& db_path, const std::string& found);

}  // namespace longjing
