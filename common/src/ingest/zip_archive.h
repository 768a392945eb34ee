// Internal: reading entries of a zip archive held in memory (libzip), within a budget of
// uncompressed bytes and entries (ReadLimits), for the EPUB, DOCX and ODT readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "longjing/documents.h"

struct zip;

namespace longjing {

// One archive, opened over bytes the caller keeps alive for the archive's lifetime.
// Every entry read counts against one budget of ReadLimits::max_unpacked_bytes.
class ZipArchive {
 public:
  // Opens the archive in `bytes`; problem() says why when it is not a zip archive or
  // holds more than limits.max_entries entries (then every read fails).
  ZipArchive(std::string_view bytes, const ReadLimits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // True when the archive opened; else problem() says why.
  bool ok() const { return archive_ != nullptr; }
  // Why the archive did not open, or why the last read failed; empty otherwise.
  const std::string& problem() const { return problem_; }

  // True when the archive has an entry of exactly this name.
  bool has(std::string_view name) const;

  // The uncompressed bytes of entry `name`. nullopt, with problem() set, when there is no
  // such entry, it is encrypted or damaged, or it would take the bytes read from this
  // archive past the budget: judged from its declared size before anything is inflated,
  // and while inflating (a header may lie), never reading more than one byte past it.
  // `at_most`: read only this many bytes of the entry (no error when it is longer).
  std::optional<std::string> read(std::string_view name, std::uint64_t at_most = UINT64_MAX);

 private:
  zip* archive_ = nullptr;
  std::uint64_t budget_;  // bytes left to inflate
  std::uint64_t total_;   // the budget at the start
  std::string problem_;
};

}  // namespace longjing
