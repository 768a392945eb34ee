#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <climits>
#include <memory>
#include <vector>

#include "longjing/utf8.h"

namespace longjing {
namespace {

// The encodings we accept from the detector, and the confidence each needs. Measured on
// ICU 72 (see source_file_test.cc): a few sentences of GB18030 or Big5 score 83-100, six
// characters alone only 10 (ambiguous: refused); Western text with accents scores 23-60
// as ISO-8859-1/windows-1252 while random bytes score below 5; UTF-16 without a BOM
// scores 80-100 on real text and 10 on binary data.
struct Candidate {
  std::string_view name;
  int min_confidence;
  bool utf16;
};
constexpr Candidate kCandidates[] = {
    {"GB18030", 50, false}, {"Big5", 50, false},       {"UTF-16LE", 80, true},
    {"UTF-16BE", 80, true}, {"ISO-8859-1", 20, false}, {"windows-1252", 20, false},
};

// The detector reads this much of the start of a file: enough for its statistics, and
// files of any size cost the same to classify.
constexpr std::size_t kDetectorSampleBytes = 64 * 1024;

const Candidate* find_candidate(std::string_view name) {
  for (const Candidate& c : kCandidates) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// True when the bytes look like UTF-8 that was damaged (at least as many well-formed
// multi-byte sequences as ill-formed ones): repairing beats reinterpreting them.
bool mostly_utf8(std::string_view bytes) {
  std::size_t good = 0, bad = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(bytes, i);
    if (i - start == 1 && static_cast<unsigned char>(bytes[start]) < 0x80) continue;
    const bool ill_formed = cp == 0xFFFD && bytes.substr(start, i - start) != "\xEF\xBF\xBD";
    ++(ill_formed ? bad : good);
  }
  return good >= bad && good > 0;
}

// Converts bytes from `encoding` to UTF-8; nullopt when a byte sequence is illegal or
// unassigned in it, or when the result holds C1 control characters (never in real text).
std::optional<std::string> convert_strict(std::string_view bytes, std::string_view encoding) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(
      ucnv_open(std::string(encoding).c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> utf16(bytes.size() + 1);
  const int32_t units = ucnv_toUChars(conv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                                      bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  int32_t length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &length, utf16.data(), units, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(length));
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), length, nullptr, utf16.data(), units, &status);
  if (U_FAILURE(status)) return std::nullopt;
  for (std::size_t i = 0; i < out.size();) {
    const char32_t cp = next_code_point(out, i);
    if (cp >= 0x80 && cp <= 0x9F) return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<std::string> convert_declared(std::string_view bytes, std::string_view encoding) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(
      ucnv_open(std::string(encoding).c_str(), &status), &ucnv_close);
  if (U_FAILURE(status) || conv == nullptr) return std::nullopt;
  // Illegal bytes become U+FFFD (ICU's default substitutes U+001A for some converters).
  static const UChar kReplacement[] = {0xFFFD};
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr,
                      &status);
  ucnv_setSubstString(conv.get(), kReplacement, 1, &status);
  status = U_ZERO_ERROR;
  std::vector<UChar> utf16(bytes.size() + 1);
  const int32_t units = ucnv_toUChars(conv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                                      bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  int32_t length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &length, utf16.data(), units, 0xFFFD, nullptr, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  std::string out(static_cast<std::size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), length, nullptr, utf16.data(), units, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  if (!is_valid_utf8(out)) {
    std::size_t repaired = 0;
    out = repair_utf8(out, repaired);
  }
  return out;
}

std::optional<DetectedText> detect_and_convert(std::string_view bytes, bool allow_utf16_only) {
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
  if (!allow_utf16_only && mostly_utf8(bytes)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      &ucsdet_close);
  if (U_FAILURE(status)) return std::nullopt;
  const std::string_view sample = bytes.substr(0, kDetectorSampleBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status)) return std::nullopt;
  // Matches come best first. A better UTF-8 match means damaged UTF-8: keep repairing it.
  for (int32_t i = 0; i < count; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    const int confidence = ucsdet_getConfidence(matches[i], &status);
    if (U_FAILURE(status) || name == nullptr) return std::nullopt;
    if (std::string_view(name) == "UTF-8") return std::nullopt;
    const Candidate* candidate = find_candidate(name);
    if (candidate == nullptr || (allow_utf16_only && !candidate->utf16)) continue;
    if (confidence < candidate->min_confidence) continue;
    if (auto text = convert_strict(bytes, candidate->name)) {
      return DetectedText{std::move(*text), std::string(candidate->name), confidence};
    }
  }
  return std::nullopt;
}

}  // namespace longjing
