#include "ingest/zip_archive.h"

#include <zip.h>

#include <array>
#include <memory>

namespace longjing {
namespace {

std::string mebibytes(std::uint64_t bytes) {
  return bytes % (1ull << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                   : std::to_string(bytes) + " bytes";
}

// Closes a libzip file handle when it goes out of scope.
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes, const ReadLimits& limits)
    : budget_(limits.max_unpacked_bytes), total_(limits.max_unpacked_bytes) {
  if (bytes.size() < 4 || bytes.substr(0, 2) != "PK") {
    problem_ = "not a zip archive";
    return;
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    problem_ = std::string("cannot read the zip archive: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    return;
  }
  archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive_ == nullptr) {
    zip_source_free(source);
    problem_ = std::string("damaged zip archive: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    return;
  }
  zip_error_fini(&error);
  const zip_int64_t entries = zip_get_num_entries(archive_, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries) {
    problem_ = "zip archive of " + std::to_string(entries) + " entries, over the limit of " +
               std::to_string(limits.max_entries);
    zip_discard(archive_);
    archive_ = nullptr;
  }
}

ZipArchive::~ZipArchive() {
  if (archive_ != nullptr) zip_discard(archive_);
}

bool ZipArchive::has(std::string_view name) const {
  return archive_ != nullptr && zip_name_locate(archive_, std::string(name).c_str(), 0) >= 0;
}

std::optional<std::string> ZipArchive::read(std::string_view name, std::uint64_t at_most) {
  if (archive_ == nullptr) return std::nullopt;
  const std::string entry(name);
  const zip_int64_t index = zip_name_locate(archive_, entry.c_str(), 0);
  if (index < 0) {
    problem_ = "no entry " + entry + " in the archive";
    return std::nullopt;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    problem_ = "damaged zip entry " + entry;
    return std::nullopt;
  }
  const std::uint64_t wanted =
      (st.valid & ZIP_STAT_SIZE) ? std::min<std::uint64_t>(st.size, at_most) : 0;
  const std::uint64_t limit = std::min(at_most, budget_);
  if (wanted > budget_) {
    problem_ = "zip entry " + entry + " would unpack to " + mebibytes(st.size) +
               ", past the limit of " + mebibytes(total_) + " unpacked per archive";
    return std::nullopt;
  }
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    problem_ = "cannot read zip entry " + entry + ": " + zip_strerror(archive_);
    return std::nullopt;
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(wanted));
  std::array<char, 65536> buf{};
  for (;;) {
    // One byte more than the limit allows tells an entry that inflates past it.
    const std::uint64_t room = limit - out.size() + 1;
    const zip_int64_t n =
        zip_fread(file.get(), buf.data(), std::min<std::uint64_t>(buf.size(), room));
    if (n < 0) {
      problem_ = "damaged zip entry " + entry + ": " + zip_file_strerror(file.get());
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf.data(), static_cast<std::size_t>(n));
    if (out.size() > limit) {
      if (at_most <= budget_) {
        out.resize(static_cast<std::size_t>(at_most));
        break;
      }
      problem_ = "zip entry " + entry + " unpacks to more than the " + mebibytes(wanted) +
                 " it declares, past the limit of " + mebibytes(total_) + " unpacked per archive";
      budget_ = 0;
      return std::nullopt;
    }
  }
  budget_ -= out.size();
  problem_.clear();
  return out;
}

}  // namespace longjing
