#include "longjing/script.h"

#include <unicode/uchar.h>

namespace longjing {

bool is_cjk(char32_t cp) {
  if (cp < 0x3005) return false;
  return cp == 0x3005 || cp == 0x3007 ||    // 々 〇
         (cp >= 0x3041 && cp <= 0x309F) ||  // Hiragana
         (cp >= 0x30A1 && cp <= 0x30FA) ||  // Katakana (not ゠ or ・)
         (cp >= 0x30FC && cp <= 0x30FF) ||  // ー ヽ ヾ ヿ
         (cp >= 0x31F0 && cp <= 0x31FF) ||  // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0x20000 && cp <= 0x323AF);  // extensions B–H, compatibility supplement
}

bool is_word_char(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_CONNECTOR_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

}  // namespace longjing
