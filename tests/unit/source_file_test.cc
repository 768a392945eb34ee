// Tests for source_file.h: reading one input file safely (size, special files, charset).
#include "longjing/source_file.h"

#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <string_view>

#include "longjing/utf8.h"
#include "temp_dir.h"

namespace longjing {
namespace {

// UTF-16 with a BOM, in the given byte order.
std::string utf16(std::u16string_view text, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (const char16_t unit : text) {
    const char hi = static_cast<char>(unit >> 8);
    const char lo = static_cast<char>(unit & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  }
  return out;
}

// `utf8` in another encoding, by glibc's iconv (independent of the ICU code under test).
std::string encode(std::string_view utf8, const char* charset) {
  iconv_t cd = ::iconv_open(charset, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in(utf8), out(utf8.size() * 4 + 16, '\0');
  char* in_ptr = in.data();
  char* out_ptr = out.data();
  std::size_t in_left = in.size(), out_left = out.size();
  const std::size_t converted = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  ::iconv_close(cd);
  REQUIRE(converted != static_cast<std::size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

constexpr std::uint64_t kLimit = 1 << 20;

TEST_CASE("load_source_text reads UTF-8 and strips a BOM", "[source_file]") {
  TempDir dir;
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
  };
  const Case cases[] = {
      {"plain.txt", "宇树 Unitree\nline two\n", "宇树 Unitree\nline two\n"},
      {"bom.txt", "\xEF\xBB\xBF宇树 Unitree", "宇树 Unitree"},
      {"empty.txt", "", ""},
      {"bom-only.txt", "\xEF\xBB\xBF", ""},
      {"utf16le.txt", utf16(u"宇树 Unitree", false), "宇树 Unitree"},
      {"utf16be.txt", utf16(u"宇树 Unitree", true), "宇树 Unitree"},
      {"utf16le-pair.txt", utf16(u"go \U0001F600!", false), "go \xF0\x9F\x98\x80!"},
      {"utf16be-pair.txt", utf16(u"go \U0001F600!", true), "go \xF0\x9F\x98\x80!"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const LoadResult result = load_source_text(dir.write(c.name, c.bytes), kLimit);
    REQUIRE(result.source.has_value());
    CHECK(result.problem.empty());
    CHECK(result.source->text == c.text);
    CHECK(result.source->repaired_sequences == 0);
    CHECK(result.source->content_hash == content_digest(c.bytes));  // the bytes as read
  }
}

TEST_CASE("load_source_text repairs ill-formed text and counts it", "[source_file]") {
  TempDir dir;
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
    std::size_t repaired;
  };
  const std::string r = "\xEF\xBF\xBD";
  const Case cases[] = {
      {"truncated.txt", "宇树\xE5\xAE", "宇树" + r, 1},
      {"surrogate.txt", "x\xED\xA0\x80y", "x" + r + "y", 1},
      {"utf16-lone-surrogate.txt", utf16(u"x\xD800y", false), "x" + r + "y", 1},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const LoadResult result = load_source_text(dir.write(c.name, c.bytes), kLimit);
    REQUIRE(result.source.has_value());
    CHECK(result.source->text == c.text);
    CHECK(result.source->repaired_sequences == c.repaired);
    CHECK(is_valid_utf8(result.source->text));
  }
}

// Regression: no peer decoded GB18030 or Big5 without a BOM.
TEST_CASE("load_source_text recognises legacy encodings that are not UTF-8", "[source_file]") {
  TempDir dir;
  const std::string simplified =
      "杭州宇树科技有限公司推出机器狗Go2。\n杭州六小龙包括深度求索。春风又绿江南岸。\n";
  const std::string traditional =
      "杭州宇樹科技有限公司推出機器狗Go2。\n杭州六小龍包括深度求索。春風又綠江南岸。\n";
  const std::string western =
      "The caf\u00e9 served cr\u00e8me br\u00fbl\u00e9e to a na\u00efve guest.\n";
  const std::string quoted = "\u201cQuoted\u201d caf\u00e9 text \u2014 with dashes.\n";
  const std::string english = "Unitree robots, written as UTF-16 without a byte order mark.\n";
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
    const char* encoding;
  };
  const Case cases[] = {
      {"gb18030.txt", encode(simplified, "GB18030"), simplified, "GB18030"},
      {"gbk.txt", encode("Title\n\n" + simplified, "GBK"), "Title\n\n" + simplified, "GB18030"},
      {"big5.txt", encode(traditional, "BIG5"), traditional, "Big5"},
      {"big5-mixed.txt", encode("Unitree " + traditional, "BIG5"), "Unitree " + traditional,
       "Big5"},
      {"latin1.txt", encode(western, "ISO-8859-1"), western, "ISO-8859-1"},
      {"cp1252.txt", encode(quoted, "WINDOWS-1252"), quoted, "windows-1252"},
      {"utf16le-no-bom.txt", encode(english, "UTF-16LE"), english, "UTF-16LE"},
      {"utf16be-no-bom.txt", encode(english, "UTF-16BE"), english, "UTF-16BE"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const LoadResult result = load_source_text(dir.write(c.name, c.bytes), kLimit);
    REQUIRE(result.source.has_value());
    CHECK(result.source->text == c.text);
    CHECK(result.source->encoding == c.encoding);
    CHECK(result.source->encoding_guessed);
    CHECK(result.source->repaired_sequences == 0);
    CHECK(result.source->content_hash == content_digest(c.bytes));
  }
}

TEST_CASE("load_source_text keeps UTF-8 when a guess would not be plausible", "[source_file]") {
  TempDir dir;
  const std::string r = "\xEF\xBF\xBD";
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
    std::size_t repaired;
  };
  const Case cases[] = {
      // Mostly well-formed UTF-8 with one bad byte: repaired, not reinterpreted.
      {"damaged-utf8.txt", "Unitree 宇树 caf\xE9 and more text\n",
       "Unitree 宇树 caf" + r + " and more text\n", 1},
      // Six characters of GB18030 are as plausible in Big5: the detector scores 10.
      {"short-gb18030.txt", encode("杭州宇树科技", "GB18030"),
       r + r + r + r + r + r + r + "\u01BC" + r, 8},  // C6 BC happens to be UTF-8
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const LoadResult result = load_source_text(dir.write(c.name, c.bytes), kLimit);
    REQUIRE(result.source.has_value());
    CHECK(result.source->text == c.text);
    CHECK(result.source->encoding == "UTF-8");
    CHECK_FALSE(result.source->encoding_guessed);
    CHECK(result.source->repaired_sequences == c.repaired);
  }
}

TEST_CASE("load_source_text refuses binary files", "[source_file]") {
  TempDir dir;
  const std::string bytes("ELF\0\0\x01\x02 binary", 14);
  const LoadResult result = load_source_text(dir.write("a.out", bytes), kLimit);
  CHECK_FALSE(result.source.has_value());
  CHECK_THAT(result.problem, Catch::Contains("binary"));
}

TEST_CASE("load_source_text enforces max_bytes", "[source_file]") {
  TempDir dir;
  const std::string path = dir.write("big.txt", std::string(1000, 'a'));
  SECTION("one byte over the limit") {
    const LoadResult result = load_source_text(path, 999);
    CHECK_FALSE(result.source.has_value());
    CHECK_THAT(result.problem, Catch::Contains("larger"));
  }
  SECTION("exactly the limit is accepted") {
    const LoadResult result = load_source_text(path, 1000);
    REQUIRE(result.source.has_value());
    CHECK(result.source->text == std::string(1000, 'a'));
  }
}

TEST_CASE("load_file_bytes reads every byte, whatever the size", "[source_file]") {
  TempDir dir;
  for (const std::size_t size : {0, 1, 4095, 4096, 65535, 65536, 65537, 200000}) {
    std::string content(size, '\0');
    for (std::size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + i % 26);
    const BytesResult read = load_file_bytes(dir.write("f.txt", content), kLimit);
    INFO("size " << size);
    REQUIRE(read.file.has_value());
    CHECK(read.file->bytes == content);
    CHECK(read.file->content_hash == content_digest(content));
  }
}

// A file can hold more than stat said (it grew, or it is a kernel file stat calls empty):
// what is there is read, up to the limit.
TEST_CASE("load_file_bytes reads past the size stat gave", "[source_file]") {
  struct stat st {};
  REQUIRE(::stat("/proc/self/status", &st) == 0);
  REQUIRE(st.st_size == 0);
  SECTION("within the limit") {
    const BytesResult read = load_file_bytes("/proc/self/status", kLimit);
    REQUIRE(read.file.has_value());
    CHECK(read.file->bytes.rfind("Name:", 0) == 0);
    CHECK(read.file->bytes.size() > 100);
  }
  SECTION("over the limit") {
    const BytesResult read = load_file_bytes("/proc/self/status", 10);
    CHECK_FALSE(read.file.has_value());
    CHECK_THAT(read.problem, Catch::Contains("larger"));
  }
}

TEST_CASE("load_source_text refuses what is not a regular file", "[source_file]") {
  TempDir dir;
  SECTION("a directory") {
    std::filesystem::create_directory(dir.str("sub"));
    const LoadResult result = load_source_text(dir.str("sub"), kLimit);
    CHECK_FALSE(result.source.has_value());
    CHECK(result.problem == "not a regular file");
  }
  SECTION("a missing file") {
    const LoadResult result = load_source_text(dir.str("missing.txt"), kLimit);
    CHECK_FALSE(result.source.has_value());
    CHECK_FALSE(result.problem.empty());
  }
  SECTION("an empty path") {
    const LoadResult result = load_source_text("", kLimit);
    CHECK_FALSE(result.source.has_value());
    CHECK_FALSE(result.problem.empty());
  }
}

// Regression: two peers hang forever on a named pipe.
TEST_CASE("load_source_text does not block on a FIFO", "[source_file]") {
  TempDir dir;
  const std::string fifo = dir.str("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Holding both ends open lets us unblock a reader that hangs, so a failure cannot
  // hang the test run.
  const int keep = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(keep >= 0);
  auto pending = std::async(std::launch::async, [&fifo] { return load_source_text(fifo, kLimit); });
  const bool prompt = pending.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  ::close(keep);  // EOF for a reader stuck on the FIFO
  CHECK(prompt);
  const LoadResult result = pending.get();
  CHECK_FALSE(result.source.has_value());
  CHECK(result.problem == "not a regular file");
}

TEST_CASE("content_digest is stable and content-sensitive", "[source_file]") {
  const std::string text = "宇树 Unitree";
  CHECK(content_digest(text) == content_digest(std::string(text)));
  CHECK(content_digest(text) != content_digest(text + " "));
  CHECK(content_digest("ab") != content_digest("ba"));
  CHECK(content_digest(std::string("a\0b", 3)) != content_digest("ab"));
  CHECK(content_digest(text).size() == 16);
  CHECK(content_digest(text).find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("content_digest matches the FNV-1a 64 test vectors", "[source_file]") {
  CHECK(content_digest("") == "cbf29ce484222325");
  CHECK(content_digest("a") == "af63dc4c8601ec8c");
  CHECK(content_digest("foobar") == "85944171f73967e8");
}

// An HTML page around `head` (the declaration) and a body of `body`.
std::string html_page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "<title>t</title></head><body><p>" +
         std::string(body) + "</p></body></html>";
}

TEST_CASE("decode_source_text reads HTML in the charset its <meta> declares", "[source_file]") {
  const std::string zh = "杭州宇树科技发布了新的机器狗，售价九万九千元。";
  const std::string ja = "東京の天気は晴れです。";
  struct Case {
    const char* what;
    std::string head;
    std::string body;     // in the declared encoding
    std::string decoded;  // what the page's body must read as
    const char* encoding;
  };
  const Case cases[] = {
      {"meta charset=gbk", "<meta charset=\"gbk\">", encode(zh, "GBK"), zh, "GB18030"},
      {"meta charset=GB2312, unquoted", "<META CHARSET=GB2312>", encode(zh, "GB2312"), zh,
       "GB18030"},
      {"http-equiv Content-Type big5",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">",
       encode("杭州宇樹科技發布了新的機器狗。", "BIG5"), "杭州宇樹科技發布了新的機器狗。", "Big5"},
      {"meta charset='shift_jis'", "<meta charset='shift_jis'>", encode(ja, "SHIFT_JIS"), ja,
       "Shift_JIS"},
      {"http-equiv before content, latin1",
       "<meta content='text/html;charset=ISO-8859-1' http-equiv=content-type>",
       encode("crème brûlée à la carte", "ISO-8859-1"), "crème brûlée à la carte", "windows-1252"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const LoadResult result = decode_source_text(html_page(c.head, c.body), Format::kHtml);
    REQUIRE(result.source.has_value());
    CHECK(result.source->text.find(c.decoded) != std::string::npos);
    CHECK(result.source->encoding == c.encoding);
    CHECK_FALSE(result.source->encoding_guessed);
  }
}

TEST_CASE("decode_source_text follows HTML5's order: BOM, declaration, detection",
          "[source_file]") {
  const std::string zh = "杭州宇树科技发布了新的机器狗";
  SECTION("a BOM beats the declaration") {
    const LoadResult r =
        decode_source_text("\xEF\xBB\xBF" + html_page("<meta charset=gbk>", zh), Format::kHtml);
    REQUIRE(r.source.has_value());
    CHECK(r.source->text.find(zh) != std::string::npos);
    CHECK(r.source->encoding == "UTF-8");
  }
  SECTION("a declaration after the first 1,024 bytes is not read") {
    const std::string padding = "<!-- " + std::string(1100, 'x') + " -->";
    const LoadResult r = decode_source_text(
        padding + html_page("<meta charset=gbk>", encode(zh, "GBK")), Format::kHtml);
    REQUIRE(r.source.has_value());
    CHECK(r.source->encoding == "GB18030");
    CHECK(r.source->encoding_guessed);  // found by detection, not by the declaration
  }
  SECTION("a declaration inside a comment is not one") {
    const LoadResult r =
        decode_source_text(html_page("<!-- <meta charset=gbk> -->", "crème brûlée"), Format::kHtml);
    REQUIRE(r.source.has_value());
    CHECK(r.source->text.find("crème brûlée") != std::string::npos);
    CHECK(r.source->encoding == "UTF-8");
  }
  SECTION("utf-16 declared in ASCII means UTF-8; an unknown label is ignored") {
    for (const char* head : {"<meta charset=utf-16>", "<meta charset=x-no-such-charset>"}) {
      const LoadResult r = decode_source_text(html_page(head, zh), Format::kHtml);
      REQUIRE(r.source.has_value());
      CHECK(r.source->text.find(zh) != std::string::npos);
      CHECK(r.source->encoding == "UTF-8");
    }
  }
  SECTION("plain text ignores what looks like a declaration") {
    const std::string page = html_page("<meta charset=gbk>", zh);
    const LoadResult r = decode_source_text(page, Format::kText);
    REQUIRE(r.source.has_value());
    CHECK(r.source->text == page);
  }
}

}  // namespace
}  // namespace longjing
