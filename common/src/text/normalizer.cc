#include "longjing/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "longjing/error.h"
#include "longjing/script.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

// One of ICU's normalizers, or Error naming the data that did not load.
const icu::Normalizer2& loaded(const icu::Normalizer2* (*get)(UErrorCode&), const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = get(status);
  if (U_FAILURE(status))
    throw Error(std::string("cannot load ICU's ") + name + " data: " + u_errorName(status));
  return *n;
}

// ICU caches the instances itself; these only avoid asking twice.
const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2& instance =
      loaded(&icu::Normalizer2::getNFKCCasefoldInstance, "NFKC_Casefold");
  return instance;
}

// Canonical decomposition and composition, for folding Latin accents.
const icu::Normalizer2& nfd() {
  static const icu::Normalizer2& instance = loaded(&icu::Normalizer2::getNFDInstance, "NFD");
  return instance;
}

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2& instance = loaded(&icu::Normalizer2::getNFCInstance, "NFC");
  return instance;
}

// Latin letters, precomposed with their accents or not (Latin-1 Supplement to Latin
// Extended-B, Latin Extended Additional), and the combining diacritical marks.
bool is_latin_letter(UChar32 c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}
bool is_combining_diacritic(UChar32 c) { return c >= 0x300 && c <= 0x36F; }

// `text` without the accents of its Latin letters (é → e, ā → a, ǖ → u): decomposed, the
// combining diacritical marks that follow a Latin letter dropped, composed again (so that
// other scripts' marks and Hangul come back as they were). Letters that are no letter
// plus accent stay (ø, ł, æ, ß already folded to ss). Unchanged when it holds no Latin
// letter with an accent.
icu::UnicodeString without_latin_accents(const icu::UnicodeString& text) {
  bool accented = false;
  for (std::int32_t k = 0; k < text.length() && !accented;) {
    const UChar32 c = text.char32At(k);
    accented = (c >= 0xC0 && is_latin_letter(c)) || is_combining_diacritic(c);
    k += U16_LENGTH(c);
  }
  if (!accented) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = nfd().normalize(text, status);
  if (U_FAILURE(status)) return text;
  icu::UnicodeString kept;
  bool after_latin = false;
  for (std::int32_t k = 0; k < decomposed.length();) {
    const UChar32 c = decomposed.char32At(k);
    k += U16_LENGTH(c);
    if (is_combining_diacritic(c) && after_latin) continue;
    kept.append(c);
    after_latin = is_latin_letter(c);
  }
  icu::UnicodeString composed = nfc().normalize(kept, status);
  return U_FAILURE(status) ? text : composed;
}

// True when the code point at text[i] starts a new normalization segment.
bool starts_segment(std::string_view text, std::size_t i) {
  if (i >= text.size() || static_cast<unsigned char>(text[i]) < 0x80) return true;
  std::size_t j = i;
  const char32_t cp = next_code_point(text, j);
  return is_inert_ideograph(cp) || nfkc_casefold().hasBoundaryBefore(static_cast<UChar32>(cp));
}

// Appends the normalization of one segment, every output byte mapped to `origin_offset`.
void append_normalized(std::string_view segment, std::uint32_t origin_offset,
                       NormalizedText* out_map, std::string& out) {
  const std::size_t before = out.size();
  std::size_t i = 0;
  std::size_t len = 0;
  char32_t cp = next_code_point(segment, i);
  const bool single = i == segment.size();
  if (single && segment.size() == 1 && static_cast<unsigned char>(segment[0]) < 0x80) {
    char c = segment[0];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  } else if (single && cp == 0xFFFD) {
    append_utf8(out, cp);  // ill-formed bytes (or U+FFFD itself)
  } else if (single &&
             (is_inert_ideograph(cp) || nfkc_casefold().isInert(static_cast<UChar32>(cp)))) {
    const char32_t folded = fold_script(cp);
    if (folded == cp) {
      out.append(segment);
    } else {
      append_utf8(out, folded);
    }
  } else {
    // Ill-formed bytes inside a longer segment become U+FFFD before ICU sees them.
    std::string clean = repair_utf8(segment, len);
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = without_latin_accents(
        nfkc_casefold().normalize(icu::UnicodeString::fromUTF8(clean), status));
    if (U_FAILURE(status)) {
      out.append(clean);  // cannot happen with valid input; keep the text rather than lose it
    } else {
      // Fold the normalized characters' script too (compatibility ideographs land here).
      for (std::int32_t k = 0; k < normalized.length();) {
        const UChar32 c = normalized.char32At(k);
        append_utf8(out, fold_script(static_cast<char32_t>(c)));
        k += U16_LENGTH(c);
      }
    }
  }
  if (out_map != nullptr)
    out_map->origin.insert(out_map->origin.end(), out.size() - before, origin_offset);
}

