// Reading one input file from disk, safely: bounded size, no special files, binary content
// refused, the encoding recognised (UTF-8, UTF-16 with a BOM, else guessed among GB18030,
// Big5, UTF-16 and ISO-8859-1/windows-1252), ill-formed UTF-8 repaired and counted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "longjing/article.h"

namespace longjing {

// A file's text, ready for a format parser.
struct SourceText {
  std::string text;                    // valid UTF-8, without a leading BOM
  std::size_t repaired_sequences = 0;  // ill-formed UTF-8 sequences replaced by U+FFFD
  std::string content_hash;            // hex digest of the file's bytes as read
  std::string encoding = "UTF-8";      // what the bytes were decoded from: "UTF-8",
                                       // "UTF-16LE", "UTF-16BE", "GB18030", "Big5",
                                       // "ISO-8859-1" or "windows-1252"
  bool encoding_guessed = false;       // true when the charset detector chose `encoding`
                                       // (the file was neither UTF-8 nor marked by a BOM)
};

// Outcome of load_source_text: the text, or why the file cannot be indexed.
struct LoadResult {
  std::optional<SourceText> source;
  std::string problem;  // set when !source: "binary file (NUL bytes)", "larger than ..."
};

// A file's bytes as read from disk.
struct FileBytes {
  std::string bytes;
  std::string content_hash;  // content_digest(bytes)
};

// Outcome of load_file_bytes: the bytes, or why the file cannot be read.
struct BytesResult {
  std::optional<FileBytes> file;
  std::string problem;  // set when !file: "not a regular file", "larger than ...", errno text
};

// Reads the regular file at `path` if it is at most `max_bytes` long. Never throws for
// problems of the file itself; never blocks on FIFOs or devices.
BytesResult load_file_bytes(const std::string& path, std::uint64_t max_bytes);

// Decodes a file's bytes to UTF-8 text, as load_source_text describes. For HTML
// (`format` kHtml) a charset declared in a <meta> tag of the first 1,024 bytes comes
// after the BOM and before detection (HTML5's order): GBK/GB2312 (read as GB18030),
// Big5, Shift_JIS, Latin-1 (read as windows-1252) and whatever else ICU converts; bytes
// illegal in the declared encoding become U+FFFD. A declaration ICU does not know is
// ignored.
LoadResult decode_source_text(std::string_view bytes, Format format = Format::kText);

// Reads the regular file at `path` if it is at most `max_bytes` long and decodes it:
// a BOM decides (UTF-8, UTF-16LE/BE); valid UTF-8 is taken as is; other bytes go to the
// charset detector, and when it is not confident enough they are read as UTF-8 with
// ill-formed sequences replaced by U+FFFD. NUL bytes make a file binary unless the
// detector recognises UTF-16. Never throws for
// problems of the file itself (they are in LoadResult::problem); never blocks on FIFOs or
// devices (only regular files are opened).
// `format` as for decode_source_text.
LoadResult load_source_text(const std::string& path, std::uint64_t max_bytes,
                            Format format = Format::kText);

// Hex digest of bytes (64-bit FNV-1a): cheap change detection, not cryptographic.
std::string content_digest(const std::string& bytes);

}  // namespace longjing
