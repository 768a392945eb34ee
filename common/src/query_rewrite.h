// Internal: the query string as Xapian's QueryParser receives it. Words are normalized for
// matching (operators and field names left alone); CJK chunks, quoted or not, travel
// hex-encoded in the internal "cjk:" field (Xapian 1.4 hands quoted text to no field
// processor), and so do quoted phrases and words that span punctuation, so that the
// Analyzer (which leaves a position free at punctuation) builds their phrases; names
// found in the alias table become a group of alternatives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "longjing/alias_table.h"

namespace longjing {

// The internal field of CJK chunks; its payload is hex(flag + prefix + ":" + text).
inline constexpr std::string_view kCjkField = "cjk";

// A name of the query that the alias table expanded.
struct AliasUse {
  std::string typed;               // as the user typed it
  std::vector<std::string> names;  // the whole group, as written in the table
};

struct RewrittenQuery {
  std::string text;
  std::vector<AliasUse> aliases;
};

// Rewrites `query`; `aliases` may be null (no expansion). Throws QueryError for a date:
// range that is not START..END with valid YYYY-MM-DD ends. `field_prefix_of` maps a field
// name ("title") to its term prefix ("S"), or nullopt for fields it does not analyze.
RewrittenQuery rewrite_for_parser(
    std::string_view query, const AliasTable* aliases,
    std::optional<std::string> (*field_prefix_of)(std::string_view field));

// True for QueryParser's operators (AND OR NOT XOR NEAR ADJ, NEAR/n, ADJ/n).
bool is_query_operator(std::string_view word);

// One name of an alias group as the parser reads it: a cjk: token (an analyzed phrase)
// for CJK or several words, else the normalized word.
std::string render_alias_name(std::string_view name);

// A CJK chunk as the cjk: field carries it.
struct CjkChunk {
  bool boost;          // add the ICU dictionary words as a ranking boost
  std::string prefix;  // term prefix of the field ("" for the text)
  std::string text;    // normalized chunk
};

// The payload of a cjk: token back; nullopt if it is not one of ours.
std::optional<CjkChunk> decode_cjk_payload(std::string_view payload);

}  // namespace longjing
