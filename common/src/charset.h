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

}  // namespace longjing
