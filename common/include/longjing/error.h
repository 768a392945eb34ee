// The exceptions the library throws. Fatal problems only: expected per-file problems while
// indexing are diagnostics in the IndexReport, not exceptions.
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace longjing
