// Persistent mode (searcher --stdin): many queries over one open Searcher, so a script pays
// the start-up once.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "longjing/searcher.h"

namespace longjing {

// Reads requests from `in`, one per line, and answers each on `out` in JSON Lines (hit
// objects, then a summary object; an "error" object for a request that fails), flushing
// after each answer. A line is either a query, or a JSON object
//   {"query": "...", "id": <any>, "limit": N, "offset": N, "since": "YYYY-MM-DD",
//    "until": "YYYY-MM-DD", "sort": "relevance"|"date", "snippets": N, "explain": bool}
// whose missing fields take their values from `defaults`; "id" is echoed in every object
// of the answer. Every line gets exactly one answer ending with a summary or an error
// object: an empty line, an unknown field, a field of the wrong type or out of range
// ("snippets" 1 to 20) is an error naming it. Before each request the databases move to the
// newest committed revision. Returns false if `out` failed (e.g. a closed pipe).
bool run_query_session(std::istream& in, std::ostream& out, Searcher& searcher,
                       const SearchRequest& defaults);

// One request line as run_query_session reads it (a query, or a JSON request object, as
// above), with `defaults` for what it leaves out; `id` receives the request's "id" as JSON
// text ("" without one). Throws Error naming what is wrong: an empty line, a JSON text that
// is not an object, an unknown field, a field of the wrong type or out of range.
SearchRequest parse_search_request(const std::string& line, const SearchRequest& defaults,
                                   std::string& id);

}  // namespace longjing
