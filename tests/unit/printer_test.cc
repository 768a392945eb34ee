// Printers: exact output strings for each shape.
#include "longjing/printer.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace longjing;

namespace {

Hit sample_hit() {
  Hit h;
  h.rank = 1;
  h.score = 2.5;
  h.percent = 100;
  h.docid = 7;
  h.path = "/docs/unitree-zh.md";
  h.title = "杭州宇树科技";
  h.title_snippet = {"杭州宇树科技", {{6, 18}}};
  h.date = "2025-02-07";
  h.source = "Paper";
  h.language = "zh-Hans";
  h.snippets = {{"…推出宇树机器狗…", {{9, 15}}}};
  return h;
}

SearchSummary sample_summary() {
  SearchSummary s;
  s.query = "宇树";
  s.parsed = "宇树";
  s.parsed_json = R"({"word":"宇树","field":"text"})";
  s.estimated_matches = 1;
  s.matches_exact = true;
  s.returned = 1;
  return s;
}

}  // namespace

TEST_CASE("Text printer without colour marks matches with brackets", "[printer]") {
  std::ostringstream out;
  auto printer = make_text_printer(out, TextStyle{false});
  printer->on_hit(sample_hit());
  printer->finish(sample_summary());
  CHECK(out.str() ==
        "1. 杭州[宇树科技] (100%)\n"
        "   /docs/unitree-zh.md · 2025-02-07 · Paper\n"
        "   …推出[宇树]机器狗…\n");
}

TEST_CASE("Text printer with colour uses ANSI escapes and no brackets", "[printer]") {
  std::ostringstream out;
  auto printer = make_text_printer(out, TextStyle{true});
  printer->on_hit(sample_hit());
  const std::string s = out.str();
  CHECK(s.find("\x1b[1;31m宇树\x1b[0m") != std::string::npos);
  CHECK(s.find("\x1b[35m/docs/unitree-zh.md\x1b[0m") != std::string::npos);
  CHECK(s.find('[' + std::string("宇树")) == std::string::npos);
}

TEST_CASE("Count line says 'about' only when the count is an estimate", "[printer]") {
  const struct {
    bool exact;
    const char* line;
  } cases[] = {
      {true, "1 of 1200 matches (-n for more, --offset to page)\n"},
      {false, "1 of about 1200 matches (-n for more, --offset to page)\n"},
  };
  for (const auto& c : cases) {
    std::ostringstream out;
    TextStyle style{false};
    style.count_line = true;
    auto printer = make_text_printer(out, style);
    printer->on_hit(sample_hit());
    SearchSummary summary = sample_summary();
    summary.estimated_matches = 1200;
    summary.matches_exact = c.exact;
    printer->finish(summary);
    const std::string s = out.str();
    CHECK(s.substr(s.rfind('\n', s.size() - 2) + 1) == c.line);
  }
}

TEST_CASE("Hits are separated by a blank line", "[printer]") {
  std::ostringstream out;
  auto printer = make_text_printer(out, TextStyle{false});
  Hit h = sample_hit();
  printer->on_hit(h);
  h.rank = 2;
  printer->on_hit(h);
  CHECK(out.str().find("…\n\n2. ") != std::string::npos);
}

TEST_CASE("JSON printer writes one versioned object per line", "[printer]") {
  std::ostringstream out;
  auto printer = make_json_printer(out);
  printer->on_hit(sample_hit());
  printer->finish(sample_summary());
  CHECK(out.str() ==
        "{\"type\":\"hit\",\"format_version\":3,\"rank\":1,\"score\":2.5,\"percent\":100,"
        "\"docid\":7,\"path\":\"/docs/unitree-zh.md\",\"title\":\"杭州宇树科技\","
        "\"title_highlights\":[{\"start\":6,\"end\":18,\"char_start\":2,\"char_end\":6}],"
        "\"date\":\"2025-02-07\",\"source\":\"Paper\",\"language\":\"zh-Hans\","
        "\"snippets\":[{\"text\":\"…推出宇树机器狗…\",\"highlights\":[{\"start\":9,\"end\":15,"
        "\"char_start\":3,\"char_end\":5}]}]}\n"
        "{\"type\":\"summary\",\"format_version\":3,\"query\":\"宇树\",\"parsed\":{\"word\":"
        "\"宇树\",\"field\":\"text\"},"
        "\"estimated_matches\":1,\"matches_exact\":true,\"returned\":1,\"suggestion\":null,"
        "\"elapsed_seconds\":0.0}\n");
}

TEST_CASE("JSON printer writes null for unknown metadata", "[printer]") {
  std::ostringstream out;
  auto printer = make_json_printer(out);
  Hit h = sample_hit();
  h.date.clear();
  h.source.clear();
  printer->on_hit(h);
  CHECK(out.str().find("\"date\":null,\"source\":null") != std::string::npos);
}

TEST_CASE("Paths printer: one path per line, or NUL-terminated", "[printer]") {
  std::ostringstream lines, nul;
  make_paths_printer(lines, false)->on_hit(sample_hit());
  make_paths_printer(nul, true)->on_hit(sample_hit());
  CHECK(lines.str() == "/docs/unitree-zh.md\n");
  CHECK(nul.str() == std::string("/docs/unitree-zh.md\0", 20));
}

TEST_CASE("Printers show aliases, explanations and suggestions", "[printer]") {
  Hit h = sample_hit();
  h.aliases = {{"Unitree", "宇树"}};
  h.explanation = {{"Unitree", "宇树", "text", 1.25}, {"宇树", "宇树", "text", 0.5}};
  SearchSummary summary = sample_summary();
  summary.suggestion = "unitree";
  summary.suggestion_matches = 4;

  std::ostringstream text;
  auto printer = make_text_printer(text, TextStyle{false});
  printer->on_hit(h);
  printer->finish(summary);
  CHECK(text.str() ==
        "1. 杭州[宇树科技] (100%)\n"
        "   /docs/unitree-zh.md · 2025-02-07 · Paper\n"
        "   …推出[宇树]机器狗…\n"
        "   via alias 宇树 (for Unitree)\n"
        "     1.250  Unitree → 宇树 (text)\n"
        "     0.500  宇树 (text)\n"
        "\n"
        "Did you mean: unitree (4 matches)\n");

  std::ostringstream json;
  auto json_printer = make_json_printer(json, "\"q1\"");
  json_printer->on_hit(h);
  json_printer->finish(summary);
  const std::string out = json.str();
  CHECK(out.find("\"aliases\":[{\"typed\":\"Unitree\",\"alias\":\"宇树\"}]") != std::string::npos);
  CHECK(out.find("\"explain\":[{\"typed\":\"Unitree\",\"term\":\"宇树\",\"field\":\"text\","
                 "\"weight\":1.25},") != std::string::npos);
  CHECK(out.find("\"suggestion\":\"unitree\"") != std::string::npos);
  CHECK(out.find("\"id\":\"q1\"}\n") != std::string::npos);  // on every object
  CHECK(out.rfind("\"id\":\"q1\"") > out.find('\n'));
}

TEST_CASE("JSON error objects carry the message and the request id", "[printer]") {
  std::ostringstream out;
  write_json_error(out, "cannot read query 'a AND'", "7");
  CHECK(out.str() ==
        "{\"type\":\"error\",\"format_version\":3,\"message\":\"cannot read query 'a AND'\","
        "\"id\":7}\n");
}
