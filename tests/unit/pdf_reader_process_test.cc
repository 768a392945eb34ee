// Tests for read_pdf_in_reader_process: a PDF read in longjing-read-pdf gives what read_pdf
// gives, and a reader that hangs, dies, or answers nonsense costs only that PDF.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "longjing/documents.h"

namespace longjing {
namespace {

std::string fixture(const std::string& relative) {
  std::ifstream in(std::string(LONGJING_FIXTURES) + "/" + relative, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A stand-in for the reader: an executable shell script in a temporary folder.
std::string fake_reader(const std::string& name, const std::string& script) {
  const auto dir = std::filesystem::temp_directory_path() / "longjing-pdf-reader-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << "#!/bin/sh\n" << script << "\n";
  ::chmod(path.c_str(), 0755);
  return path;
}

ReadLimits with_reader(const std::string& reader) {
  ReadLimits limits;
  limits.pdf_reader = reader;
  return limits;
}

}  // namespace

TEST_CASE("A PDF read in the reader process is read as in this one", "[documents][pdf_reader]") {
  for (const char* file : {"documents/report.pdf", "documents/untitled.pdf",
                           "documents/encrypted.pdf", "documents/truncated.pdf"}) {
    INFO(file);
    const std::string bytes = fixture(file);
    const DocumentRead here = read_pdf(bytes, ReadLimits{});
    const DocumentRead there = read_pdf_in_reader_process(bytes, with_reader(LONGJING_PDF_READER));
    REQUIRE(here.article.has_value() == there.article.has_value());
    CHECK(here.problem == there.problem);
    CHECK(here.caveats == there.caveats);
    if (here.article) {
      CHECK(here.article->title == there.article->title);
      CHECK(here.article->source == there.article->source);
      CHECK(here.article->date == there.article->date);
      CHECK(here.article->body == there.article->body);
      CHECK(here.article->pages == there.article->pages);
    }
  }
}

TEST_CASE("A reader that hangs, dies or answers nonsense costs only that PDF",
          "[documents][pdf_reader]") {
  const std::string bytes = fixture("documents/report.pdf");
  const struct {
    const char* name;
    std::string reader;
    std::string problem;
  } cases[] = {
      {"hangs", fake_reader("hangs", "exec sleep 30"),
       "PDF took longer than 0 s to read (its reader was stopped)"},
      {"dies", fake_reader("dies", "cat >/dev/null; kill -SEGV $$"),
       "poppler failed on this PDF (its reader died of signal 11)"},
      {"runs out of memory", fake_reader("oom", "cat >/dev/null; exit 3"),
       "the PDF needs more than 1024 MB to read"},
      {"answers nonsense", fake_reader("nonsense", "cat >/dev/null; echo hello"),
       "poppler failed on this PDF (its reader exited 0 without an answer)"},
      {"reads nothing", fake_reader("deaf", "exit 0"),
       "poppler failed on this PDF (its reader exited 0 without an answer)"},
      {"is missing", "/nonexistent/longjing-read-pdf",
       "cannot run the PDF reader /nonexistent/longjing-read-pdf: No such file or directory"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    ReadLimits limits = with_reader(c.reader);
    limits.max_pdf_seconds = 0.2;
    const DocumentRead read = read_pdf_in_reader_process(bytes, limits);
    CHECK_FALSE(read.article.has_value());
    CHECK(read.problem == c.problem);
  }
}

TEST_CASE("A reader's answer says what read_pdf said, and nothing else reads as one",
          "[documents][pdf_reader]") {
  const DocumentRead read = read_pdf(fixture("documents/report.pdf"), ReadLimits{});
  REQUIRE(read.article.has_value());
  DocumentRead with_caveats = read;
  with_caveats.caveats = {"read the first 1 of 2 pages (the limit)", "text cut at 64 MiB"};
  const std::string answer = encode_pdf_answer(with_caveats);
  const auto decoded = decode_pdf_answer(answer);
  REQUIRE(decoded.has_value());
  CHECK(decoded->caveats == with_caveats.caveats);
  CHECK(decoded->article->body == read.article->body);
  const auto refusal =
      decode_pdf_answer(encode_pdf_answer(DocumentRead{std::nullopt, "encrypted PDF", {}}));
  REQUIRE(refusal.has_value());
  CHECK(refusal->problem == "encrypted PDF");
  for (std::size_t n = 0; n + 1 < answer.size(); n += 7) {
    INFO("first " << n << " bytes");
    CHECK_FALSE(decode_pdf_answer(std::string_view(answer).substr(0, n)).has_value());
  }
  for (const char* nonsense : {"", "X\n", "R\n", "A\nnine\n", "A\n2\none caveat\n"}) {
    CHECK_FALSE(decode_pdf_answer(nonsense).has_value());
  }
}

}  // namespace longjing
