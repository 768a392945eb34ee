// Small UTF-8 helpers shared by the readers, the analyzer and the highlighter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace longjing {

// Decodes the code point starting at text[i] and advances i past it. An ill-formed
// sequence yields U+FFFD and advances by at least one byte, so loops always end.
char32_t next_code_point(std::string_view text, std::size_t& i);

// Appends the UTF-8 encoding of cp to out.
void append_utf8(std::string& out, char32_t cp);

// True when text is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Returns text with every ill-formed sequence replaced by U+FFFD; `repaired` counts them.
std::string repair_utf8(std::string_view text, std::size_t& repaired);

// Number of code points in text (ill-formed bytes count one each).
std::size_t count_code_points(std::string_view text);

// The largest offset <= i that starts a code point (never splits a character).
std::size_t floor_to_code_point(std::string_view text, std::size_t i);

// Length of the run of ASCII bytes that text starts with (eight bytes at a time).
std::size_t ascii_prefix_length(std::string_view text);

}  // namespace longjing
