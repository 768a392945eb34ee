// Printers: one per output shape. The searcher pushes hits into a Printer (a HitSink) and
// never knows the format. Printers write to the stream they are given, nothing else.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "longjing/searcher.h"

namespace longjing {

// A HitSink that writes one output shape; finish() ends the answer with its summary.
class Printer : public HitSink {
 public:
  // Called once after the last hit.
  virtual void finish(const SearchSummary& summary) = 0;
};

// How the text printer marks matches.
struct TextStyle {
  bool color = false;       // ANSI colours; otherwise matches are wrapped in [ and ]
  bool count_line = false;  // end with "10 of 16 matches" when more matched than shown
};

// Human-readable: rank and title, then path · date · source, then the passage.
std::unique_ptr<Printer> make_text_printer(std::ostream& out, TextStyle style);

// JSON Lines: one "hit" object per result, then one "summary" object; every object
// carries "format_version" (see docs/json-output.md). A non-empty `request_id` (a JSON
// value, as text) is echoed as "id" in every object, for --stdin sessions.
std::unique_ptr<Printer> make_json_printer(std::ostream& out, const std::string& request_id = "");

// The JSON Lines object for a request that failed: {"type":"error", "message", ...}.
void write_json_error(std::ostream& out, const std::string& message,
                      const std::string& request_id = "");

// The stored article `docid` as one JSON object, the HTTP API's document
// (docs/http-api.md): format_version, docid, path (as in hit objects), title, date, source,
// language, url (null when unknown) and text.
std::string json_document(std::uint32_t docid, const Article& article);

// One path per line (or NUL-terminated when `nul` is set), for scripts and xargs.
std::unique_ptr<Printer> make_paths_printer(std::ostream& out, bool nul);

// The JSON output's format version.
inline constexpr int kJsonFormatVersion = 3;

}  // namespace longjing
