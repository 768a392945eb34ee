// The query as a tree of the project's own (docs/query-syntax.md has the grammar): what
// parse_query makes of the user's text, before any term is looked up. Three pure functions
// read it: to_xapian (the query that matches and ranks), highlight_patterns (what hits
// highlight) and describe / describe_json (what --json's "parsed" says).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace longjing::query {

// The fields a word or phrase can be searched in.
enum class Field {
  kText,    // the title and the body (no field named)
  kTitle,   // title:
  kSource,  // source:  (word for word: no stems, no positions)
  kTag,     // tag:     (word for word)
  kPath,    // path:    (word for word)
};

// The field's name as the user writes it ("title"); "" for kText.
std::string_view field_name(Field field);

// One node of the tree. A value: nodes compare equal when they say the same.
struct Node {
  enum class Kind {
    kWord,       // text: one word as typed (it may analyze to several tokens: "song-ci")
    kPhrase,     // text: a quoted phrase as typed
    kWildcard,   // text: the prefix typed before '*'
    kAlias,      // text: the name typed; names: its alias group, the typed name included
    kAnd,        // children: all of them
    kOr,         // children: any of them
    kXor,        // children: an odd number of them
    kNot,        // children[0] matches, children[1] does not (children[0] may be kAll)
    kAll,        // every document (what a query of negations alone starts from)
    kNear,       // children: words within `window` positions of one another, any order
    kAdjacent,   // children: words within `window` positions, in the order typed
    kLanguage,   // text: a language tag as typed (lang:zh-Hant)
    kDateRange,  // from, to: "YYYYMMDD", either may be empty (an open end)
  };

  Kind kind = Kind::kAll;
  Field field = Field::kText;      // kWord, kPhrase, kWildcard
  std::string text;                // see Kind
  std::vector<std::string> names;  // kAlias
  std::string from, to;            // kDateRange
  unsigned window = 0;             // kNear, kAdjacent
  std::vector<Node> children;      // the operators'

  friend bool operator==(const Node& a, const Node& b) {
    return a.kind == b.kind && a.field == b.field && a.text == b.text && a.names == b.names &&
           a.from == b.from && a.to == b.to && a.window == b.window && a.children == b.children;
  }
  friend bool operator!=(const Node& a, const Node& b) { return !(a == b); }
};

// Convenience constructors.
Node leaf(Node::Kind kind, std::string text, Field field = Field::kText);
Node branch(Node::Kind kind, std::vector<Node> children, unsigned window = 0);

}  // namespace longjing::query
