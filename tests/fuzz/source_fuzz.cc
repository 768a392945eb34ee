// Fuzz target: arbitrary bytes written to a file, then load_source_text (size limit,
// binary detection, BOMs, UTF-16, charset detection, UTF-8 repair). Contract checked
// besides "no crash, no sanitizer report": either a source or a non-empty problem; a
// source's text is valid UTF-8 and its hash is the bytes' digest; valid UTF-8 without NUL
// bytes is taken as is, less a leading BOM; a file over the limit is refused. The bytes
// are also decoded as HTML (decode_source_text with a <meta> charset declaration), whose
// text must be valid UTF-8 too.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "longjing/source_file.h"
#include "longjing/utf8.h"

namespace {

using longjing::fuzz::require;

// One file, rewritten for every input, in a directory of our own removed at exit.
const std::string& scratch_file() {
  static const std::string path = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string dir =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/longjing-source-fuzz-XXXXXX";
    if (::mkdtemp(dir.data()) == nullptr) {
      std::perror("source_fuzz: mkdtemp");
      std::abort();
    }
    static std::string cleanup_dir = dir;
    std::atexit([] {
      std::remove((cleanup_dir + "/input.txt").c_str());
      ::rmdir(cleanup_dir.c_str());
    });
    return dir + "/input.txt";
  }();
  return path;
}

void write_file(const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() ||
      std::fclose(f) != 0) {
    std::perror("source_fuzz: cannot write the scratch file");
    std::abort();
  }
}

// The limit is below libFuzzer's usual input sizes now and then, so refusals are covered.
constexpr std::uint64_t kLimit = 3000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const std::string& path = scratch_file();
  write_file(path, bytes);
  const longjing::LoadResult result = longjing::load_source_text(path, kLimit);
  if (!result.source) {
    require(!result.problem.empty(), "neither a source nor a problem", bytes);
    return 0;
  }
  require(size <= kLimit, "a file over the limit was read", bytes);
  const longjing::SourceText& source = *result.source;
  require(longjing::is_valid_utf8(source.text), "text not valid UTF-8", bytes);
  if (longjing::is_valid_utf8(bytes) && bytes.find('\0') == std::string::npos) {
    const bool bom = bytes.rfind("\xEF\xBB\xBF", 0) == 0;
    require(source.text == std::string_view(bytes).substr(bom ? 3 : 0),
            "valid UTF-8 not taken as is", bytes);
  }
  require(source.content_hash == longjing::content_digest(bytes), "hash not of the bytes", bytes);

  // The same bytes as HTML, where a <meta> charset declaration may decide the encoding.
  const longjing::LoadResult html = longjing::decode_source_text(bytes, longjing::Format::kHtml);
  require(html.source.has_value() || !html.problem.empty(), "HTML: neither a source nor a problem",
          bytes);
  if (html.source) {
    require(longjing::is_valid_utf8(html.source->text), "HTML text not valid UTF-8", bytes);
  }
  return 0;
}
