// The exceptions the library throws. Fatal problems only: expected per-file problems while
// indexing are diagnostics in the IndexReport, not exceptions.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace longjing {

// Base of every error Longjing raises. what() is a complete sentence for the user that
// names the file, database or query concerned.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The query string cannot be read (unbalanced quotes, a lone operator...).
class QueryError : public Error {
 public:
  using Error::Error;
};

// The database cannot be opened, is locked, corrupt, or of an incompatible schema.
class DatabaseError : public Error {
 public:
  using Error::Error;
};

// A file or directory the user named cannot be read.
class IoError : public Error {
 public:
  using Error::Error;
};

// The longest quoted text (a query) a message repeats in full, in bytes.
inline constexpr std::size_t kMaxQuotedBytes = 80;

// `text` in single quotes for an error message; a longer text is cut at a character
// boundary and its length given ("'aaa…' (40,960 bytes)"), so a message stays one line.
std::string quote_for_message(std::string_view text);

}  // namespace longjing
