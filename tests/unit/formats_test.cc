// Tests of the format parsers (formats.h): format selection, the plain-text header, front
// matter, Markdown and HTML text extraction, and robustness on empty or broken input.
#include "longjing/formats.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/utf8.h"

namespace longjing {
namespace {

using namespace std::string_literals;

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool starts_with_blank(std::string_view text) {
  return !text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n');
}

// The first four lines of corpus/hangzhou-six-little-dragons.txt, copied so that the test
// does not depend on the corpus (which grows).
constexpr std::string_view kSeedArticleHead =
    "02/19 2025\n"
    "398\n"
    "Produced by | Huabo Business Review\n"
    "In January of this year, DeepSeek's decision to open-source its R1 inference model "
    "garnered global attention. This move not only stirred the AI community but also triggered "
    "a significant downturn in technology stocks, such as NVIDIA, wiping out hundreds of "
    "billions of dollars in market capitalization. Meanwhile, Hangzhou, the cradle of DeepSeek, "
    "has sparked widespread discussions: What is it about Hangzhou that nurtured this "
    "groundbreaking company, rather than Beijing, Shanghai, or Shenzhen?\n";

// ---- format_for_path ---------------------------------------------------------------------

struct PathCase {
  std::string_view path;
  std::optional<Format> expected;
};

TEST_CASE("format_for_path maps extensions case-insensitively", "[formats]") {
  const PathCase cases[] = {
      {"a.txt", Format::kText},
      {"/corpus/A.TXT", Format::kText},
      {"notes.text", Format::kText},
      {"post.md", Format::kMarkdown},
      {"post.MarkDown", Format::kMarkdown},
      {"page.html", Format::kHtml},
      {"dir.v2/page.HTM", Format::kHtml},
      {"chapter.xhtml", Format::kHtml},
      {"report.PDF", Format::kPdf},
      {"book.epub", Format::kEpub},
      {"memo.docx", Format::kDocx},
      {"notes.odt", Format::kOdt},
      {"letter.eml", Format::kEmail},
      {"old.doc", std::nullopt},
      {"README", std::nullopt},
      {"photo.png", std::nullopt},
      {"archive.md.gz", std::nullopt},
      {"dir.md/README", std::nullopt},
      {"trailing.", std::nullopt},
      {".md", std::nullopt},
      {"", std::nullopt},
  };
  for (const PathCase& c : cases) {
    CAPTURE(c.path);
    CHECK(format_for_path(c.path) == c.expected);
  }
}

// ---- plain text --------------------------------------------------------------------------

TEST_CASE("parse_text reads the seed article's header", "[formats]") {
  const Article article = parse_text(kSeedArticleHead);
  CHECK(article.date == "2025-02-19");
  CHECK(article.source == "Huabo Business Review");
  CHECK(article.title ==
        "In January of this year, DeepSeek's decision to open-source its R1 inference model "
        "garnered global\xE2\x80\xA6");
  CHECK(count_code_points(article.title) <= 101);
  // The body is the article without its three header lines; the title line stays.
  const std::string_view expected_body =
      kSeedArticleHead.substr(kSeedArticleHead.find("In January"),
                              kSeedArticleHead.size() - kSeedArticleHead.find("In January") - 1);
  CHECK(article.body == expected_body);
  CHECK(article.language.empty());
  CHECK(article.url.empty());
}

struct DateCase {
  std::string_view line;
  std::string_view expected;  // empty: not a date
};

TEST_CASE("parse_text recognises each date form and rejects impossible dates", "[formats]") {
  const DateCase cases[] = {
      {"02/19 2025", "2025-02-19"},
      {"2/9 2025", "2025-02-09"},
      {"02/19/2025", "2025-02-19"},
      {"2025-02-19", "2025-02-19"},
      {"2025/02/19", "2025-02-19"},
      {"2025/2/9", "2025-02-09"},
      {"2025年2月19日", "2025-02-19"},
      {"2025年12月1日", "2025-12-01"},
      {"  2025-02-19  ", "2025-02-19"},
      {"2024-02-29", "2024-02-29"},
      {"2023-02-29", ""},
      {"1900-02-29", ""},
      {"2000-02-29", "2000-02-29"},
      {"2025-13-45", ""},
      {"2025-04-31", ""},
      {"02/30 2025", ""},
      {"00/10 2025", ""},
      {"2025-02-19 extra words", ""},
      {"2025-2-19-1", ""},
      {"19/02 2025", ""},
      {"April 5, 2024", "2024-04-05"},
      {"apr 5 2024", "2024-04-05"},
      {"Sept. 30, 2023", "2023-09-30"},
      {"5 April 2024", "2024-04-05"},
      {"April 31, 2024", ""},
      {"Aprill 5, 2024", ""},
      {"Ap 5, 2024", ""},
  };
  for (const DateCase& c : cases) {
    CAPTURE(c.line);
    const Article article = parse_text(std::string(c.line) + "\nThe title\nBody text.\n");
    CHECK(article.date == c.expected);
    if (c.expected.empty()) {
      // Not a date: the line is ordinary text, hence the title, and stays in the body.
      CHECK(article.title == trim_spaces(c.line));
      CHECK(contains(article.body, trim_spaces(c.line)));
    } else {
      CHECK(article.title == "The title");
      CHECK(article.body == "The title\nBody text.");
    }
  }
}

TEST_CASE("Front matter: a date that names no calendar day is dropped and kept for the report",
          "[formats]") {
  const Article kept = parse_markdown("---\ntitle: T\ndate: April 5, 2024\n---\nBody\n");
  CHECK(kept.date == "2024-04-05");
  CHECK(kept.dropped_date.empty());
  const Article dropped = parse_markdown("---\ntitle: T\ndate: 2024-02-30\n---\nBody\n");
  CHECK(dropped.date.empty());
  CHECK(dropped.dropped_date == "2024-02-30");
  const Article html = parse_html(
      "<html><head><meta name=\"date\" content=\"someday\"><title>T</title></head>"
      "<body>x</body></html>");
  CHECK(html.date.empty());
  CHECK(html.dropped_date == "someday");
}

struct SourceCase {
  std::string_view line;
  std::string_view expected;
};

TEST_CASE("parse_text reads the source line forms", "[formats]") {
  const SourceCase cases[] = {
      {"Produced by | Huabo Business Review", "Huabo Business Review"},
      {"Produced by: Huabo", "Huabo"},
      {"PRODUCED BY |  Two   Words ", "Two Words"},
      {"Source: Xinhua", "Xinhua"},
      {"来源：新华社", "新华社"},
      {"来源: 新华社", "新华社"},
  };
  for (const SourceCase& c : cases) {
    CAPTURE(c.line);
    const Article article = parse_text("2025-02-19\n" + std::string(c.line) + "\n标题\n正文。");
    CHECK(article.source == c.expected);
    CHECK(article.date == "2025-02-19");
    CHECK(article.title == "标题");
    CHECK(article.body == "标题\n正文。");
  }
}

TEST_CASE("parse_text examines only the header", "[formats]") {
  SECTION("a bare number after the body has begun stays") {
    const Article article = parse_text("Title\nFirst paragraph.\n398\n2025-02-19\n");
    CHECK(article.title == "Title");
    CHECK(article.date.empty());
    CHECK(article.body == "Title\nFirst paragraph.\n398\n2025-02-19");
  }
  SECTION("metadata after the title line is still header") {
    const Article article = parse_text("宇树科技的机器狗\n来源：新华社\n2025年2月19日\n正文。\n");
    CHECK(article.title == "宇树科技的机器狗");
    CHECK(article.source == "新华社");
    CHECK(article.date == "2025-02-19");
    CHECK(article.body == "宇树科技的机器狗\n正文。");
  }
  SECTION("only five non-empty lines are examined") {
    const Article article = parse_text("1\n2\n3\n4\n5\n2025-02-19\nText\n");
    CHECK(article.date.empty());
    CHECK(article.title == "2025-02-19");
    CHECK(article.body == "2025-02-19\nText");
  }
  SECTION("a second date line is text") {
    const Article article = parse_text("2025-02-19\n2025-02-20\nBody\n");
    CHECK(article.date == "2025-02-19");
    CHECK(article.title == "2025-02-20");
  }
}

TEST_CASE("parse_text handles BOM, CRLF and blank lines", "[formats]") {
  const Article article = parse_text(
      "\xEF\xBB\xBF"
      "\r\n  \r\n02/19 2025\r\n398\r\n  Title here  \r\n\r\nBody\r\n");
  CHECK(article.date == "2025-02-19");
  CHECK(article.title == "Title here");
  CHECK(article.body == "  Title here  \n\nBody");
}

TEST_CASE("parse_text cuts long titles without splitting characters", "[formats]") {
  SECTION("Chinese: no word boundary, cut at 100 characters") {
    std::string line;
    for (int i = 0; i < 130; ++i) line += "宇";
    const Article article = parse_text(line + "\n正文");
    CHECK(is_valid_utf8(article.title));
    CHECK(count_code_points(article.title) == 101);
    CHECK(article.title.substr(article.title.size() - 3) == "\xE2\x80\xA6");
    CHECK(article.body == line + "\n正文");
  }
  SECTION("a title of 120 characters is kept whole") {
    const std::string line(120, 'a');
    CHECK(parse_text(line).title == line);
  }
  SECTION("English: cut at the last space within 100 characters") {
    std::string line;
    for (int i = 0; i < 30; ++i) line += "word ";  // 150 characters
    const Article article = parse_text(line);
    CHECK(article.title == std::string(line.substr(0, 99)) + "\xE2\x80\xA6");
  }
}

TEST_CASE("parse_text never returns a blank title", "[formats]") {
  CHECK(parse_text("   \n\t\n\xE3\x80\x80\n").title.empty());
  CHECK(parse_text("   \n\t\n\xE3\x80\x80\n").body.empty());
  CHECK(parse_text("\xE3\x80\x80\xE3\x80\x80宇树科技\n").title == "宇树科技");
}

// ---- front matter (through parse_markdown) -----------------------------------------------

TEST_CASE("front matter gives the metadata", "[formats]") {
  const Article article = parse_markdown(
      "\xEF\xBB\xBF---\n"
      "title: \"Robots: \\\"Unitree\\\" in Hangzhou\"\n"
      "date: 2025-02-20T10:00:00Z\n"
      "author: 'Jane O''Brien'\n"
      "lang: zh-Hans\n"
      "url: https://example.com/a  # canonical\n"
      "tags: [robots, hangzhou]\n"
      "---\n"
      "# Heading\n\nText.\n");
  CHECK(article.title == "Robots: \"Unitree\" in Hangzhou");
  CHECK(article.date == "2025-02-20");
  CHECK(article.source == "Jane O'Brien");
  CHECK(article.language == "zh-Hans");
  CHECK(article.url == "https://example.com/a");
  CHECK(article.body == "Heading\nText.");
}

struct FrontMatterDateCase {
  std::string_view value;
  std::string_view expected;
};

TEST_CASE("front matter dates are normalized or dropped", "[formats]") {
  const FrontMatterDateCase cases[] = {
      {"2025-02-20", "2025-02-20"},
      {"2025-02-20T10:00:00Z", "2025-02-20"},
      {"2025-02-20 10:00", "2025-02-20"},
      {"\"2025/2/20\"", "2025-02-20"},
      {"'2025-02-20'", "2025-02-20"},
      {"2025年2月20日", "2025-02-20"},
      {"2025-13-45", ""},
      {"2025-02-30", ""},
      {"Feb 20, 2025", "2025-02-20"},
      {"2025-02-20x", ""},
      {"", ""},
  };
  for (const FrontMatterDateCase& c : cases) {
    CAPTURE(c.value);
    const Article article = parse_markdown("---\ndate: " + std::string(c.value) + "\n---\nText\n");
    CHECK(article.date == c.expected);
    CHECK(article.body == "Text");
  }
}

TEST_CASE("front matter keys: source before author, language, closing with ...", "[formats]") {
  const Article article =
      parse_markdown("---\nauthor: Jane\nsource: Xinhua\nlanguage: en\n...\nBody\n");
  CHECK(article.source == "Xinhua");
  CHECK(article.language == "en");
  CHECK(article.title.empty());
  CHECK(article.body == "Body");
}

TEST_CASE("front matter tags: flow lists, block lists, comma strings, keywords", "[formats]") {
  struct Case {
    std::string_view front_matter;
    std::vector<std::string> tags;
  };
  const Case cases[] = {
      {"tags: [robots, \"machine learning\", 'a, b']\n", {"robots", "machine learning", "a", "b"}},
      {"tags:\n  - robots\n  - \"Hangzhou\"\n- third\n", {"robots", "Hangzhou", "third"}},
      {"tags: robots, machine  learning,, \n", {"robots", "machine learning"}},
      {"keywords: 机器人，具身智能、宇树\n", {"机器人", "具身智能", "宇树"}},
      {"tags: [Robots]\nkeywords: robots, AI\n", {"Robots", "AI"}},  // once, first spelling
      {"tags:\nother:\n  - not a tag\n", {}},
      {"categories: [news]\ntags: []\n", {"news"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.front_matter);
    const Article article = parse_markdown("---\n" + std::string(c.front_matter) + "---\nText\n");
    CHECK(article.tags == c.tags);
    CHECK(article.body == "Text");
  }
}

TEST_CASE("front matter description heads the body unless the body holds it", "[formats]") {
  const Article article = parse_article(
      Format::kMarkdown, "---\ndescription: A note on  zebras.\n---\n# Title\n\nBody.\n");
  CHECK(article.title == "Title");
  CHECK(article.body == "A note on zebras.\n\nBody.");
  CHECK(article.description.empty());  // moved into the body, not kept twice
  const Article held =
      parse_article(Format::kMarkdown, "---\nsummary: Body text\n---\nThe Body text here.\n");
  CHECK(held.body == "The Body text here.");
}

TEST_CASE("TOML front matter between +++ lines is read, not indexed as text", "[formats]") {
  const Article article =
      parse_article(Format::kMarkdown,
                    "+++\n"
                    "title = \"Robots in \\\"Hangzhou\\\"\"\n"
                    "date = 2024-03-01T10:00:00Z\n"
                    "# a comment\n"
                    "authors = ['Ann Lee', \"Bo Wu\"]\n"
                    "tags = [\"hugo\",\n  \"static sites\", # trailing comment\n]\n"
                    "description = \"\"\"A multi-line\nsummary.\"\"\"\n"
                    "draft = false\n"
                    "[params]\n"
                    "title = \"a table's title is not the article's\"\n"
                    "+++\n"
                    "Body text.\n");
  CHECK(article.title == "Robots in \"Hangzhou\"");
  CHECK(article.date == "2024-03-01");
  CHECK(article.source == "Ann Lee, Bo Wu");
  CHECK(article.tags == std::vector<std::string>{"hugo", "static sites"});
  CHECK(article.body == "A multi-line summary.\n\nBody text.");
  CHECK_FALSE(contains(article.body, "+++"));
  // Not TOML: everything is body.
  const Article prose = parse_markdown("+++\nThis is not = toml at all\n+++\nText\n");
  CHECK(contains(prose.body, "not = toml"));
  const Article unclosed = parse_markdown("+++\ntitle = \"x\"\nText\n");
  CHECK(contains(unclosed.body, "title = "));
}

TEST_CASE("unclosed front matter is body", "[formats]") {
  const Article article = parse_markdown("---\ntitle: Lost\ndate: 2025-02-20\n\nText here\n");
  CHECK(article.title.empty());
  CHECK(article.date.empty());
  CHECK(contains(article.body, "title: Lost"));
  CHECK(contains(article.body, "Text here"));
}

TEST_CASE("a leading rule followed by prose is not front matter", "[formats]") {
  const Article article = parse_markdown("---\nHello world\n---\nText\n");
  CHECK(article.title == "Hello world");  // a setext heading
  CHECK(article.body == "Hello world\nText");
}

// ---- Markdown ----------------------------------------------------------------------------

TEST_CASE("parse_markdown renders text without markup", "[formats]") {
  const Article article = parse_markdown(
      "Intro line\n\n"
      "# The **main** title\n\n"
      "Some **bold**, *em* and [link text](https://example.com/x \"t\") with\n"
      "a soft break, ![alt pic](https://example.com/p.png), `inline code` &amp; &#x4E2D;.\n\n"
      "## Second\n\n"
      "- item one\n"
      "- item two\n\n"
      "> quoted\n\n"
      "| A | B |\n|---|---|\n| 1 | 2 |\n\n"
      "```cpp\nint x  = 1;\n```\n\n"
      "<div>\n<script>var hidden = 1;</script>\n<p>raw <b>html</b></p>\n</div>\n\n"
      "Inline <span class=\"x\">span</span> end.\n");
  CHECK(article.title == "The main title");
  CHECK(article.body ==
        "Intro line\n"
        "The main title\n"
        "Some bold, em and link text with a soft break, alt pic, inline code & \xE4\xB8\xAD.\n"
        "Second\n"
        "item one\n"
        "item two\n"
        "quoted\n"
        "A | B\n"
        "1 | 2\n"
        "int x  = 1;\n"
        "raw html\n"
        "Inline span end.");
  CHECK_FALSE(contains(article.body, "#"));
  CHECK_FALSE(contains(article.body, "**"));
  CHECK_FALSE(contains(article.body, "https://"));
  CHECK_FALSE(contains(article.body, "hidden"));
}

TEST_CASE("parse_markdown takes a setext heading as title", "[formats]") {
  const Article article = parse_markdown("宇树科技\n=====\n\n杭州六小龙。\n");
  CHECK(article.title == "宇树科技");
  CHECK(article.body == "宇树科技\n杭州六小龙。");
}

TEST_CASE("parse_markdown never returns a blank title", "[formats]") {
  const Article article = parse_markdown("#   \n\nText\n");
  CHECK(article.title.empty());
  CHECK(article.body == "Text");
}

// ---- HTML --------------------------------------------------------------------------------

TEST_CASE("parse_html reads metadata and visible article text", "[formats]") {
  const Article article = parse_html(
      "<!doctype html><html lang=\"zh-Hans\"><head>"
      "<title>  Hangzhou's\n  Six   Little Dragons </title>"
      "<meta name=\"description\" content=\"not a date\">"
      "<meta property=\"article:published_time\" content=\"2025-02-20T10:00:00+08:00\">"
      "<meta property=\"og:site_name\" content=\"Site\">"
      "<meta name=\"author\" content=\"Huabo Business Review\">"
      "<link rel=\"canonical\" href=\"https://example.com/dragons\">"
      "<meta property=\"og:url\" content=\"https://example.com/og\">"
      "<style>p { color: red }</style><script>var inHead = 1;</script>"
      "</head><body>"
      "<header>Site header</header><nav><a href=\"/\">Home</a></nav>"
      "<article><h1>Dragons</h1>"
      "<p>First   paragraph with <b>bold</b>\n and &amp; entity.</p>"
      "<p>宇树科技<br>Unitree</p>"
      "<script>alert('x')</script><noscript>Enable JS</noscript>"
      "<template><p>Template</p></template><svg><text>Svg text</text></svg>"
      "<form><label>Search</label></form><div hidden>Hidden</div>"
      "<pre>a  b\n  c</pre>"
      "<table><tr><th>Name</th><th>City</th></tr><tr><td>Unitree</td><td>杭州</td></tr></table>"
      "</article>"
      "<aside>Related</aside><footer>Copyright</footer>"
      "</body></html>");
  CHECK(article.title == "Hangzhou's Six Little Dragons");
  CHECK(article.date == "2025-02-20");
  CHECK(article.source == "Huabo Business Review");
  CHECK(article.language == "zh-Hans");
  CHECK(article.url == "https://example.com/dragons");
  CHECK(article.body ==
        "Dragons\n"
        "First paragraph with bold and & entity.\n"
        "宇树科技\nUnitree\n"
        "a  b\n  c\n"
        "Name | City\n"
        "Unitree | 杭州");
}

TEST_CASE("parse_html: meta keywords are tags, the description heads the body", "[formats]") {
  const Article article = parse_html(
      "<html><head><title>Walruses</title>"
      "<meta name=\"description\" content=\"A page on  walruses.\">"
      "<meta name=\"Keywords\" content=\"marine, mammals,tusks\">"
      "<meta property=\"article:tag\" content=\"Arctic\"></head>"
      "<body><p>Text of the page.</p></body></html>");
  CHECK(article.tags == std::vector<std::string>{"marine", "mammals", "tusks", "Arctic"});
  CHECK(parse_article(Format::kHtml,
                      "<html><head><meta name=description content='Seen.'></head>"
                      "<body><h1>T</h1><p>Body.</p></body></html>")
            .body == "Seen.\n\nBody.");
}

TEST_CASE("parse_html falls back to h1, og:site_name, og:url and dc.date", "[formats]") {
  const Article article = parse_html(
      "<html><head><title>   </title>"
      "<meta name=\"DC.Date\" content=\"2025/2/20\">"
      "<meta property=\"og:site_name\" content=\"Site Name\">"
      "<meta property=\"og:url\" content=\"https://example.com/og\">"
      "</head><body><header><h1> The  <em>real</em> title </h1></header><p>Text</p></body>"
      "</html>");
  CHECK(article.title == "The real title");
  CHECK(article.date == "2025-02-20");
  CHECK(article.source == "Site Name");
  CHECK(article.url == "https://example.com/og");
  CHECK(article.language.empty());
  CHECK(article.body == "Text");
}

TEST_CASE("parse_html: meta name=date, a BOM and an impossible date", "[formats]") {
  CHECK(parse_html("\xEF\xBB\xBF<meta name=\"date\" content=\"2025-02-20\"><p>x</p>").date ==
        "2025-02-20");
  CHECK(parse_html("<meta name=\"date\" content=\"2025-13-45\"><p>x</p>").date.empty());
  CHECK(parse_html("\xEF\xBB\xBF<title>T</title><p>x</p>").title == "T");
}

// ---- all parsers -------------------------------------------------------------------------

TEST_CASE("Chinese text passes through every parser intact", "[formats]") {
  const std::string chinese = "宇树科技的机器狗登上春晚，杭州“六小龙”引发热议。";
  CHECK(parse_text(chinese).body == chinese);
  CHECK(parse_text(chinese).title == chinese);
  CHECK(parse_markdown(chinese).body == chinese);
  CHECK(parse_html("<p>" + chinese + "</p>").body == chinese);
}

TEST_CASE("empty input gives an empty article", "[formats]") {
  for (const Format format : {Format::kText, Format::kMarkdown, Format::kHtml}) {
    CAPTURE(static_cast<int>(format));
    for (const std::string_view input : {std::string_view(""), std::string_view("\xEF\xBB\xBF")}) {
      const Article article = parse_article(format, input);
      CHECK(article.title.empty());
      CHECK(article.date.empty());
      CHECK(article.source.empty());
      CHECK(article.language.empty());
      CHECK(article.url.empty());
      CHECK(article.body.empty());
    }
  }
}

TEST_CASE("parse_article dispatches on the format", "[formats]") {
  const std::string_view content = "# Title\n\n<b>text</b>\n";
  CHECK(parse_article(Format::kText, content).title == "# Title");
  CHECK(parse_article(Format::kMarkdown, content).title == "Title");
  CHECK(parse_article(Format::kHtml, content).body == "# Title text");
}

TEST_CASE("the parsers survive garbage, NUL bytes and broken markup", "[formats]") {
  std::string garbage;
  for (int round = 0; round < 3; ++round) {
    for (int byte = 0; byte < 128; ++byte) garbage += static_cast<char>(byte);
  }
  const std::string inputs[] = {
      garbage,
      "---\n"s,
      "---\n---\n"s,
      "---\ntitle: \"unterminated\n---\n"s,
      "Title\0with NUL\n\0\0\n"s,
      "<html><body><p>unclosed <b>tags <script>never closed"s,
      "<<<>>>&&&;;; &#xFFFFFFFF; &#0; &bogus;"s,
      "[a](<b)](c) ![x](y **z `w"s,
      std::string(10000, '>') + " deep quote",
      std::string(10000, '<') + "div>",
  };
  for (const std::string& input : inputs) {
    for (const Format format : {Format::kText, Format::kMarkdown, Format::kHtml}) {
      Article article;
      REQUIRE_NOTHROW(article = parse_article(format, input));
      CHECK(is_valid_utf8(article.title));
      CHECK(is_valid_utf8(article.body));
      CHECK_FALSE(starts_with_blank(article.title));
    }
  }
  // What md4c and gumbo make of a NUL: U+FFFD; the text parser keeps the byte.
  CHECK(parse_markdown("a\0b"s).body ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(parse_text("a\0b"s).body == "a\0b"s);
  // md4c reads at most six hex digits as an entity; the rest stays as written.
  CHECK(parse_markdown("&#0; &#xFFFFFFFF; &bogus;").body == "\xEF\xBF\xBD &#xFFFFFFFF; &bogus;");
}

}  // namespace
}  // namespace longjing
