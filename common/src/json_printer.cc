// The JSON Lines printer: what scripts read. Schema: docs/json-output.md.
#include <nlohmann/json.hpp>

#include "longjing/printer.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

// Keys in the order written, so a human reading the stream sees rank and path first.
using json = nlohmann::ordered_json;

// Highlights with byte offsets and character offsets into `s.text`.
json highlights(const Snippet& s) {
  json out = json::array();
  std::size_t chars = 0;
  std::size_t at = 0;
  const std::string_view text = s.text;
  for (const Span& span : s.spans) {
    chars += count_code_points(text.substr(at, span.begin - at));
    const std::size_t char_start = chars;
    chars += count_code_points(text.substr(span.begin, span.end - span.begin));
    at = span.end;
    out.push_back({{"start", span.begin}, {"end", span.end},
                   {"char_start", char_start}, {"char_end", chars}});
  }
  return out;
}

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}

  void on_hit(const Hit& hit) override {
    json j = {
        {"type", "hit"},
        {"format_version", kJsonFormatVersion},
        {"rank", hit.rank},
        {"score", hit.score},
        {"percent", hit.percent},
        {"docid", hit.docid},
        {"path", hit.path},
        {"title", hit.title},
        {"title_highlights", highlights(hit.title_snippet)},
        {"date", or_null(hit.date)},
        {"source", or_null(hit.source)},
        {"language", or_null(hit.language)},
        {"snippets", json::array()},
    };
    if (!hit.snippet.text.empty()) {
      j["snippets"].push_back({{"text", hit.snippet.text}, {"highlights", highlights(hit.snippet)}});
    }
    write(j);
  }

  void finish(const SearchSummary& summary) override {
    write({
        {"type", "summary"},
        {"format_version", kJsonFormatVersion},
        {"query", summary.query},
        {"parsed", summary.parsed},
        {"estimated_matches", summary.estimated_matches},
        {"returned", summary.returned},
    });
    out_.flush();
  }

 private:
  void write(const json& j) {
    out_ << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }

  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(std::ostream& out) {
  return std::make_unique<JsonPrinter>(out);
}

}  // namespace longjing
