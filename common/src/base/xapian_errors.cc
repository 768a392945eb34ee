#include "base/xapian_errors.h"

#include "longjing/schema.h"

namespace longjing {

std::string describe_xapian_error(const std::string& context, const Xapian::Error& e) {
  std::string message = context + ": " + e.get_msg();
  // The system's reason, when Xapian has one: "Error writing block 146" alone does not say
  // that the disk is full.
  const char* reason = e.get_error_string();
  if (reason != nullptr && *reason != '\0') message += std::string(" (") + reason + ")";
  const std::string type = e.get_type();
  if (type == "DatabaseCorruptError" ||
      (type == "DatabaseError" && e.get_msg().find("reading block") != std::string::npos)) {
    message += " (the database is damaged: rebuild it with indexer --rebuild)";
  } else if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    message += " (no readable database there: run indexer first)";
  } else if (type == "DatabaseVersionError") {
    message += " (made by an incompatible Xapian version: rebuild it)";
  }
  return message;
}

std::string incompatible_schema_message(const std::string& db_path, const std::string& found) {
  if (found.empty()) {
    return "database " + db_path +
           " was not made by Longjing's indexer (no schema version): use another --db";
  }
  return "database " + db_path + " has schema version " + found + ", this program needs " +
         std::to_string(schema::kSchemaVersion) + ": rebuild it with indexer --rebuild";
}

}  // namespace longjing
