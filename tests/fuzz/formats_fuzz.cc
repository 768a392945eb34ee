// Fuzz target: arbitrary bytes, repaired to valid UTF-8 (as load_source_text hands them
// on), through parse_text, parse_markdown, parse_html and parse_article. Contract checked
// besides "no crash, no sanitizer report": every Article field is valid UTF-8, and the
// date is empty or a real "YYYY-MM-DD" day (schema::compact_date accepts it).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "longjing/formats.h"
#include "longjing/schema.h"
#include "longjing/utf8.h"

namespace {

using longjing::fuzz::require;

void check(const longjing::Article& a, std::string_view input) {
  for (const std::string* field :
       {&a.path, &a.title, &a.date, &a.source, &a.language, &a.url, &a.body}) {
    require(longjing::is_valid_utf8(*field), "Article field not valid UTF-8", input);
  }
  require(
      a.date.empty() || (a.date.size() == 10 && !longjing::schema::compact_date(a.date).empty()),
      "date neither empty nor a real YYYY-MM-DD day", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::size_t repaired = 0;
  const std::string text =
      longjing::repair_utf8(std::string_view(reinterpret_cast<const char*>(data), size), repaired);
  require(longjing::is_valid_utf8(text), "repair_utf8 left ill-formed UTF-8", text);

  check(longjing::parse_text(text), text);
  check(longjing::parse_markdown(text), text);
  check(longjing::parse_html(text), text);
  for (const auto format :
       {longjing::Format::kText, longjing::Format::kMarkdown, longjing::Format::kHtml}) {
    check(longjing::parse_article(format, text), text);
  }
  return 0;
}
