#include "longjing/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "base/fnv.h"
#include "ingest/charset.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

// How far into a file NUL bytes are looked for to call it binary.
constexpr std::size_t kBinaryProbeBytes = 8192;

std::string human_size(std::uint64_t bytes) {
  std::array<char, 32> buf{};
  if (bytes >= (1ull << 20)) {
    std::snprintf(buf.data(), buf.size(), "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  } else {
    std::snprintf(buf.data(), buf.size(), "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buf.data();
}

// Decodes UTF-16 (after its BOM) to UTF-8; unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool big_endian, std::size_t& repaired) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) {
    const auto hi = static_cast<unsigned char>(bytes[big_endian ? i : i + 1]);
    const auto lo = static_cast<unsigned char>(bytes[big_endian ? i + 1 : i]);
    return static_cast<char32_t>((hi << 8) | lo);
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
      ++repaired;
    }
    append_utf8(out, cp);
  }
  if (bytes.size() % 2 != 0) ++repaired;  // a dangling odd byte
  return out;
}

LoadResult problem(std::string message) { return LoadResult{std::nullopt, std::move(message)}; }

std::string digest_of(std::string_view bytes) {
  std::array<char, 17> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(fnv1a64(bytes)));
  return hex.data();
}

}  // namespace

std::string content_digest(const std::string& bytes) { return digest_of(bytes); }

BytesResult load_file_bytes(const std::string& path, std::uint64_t max_bytes) {
  auto failed = [](std::string message) { return BytesResult{std::nullopt, std::move(message)}; };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return failed(std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return failed("not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    return failed("larger than the limit of " + human_size(max_bytes) + " (" +
                  human_size(static_cast<std::uint64_t>(st.st_size)) + ")");
  }
  // O_NONBLOCK: should the file be swapped for a FIFO after stat, open must not hang.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return failed(std::strerror(errno));
  // Read straight into the result, sized for the file as stat saw it plus one byte, so a
  // file that has not grown is read in one call and the next one sees its end: no buffer
  // to zero and copy out of for each of a build's files.
  const std::uint64_t limit = max_bytes == UINT64_MAX ? max_bytes : max_bytes + 1;
  std::string bytes(static_cast<std::size_t>(
                        std::min<std::uint64_t>(static_cast<std::uint64_t>(st.st_size) + 1, limit)),
                    '\0');
  std::size_t used = 0;
  bool too_large = false;
  for (;;) {
    if (used == bytes.size()) {  // the file grew since stat (and is still within the limit)
      bytes.resize(static_cast<std::size_t>(
          std::min<std::uint64_t>(std::max<std::size_t>(bytes.size() * 2, 4096), limit)));
    }
    const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return failed(std::strerror(err));
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (used > max_bytes) {
      too_large = true;
      break;
    }
  }
  bytes.resize(used);
  ::close(fd);
  if (too_large) return failed("larger than the limit of " + human_size(max_bytes));
  FileBytes file;
  file.content_hash = content_digest(bytes);
  file.bytes = std::move(bytes);
  return BytesResult{std::move(file), {}};
}

LoadResult decode_source_text(std::string_view bytes, Format format) {
  SourceText source;
  source.content_hash = digest_of(bytes);
  const bool utf16le = bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE';
  const bool utf16be = bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF';
  if (utf16le || utf16be) {
    source.text = utf16_to_utf8(bytes, utf16be, source.repaired_sequences);
    source.encoding = utf16be ? "UTF-16BE" : "UTF-16LE";
    return LoadResult{std::move(source), {}};
  }
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const bool had_bom = text.size() != bytes.size();
  const std::string_view probe = text.substr(0, kBinaryProbeBytes);
  const bool has_nul = probe.find('\0') != std::string_view::npos;
  if (format == Format::kHtml && !had_bom && !has_nul) {
    const auto declared = html_declared_charset(text);
    if (declared && *declared != "UTF-8") {
      if (auto converted = convert_declared(text, *declared)) {
        source.text = std::move(*converted);
        source.encoding = *declared;
        return LoadResult{std::move(source), {}};
      }
    }
  }
  if (!has_nul && is_valid_utf8(text)) {
    source.text = std::string(text);
    return LoadResult{std::move(source), {}};
  }
  if (auto detected = had_bom ? std::nullopt : detect_and_convert(text, has_nul)) {
    source.text = std::move(detected->text);
    source.encoding = std::move(detected->encoding);
    source.encoding_guessed = true;
    return LoadResult{std::move(source), {}};
  }
  if (has_nul) return problem("binary file (contains NUL bytes)");
  source.text = repair_utf8(text, source.repaired_sequences);
  return LoadResult{std::move(source), {}};
}

LoadResult load_source_text(const std::string& path, std::uint64_t max_bytes, Format format) {
  BytesResult loaded = load_file_bytes(path, max_bytes);
  if (!loaded.file) return problem(std::move(loaded.problem));
  LoadResult decoded = decode_source_text(loaded.file->bytes, format);
  if (decoded.source) decoded.source->content_hash = std::move(loaded.file->content_hash);
  return decoded;
}

}  // namespace longjing
