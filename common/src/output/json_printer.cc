// The JSON Lines printer: what scripts read. Schema: docs/json-output.md.
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "longjing/printer.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

// Keys in the order written, so a human reading the stream sees rank and path first.
using json = nlohmann::ordered_json;

// Highlights with byte offsets and character offsets into `s.text`.
json highlights(const Snippet& s) {
  json out = json::array();
  for (const HighlightOffsets& h : highlight_offsets(s)) {
    out.push_back({{"start", h.start},
                   {"end", h.end},
                   {"char_start", h.char_start},
                   {"char_end", h.char_end}});
  }
  return out;
}

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string base64(std::string_view bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? kDigits[(v >> (18 - 6 * k)) & 0x3F] : '=';
    }
  }
  return out;
}

// A path as JSON: a string when it is UTF-8, else {"bytes": base64 of the bytes}, so a
// script can open the very file (ripgrep's convention).
json path_value(const std::string& path) {
  if (is_valid_utf8(path)) return path;
  return json{{"bytes", base64(path)}};
}

// Writes one object as a line; text that is not UTF-8 is replaced, never thrown on.
void write_line(std::ostream& out, const json& j) {
  out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

// The request id as a JSON value, or null when there is none.
json parse_id(const std::string& request_id) {
  if (request_id.empty()) return nullptr;
  return json::parse(request_id, nullptr, false);
}

class JsonPrinter : public Printer {
 public:
  JsonPrinter(std::ostream& out, const std::string& request_id)
      : out_(out), id_(parse_id(request_id)) {}

  // A stream that failed (a closed pipe, a full disk) stops the search.
  bool on_hit(const Hit& hit) override {
    write_hit(hit);
    return static_cast<bool>(out_);
  }

  void write_hit(const Hit& hit) {
    if (hit.paths_only) {  // -l: what is known, marked as such
      write({{"type", "path"},
             {"format_version", kJsonFormatVersion},
             {"rank", hit.rank},
             {"score", hit.score},
             {"percent", hit.percent},
             {"docid", hit.docid},
             {"path", path_value(hit.path)}});
      return;
    }
    json j = {
        {"type", "hit"},
        {"format_version", kJsonFormatVersion},
        {"rank", hit.rank},
        {"score", hit.score},
        {"percent", hit.percent},
        {"docid", hit.docid},
        {"path", path_value(hit.path)},
        {"title", hit.title},
        {"title_highlights", highlights(hit.title_snippet)},
        {"date", or_null(hit.date)},
        {"source", or_null(hit.source)},
        {"language", or_null(hit.language)},
        {"snippets", json::array()},
    };
    if (hit.pages > 0) j["pages"] = hit.pages;
    if (!hit.tags.empty()) j["tags"] = hit.tags;
    for (const Snippet& snippet : hit.snippets) {
      j["snippets"].push_back({{"text", snippet.text}, {"highlights", highlights(snippet)}});
    }
    if (!hit.aliases.empty()) {
      json aliases = json::array();
      for (const AliasMatch& a : hit.aliases)
        aliases.push_back({{"typed", a.typed}, {"alias", a.alias}});
      j["aliases"] = std::move(aliases);
    }
    if (!hit.explanation.empty()) {
      json explain = json::array();
      for (const TermWeight& t : hit.explanation) {
        explain.push_back(
            {{"typed", t.typed}, {"term", t.term}, {"field", t.field}, {"weight", t.weight}});
      }
      j["explain"] = std::move(explain);
      j["ranking"] = {{"factor", hit.ranking_factor}, {"reasons", hit.ranking_reasons}};
    }
    write(j);
  }

  void finish(const SearchSummary& summary) override {
    json j = {
        {"type", "summary"},
        {"format_version", kJsonFormatVersion},
        {"query", summary.query},
        {"parsed",
         summary.parsed_json.empty() ? json(summary.parsed) : json::parse(summary.parsed_json)},
        {"estimated_matches", summary.estimated_matches},
        {"matches_exact", summary.matches_exact},
        {"returned", summary.returned},
        {"suggestion", or_null(summary.suggestion)},
        {"elapsed_seconds", summary.elapsed_seconds},
    };
    if (!summary.missing.empty()) {
      json missing = json::array();
      for (const MissingDatabase& m : summary.missing) {
        missing.push_back({{"database", m.database}, {"reason", m.reason}});
      }
      j["missing_databases"] = std::move(missing);
    }
    write(j);
    out_.flush();
  }

 private:
  void write(json j) {
    if (!id_.is_null() && !id_.is_discarded()) j["id"] = id_;
    write_line(out_, j);
  }

  std::ostream& out_;
  json id_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(std::ostream& out, const std::string& request_id) {
  return std::make_unique<JsonPrinter>(out, request_id);
}

void write_json_error(std::ostream& out, const std::string& message,
                      const std::string& request_id) {
  json j = {{"type", "error"}, {"format_version", kJsonFormatVersion}, {"message", message}};
  const json id = parse_id(request_id);
  if (!id.is_null() && !id.is_discarded()) j["id"] = id;
  write_line(out, j);
}

std::string json_document(std::uint32_t docid, const Article& article) {
  json j = {
      {"format_version", kJsonFormatVersion},
      {"docid", docid},
      {"path", path_value(article.path)},
      {"title", article.title},
      {"date", or_null(article.date)},
      {"source", or_null(article.source)},
      {"language", or_null(article.language)},
      {"url", or_null(article.url)},
      {"text", article.body},
  };
  if (article.pages > 0) j["pages"] = article.pages;
  if (!article.tags.empty()) j["tags"] = article.tags;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace longjing
