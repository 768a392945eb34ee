// parse_query: the user's query text → the syntax tree (syntax_tree.h), by the grammar in
// docs/query-syntax.md. Nothing is analyzed or looked up here: words keep the text typed.
#pragma once

#include <string_view>

#include "longjing/alias_table.h"
#include "query/syntax_tree.h"

namespace longjing::query {

// Parses `text`. Never fails on malformed syntax, which has a documented lenient reading
// (docs/query-syntax.md, "Malformed queries"): an unclosed quote or parenthesis closes at
// the end, a stray ")" and an operator without an operand are left out, a field name
// without a value is a word. Throws QueryError (naming the query) only for a date: value
// that names no real day, month or year. A query with nothing to search (blank, only
// operators) is a kAnd without children.
Node parse_query(std::string_view text);

// True for the words the grammar reads as operators: AND OR NOT XOR NEAR ADJ, NEAR/n, ADJ/n.
bool is_operator_word(std::string_view word);

// `tree` with every name of `aliases` typed in Latin script (one word or several in a
// row, or a quoted phrase) replaced by a kAlias node of its group; Chinese names, names
// in fields and the operands of NEAR and ADJ stay as typed.
Node expand_aliases(Node tree, const AliasTable& aliases);

}  // namespace longjing::query
