// Tests of the document readers (documents.h): format sniffing, what each reader takes
// from the fixtures of tests/fixtures/documents/ (written by make_documents.py), the
// files they refuse and why, and the limits on hostile input (tests/fixtures/hostile/).
#include "longjing/documents.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/utf8.h"

namespace longjing {
namespace {

std::string fixture(const std::string& relative) {
  std::ifstream in(std::string(LONGJING_FIXTURES) + "/" + relative, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// ---- sniff_format ------------------------------------------------------------------------

TEST_CASE("sniff_format believes a signature over the file's name", "[documents]") {
  struct Case {
    const char* file;
    Format by_name;
    Format expected;
  };
  const Case cases[] = {
      {"documents/report.pdf", Format::kPdf, Format::kPdf},
      {"documents/really-a-pdf.txt", Format::kText, Format::kPdf},
      {"documents/report.pdf", Format::kDocx, Format::kPdf},
      {"documents/dragons.epub", Format::kDocx, Format::kEpub},
      {"documents/poems-epub2.epub", Format::kEpub, Format::kEpub},
      {"documents/memo.docx", Format::kText, Format::kDocx},
      {"documents/meeting.odt", Format::kEpub, Format::kOdt},
      {"documents/newsletter.eml", Format::kEmail, Format::kEmail},
      // No signature: the name decides (text can start like a mail, or like anything).
      {"documents/newsletter.eml", Format::kText, Format::kText},
      // A zip archive that is none of the three keeps the name's format.
      {"hostile/many-entries.epub", Format::kEpub, Format::kEpub},
      {"hostile/many-entries.epub", Format::kText, Format::kEpub},  // its mimetype says EPUB
  };
  for (const Case& c : cases) {
    CAPTURE(c.file, static_cast<int>(c.by_name));
    CHECK(sniff_format(fixture(c.file), c.by_name) == c.expected);
  }
  CHECK(sniff_format("just text, %PDF- later", Format::kMarkdown) == Format::kMarkdown);
  CHECK(sniff_format("junk before the header\n%PDF-1.4\n", Format::kPdf) == Format::kPdf);
  CHECK(sniff_format(std::string("PK\x03\x04", 4) + "not really a zip", Format::kText) ==
        Format::kText);
  CHECK(sniff_format("", Format::kHtml) == Format::kHtml);
}

// ---- What each reader reads --------------------------------------------------------------

struct ReadCase {
  const char* file;
  Format format;
  const char* title;
  const char* date;
  const char* source;
  const char* language;
  std::vector<const char*> in_body;
  std::vector<const char*> not_in_body;
};

TEST_CASE("read_document takes text and metadata from each format", "[documents]") {
  const ReadCase cases[] = {
      {"documents/report.pdf",
       Format::kPdf,
       "宇树机器狗报告 Robot Dog Report",
       "2025-02-19",
       "华博 Huabo",
       "",
       {"Robot Dogs of Hangzhou", "杭州宇树科技发布了新的机器狗，售价九万九千元。", "pdfmarkerone",
        "深度求索也在杭州。"},
       {}},
      // No document information: the first line is the title.
      {"documents/untitled.pdf",
       Format::kPdf,
       "Quarterly Notes",
       "",
       "",
       "",
       {"季度笔记：无题的文件。", "untitledpdfmarker ends it."},
       {"Quarterly Notes"}},
      {"documents/dragons.epub",
       Format::kEpub,
       "杭州六小龙 The Six Little Dragons",
       "2024-03-08",
       "李华 Li Hua",
       "zh-Hans",
       {"宇树科技在杭州制造机器狗。", "epubchapteronemarker", "epubchaptertwomarker"},
       {"navonlymarker", "margin"}},
      {"documents/poems-epub2.epub",
       Format::kEpub,
       "Spring Poems 春日诗选",
       "2023-04-01",
       "Du Fu 杜甫",
       "en",
       {"好雨知时节，当春乃发生。"},
       {}},
      {"documents/memo.docx",
       Format::kDocx,
       "宇树季度备忘录 Unitree Memo",
       "2025-01-15",
       "王芳 Wang Fang",
       "zh-CN",
       {"季度备忘录 Quarterly Memo\nRobots\n",
        "宇树科技的机器狗 sells well; docxbodymarker after a tab.",
        "公司 | 城市\n宇树 Unitree | 杭州 docxtablemarker"},
       {"deletedtextmarker"}},
      {"documents/meeting.odt",
       Format::kOdt,
       "深度求索会议纪要 DeepSeek Meeting",
       "2025-02-06",
       "陈明 Chen Ming",
       "zh-CN",
       {"会议纪要 Meeting Notes\n", "深度求索的模型 odtbodymarker in Hangzhou.",
        "第一项 odtlistmarker", "项目 | odttablemarker"},
       {"annotationmarker", "Someone Else"}},
      {"documents/newsletter.eml",
       Format::kEmail,
       "宇树科技周报 Unitree weekly",
       "2025-02-19",
       "華博 <huabo@example.com>",
       "zh-CN",
       {"宇树科技本周发布了新的机器狗。\nmailplainmarker"},
       {"htmlalternativemarker", "attachmentonlymarker", "\r"}},
      {"documents/html-only.eml",
       Format::kEmail,
       "深度求索 電子報",
       "2025-02-06",
       "DeepSeek News <news@example.com>",
       "",
       {"深度求索發布了新模型。mailhtmlonlymarker"},
       {"p{}"}},
  };
  for (const ReadCase& c : cases) {
    CAPTURE(c.file);
    const DocumentRead read = read_document(c.format, fixture(c.file));
    CAPTURE(read.problem);
    REQUIRE(read.article.has_value());
    const Article& a = *read.article;
    CAPTURE(a.body);
    CHECK(a.title == c.title);
    CHECK(a.date == c.date);
    CHECK(a.source == c.source);
    CHECK(a.language == c.language);
    for (const char* part : c.in_body) CHECK(contains(a.body, part));
    for (const char* part : c.not_in_body) CHECK_FALSE(contains(a.body, part));
    CHECK(read.caveats.empty());
    for (const std::string* field : {&a.title, &a.date, &a.source, &a.language, &a.body}) {
      CHECK(is_valid_utf8(*field));
    }
  }
}

TEST_CASE("read_pdf keeps the pages in order", "[documents]") {
  const DocumentRead read = read_pdf(fixture("documents/report.pdf"), ReadLimits{});
  REQUIRE(read.article.has_value());
  const std::string& body = read.article->body;
  CHECK(body.find("pdfmarkerone") < body.find("pdfmarkertwo"));
  CHECK(contains(body, "售价九万九千元。\n\nPage two"));  // a blank line between pages
  CHECK(read.article->pages == 2);
}

TEST_CASE("a document's first line that repeats its title leaves the body", "[documents]") {
  const DocumentRead untitled = read_pdf(fixture("documents/untitled.pdf"), ReadLimits{});
  REQUIRE(untitled.article.has_value());
  CHECK(untitled.article->title == "Quarterly Notes");
  CHECK(untitled.article->body.rfind("季度笔记", 0) == 0);
  // A mail with a subject and no text is still a document: it is found by its subject.
  const DocumentRead subject_only =
      read_email("Subject: nothing else\r\nFrom: a@example.com\r\n\r\n", ReadLimits{});
  REQUIRE(subject_only.article.has_value());
  CHECK(subject_only.article->title == "nothing else");
  CHECK(subject_only.article->body.empty());
}

// ---- What the readers refuse -------------------------------------------------------------

TEST_CASE("read_document refuses what it cannot read, saying why", "[documents]") {
  struct Case {
    const char* what;
    Format format;
    std::string bytes;
    const char* problem;
  };
  const std::string report = fixture("documents/report.pdf");
  const Case cases[] = {
      {"encrypted PDF", Format::kPdf, fixture("documents/encrypted.pdf"),
       "encrypted PDF (it needs a password to open)"},
      {"truncated PDF", Format::kPdf, fixture("documents/truncated.pdf"),
       "damaged PDF (poppler cannot read it)"},
      {"text named .pdf", Format::kPdf, "Not a PDF at all.\n", "not a PDF (no %PDF- header)"},
      {"header only", Format::kPdf, "%PDF-1.4\n", "damaged PDF (poppler cannot read it)"},
      {"text named .epub", Format::kEpub, "plain text", "not a zip archive"},
      {"text named .docx", Format::kDocx, "plain text", "not a zip archive"},
      {"EPUB named .docx", Format::kDocx, fixture("documents/dragons.epub"),
       "not a DOCX: no word/document.xml"},
      {"DOCX named .odt", Format::kOdt, fixture("documents/memo.docx"),
       "not an OpenDocument text: no content.xml"},
      {"ODT named .epub", Format::kEpub, fixture("documents/meeting.odt"),
       "not an EPUB: no entry META-INF/container.xml in the archive"},
      {"truncated zip", Format::kDocx, fixture("documents/memo.docx").substr(0, 600),
       "damaged zip archive: Not a zip archive"},
      {"text named .eml", Format::kEmail, "Just a line of text.\n",
       "not an e-mail message (no RFC 822 headers)"},
      {"header lines but no mail", Format::kEmail, "Title: a note\nTags: x\n\nThe note.\n",
       "not an e-mail message (no Subject, From or Date header)"},
      {"mail without subject or body", Format::kEmail,
       "Date: Tue, 1 Dec 2026 09:00:00 +0000\r\n\r\n", "no text in the document"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const DocumentRead read = read_document(c.format, c.bytes);
    CHECK_FALSE(read.article.has_value());
    CHECK(read.problem == c.problem);
  }
}

// ---- Limits ------------------------------------------------------------------------------

// Limits small enough for the hostile fixtures: 1 MiB unpacked, 10 entries.
ReadLimits small_limits() {
  ReadLimits limits;
  limits.max_unpacked_bytes = 1 << 20;
  limits.max_entries = 10;
  return limits;
}

TEST_CASE("archives past the limits are refused, not inflated", "[documents]") {
  struct Case {
    const char* file;
    Format format;
    const char* problem;
  };
  const Case cases[] = {
      {"hostile/bomb-8m.docx", Format::kDocx,
       "zip entry word/document.xml would unpack to 8388633 bytes, past the limit of 1 MiB "
       "unpacked per archive"},
      // Its headers say 1,000 bytes: inflating stops one byte past the limit.
      {"hostile/bomb-lying.docx", Format::kDocx,
       "zip entry word/document.xml unpacks to more than the 1000 bytes it declares, past the "
       "limit of 1 MiB unpacked per archive"},
      {"hostile/many-entries.epub", Format::kEpub,
       "zip archive of 21 entries, over the limit of 10"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const DocumentRead read = read_document(c.format, fixture(c.file), small_limits());
    CHECK_FALSE(read.article.has_value());
    CHECK(read.problem == c.problem);
  }
  // Under the default limits the same files are read as far as their content allows.
  const DocumentRead bomb = read_document(Format::kDocx, fixture("hostile/bomb-8m.docx"));
  CHECK(bomb.problem == "not a DOCX: word/document.xml has no w:body");
}

TEST_CASE("read_pdf stops at the page and text limits, and says so", "[documents]") {
  ReadLimits one_page;
  one_page.max_pdf_pages = 1;
  const DocumentRead first = read_pdf(fixture("documents/report.pdf"), one_page);
  REQUIRE(first.article.has_value());
  CHECK(contains(first.article->body, "pdfmarkerone"));
  CHECK_FALSE(contains(first.article->body, "pdfmarkertwo"));
  CHECK(first.caveats == std::vector<std::string>{"read the first 1 of 2 pages (the limit)"});

  ReadLimits short_text;
  short_text.max_text_bytes = 25;
  const DocumentRead cut = read_pdf(fixture("documents/report.pdf"), short_text);
  REQUIRE(cut.article.has_value());
  CHECK(cut.article->body.size() <= 25);
  CHECK(is_valid_utf8(cut.article->body));
  CHECK(cut.caveats == std::vector<std::string>{"text cut at the limit of 25 bytes"});

  ReadLimits no_time;
  no_time.max_pdf_seconds = -1;
  const DocumentRead slow = read_pdf(fixture("documents/report.pdf"), no_time);
  CHECK_FALSE(slow.article.has_value());
  CHECK(contains(slow.problem, "PDF took longer than"));
}

// ---- E-mail headers ----------------------------------------------------------------------

TEST_CASE("read_email decodes RFC 2047 subjects in Chinese charsets", "[documents]") {
  struct Case {
    const char* subject;  // as written in the header
    const char* title;    // as read
  };
  const Case cases[] = {
      {"=?GBK?B?0+7K97/GvLzW3LGo?=", "宇树科技周报"},
      {"=?GB2312?B?0+7K97/GvLzW3LGo?=", "宇树科技周报"},
      {"=?BIG5?B?pnS+8Kzsp962Z7P4?=", "宇樹科技週報"},
      {"=?UTF-8?Q?=E6=B7=B1=E5=BA=A6=E6=B1=82=E7=B4=A2_news?=", "深度求索 news"},
      {"Weekly =?GBK?B?0+7K97/GvLzW3LGo?= digest", "Weekly 宇树科技周报 digest"},
      {"Plain ASCII subject", "Plain ASCII subject"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.subject);
    const std::string mail = std::string("From: a@example.com\r\nSubject: ") + c.subject +
                             "\r\nDate: Tue, 1 Dec 2026 09:00:00 +0000\r\n\r\nbody text\r\n";
    const DocumentRead read = read_email(mail, ReadLimits{});
    REQUIRE(read.article.has_value());
    CHECK(read.article->title == c.title);
    CHECK(read.article->date == "2026-12-01");
    CHECK(read.article->body == "body text\n");
  }
}

}  // namespace
}  // namespace longjing
