// Shared by the zip-based fuzz targets: an archive built in memory with libzip, so a
// target can hand the fuzzer's bytes to a reader as the XML entry inside a well-formed
// archive (mutations of an archive's own bytes mostly meet CRC and inflate errors).
#pragma once

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace longjing::fuzz {

// A zip archive of `entries` (name, bytes), in order, all deflated; aborts when libzip
// cannot build it (a bug of the harness, not a finding).
inline std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) std::abort();
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) std::abort();
  for (const auto& [name, bytes] : entries) {
    zip_source_t* data = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (data == nullptr || zip_file_add(archive, name.c_str(), data, ZIP_FL_OVERWRITE) < 0) {
      std::abort();
    }
  }
  if (zip_close(archive) != 0) std::abort();
  std::string out;
  if (zip_source_open(buffer) != 0) std::abort();
  char chunk[65536];
  for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;) {
    out.append(chunk, static_cast<std::size_t>(n));
  }
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

}  // namespace longjing::fuzz