void normalize_into(std::string_view original, NormalizedText* out_map, std::string& out) {
  out.reserve(original.size());
  if (out_map != nullptr) out_map->origin.reserve(original.size() + 1);
  std::size_t i = 0;
  while (i < original.size()) {
    // A run of ASCII bytes, each followed by another (or by the end), is a run of
    // one-byte segments: lowercased in bulk, as append_normalized would one by one.
    const std::size_t run = ascii_prefix_length(original.substr(i));
    const std::size_t bulk = i + run == original.size() || run == 0 ? run : run - 1;
    for (std::size_t k = i; k < i + bulk; ++k) {
      const char c = original[k];
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (out_map != nullptr) out_map->origin.push_back(static_cast<std::uint32_t>(k));
    }
    i += bulk;
    if (i == original.size()) break;
    const std::size_t start = i;
    next_code_point(original, i);
    while (!starts_segment(original, i)) next_code_point(original, i);
    append_normalized(original.substr(start, i - start), static_cast<std::uint32_t>(start), out_map,
                      out);
  }
  if (out_map != nullptr) out_map->origin.push_back(static_cast<std::uint32_t>(original.size()));
}

}  // namespace

std::uint32_t NormalizedText::original_end(std::size_t nend) const {
  if (nend == 0) return origin.front();
  const std::uint32_t last = origin[nend - 1];
  std::size_t j = nend;
  while (j + 1 < origin.size() && origin[j] == last) ++j;
  return origin[j] == last ? origin.back() : origin[j];
}

NormalizedText normalize_for_matching(std::string_view original) {
  NormalizedText result;
  normalize_into(original, &result, result.text);
  return result;
}

std::string normalize_string(std::string_view original) {
  std::string out;
  normalize_into(original, nullptr, out);
  return out;
}

bool is_inert_ideograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2EBEF) ||
         (cp >= 0x30000 && cp <= 0x323AF);
}

bool is_normalization_boundary(std::string_view original, std::size_t i) {
  return i == 0 || starts_segment(original, i);
}

void for_each_non_ascii_segment(std::string_view original, const SegmentVisitor& visit) {
  const auto ascii = [original](std::size_t i) {
    return static_cast<unsigned char>(original[i]) < 0x80;
  };
  std::string normalized;
  std::size_t i = 0;
  while (i < original.size()) {
    // An ASCII byte followed by another (or by the end) is a segment of its own.
    const std::size_t run = ascii_prefix_length(original.substr(i));
    if (i + run == original.size()) break;
    if (run > 1) i += run - 1;
    const std::size_t start = i;
    const char32_t cp = next_code_point(original, i);
    normalized.clear();
    if (is_inert_ideograph(cp) && starts_segment(original, i)) {
      append_utf8(normalized, fold_script(cp));  // most of Chinese text, as append_normalized
      visit(start, i, normalized);
      continue;
    }
    while (!starts_segment(original, i)) next_code_point(original, i);
    if (i - start == 1 && ascii(start)) continue;
    append_normalized(original.substr(start, i - start), 0, nullptr, normalized);
    visit(start, i, normalized);
  }
}

}  // namespace longjing
