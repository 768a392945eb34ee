// Internal: guessing and converting the encoding of text that is not UTF-8 (ICU's charset
// detector and converters), for load_source_text. Only a few encodings are ever chosen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace longjing {

// Text converted from a detected legacy encoding.
struct DetectedText {
  std::string text;      // valid UTF-8
  std::string encoding;  // ICU's name: "GB18030", "Big5", "UTF-16LE", "UTF-16BE",
                         // "ISO-8859-1", "windows-1252"
  int confidence = 0;    // the detector's confidence, 0-100
};

// The encoding of `bytes` (which are not valid UTF-8, and have no BOM) among GB18030
// (and so GBK), Big5, UTF-16LE/BE and ISO-8859-1/windows-1252, and the text converted
// from it. nullopt when no candidate reaches its confidence threshold, when the bytes
// are mostly well-formed UTF-8 with some damage, or when the conversion meets bytes
// that are illegal in the detected encoding. `allow_utf16_only`: consider UTF-16 alone
// (for bytes with NULs, which are binary unless they are UTF-16).
std::optional<DetectedText> detect_and_convert(std::string_view bytes, bool allow_utf16_only);

// `bytes` converted from `encoding` (an ICU converter name or alias) to UTF-8, bytes that
// are illegal in it replaced (so the result is always valid UTF-8); nullopt when ICU has
// no converter of that name. For text whose encoding is declared, not guessed.
std::optional<std::string> convert_declared(std::string_view bytes, std::string_view encoding);

// The encoding an HTML document declares, the way HTML5's prescan finds it: the first
// <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">
// within its first 1,024 bytes (comments skipped). The label is mapped as WHATWG's
// Encoding Standard does for the ones that matter here: gb2312, gbk, gb18030 and their
// aliases → "GB18030", big5 → "Big5", shift_jis and aliases → "Shift_JIS", iso-8859-1,
// latin1, us-ascii and windows-1252 → "windows-1252", utf-8 and the utf-16 labels (a
// page that declares UTF-16 in ASCII is not UTF-16) → "UTF-8"; another label is given
// lowercased for ICU to try. nullopt when nothing is declared.
std::optional<std::string> html_declared_charset(std::string_view bytes);

}  // namespace longjing
