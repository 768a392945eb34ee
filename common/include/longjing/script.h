// Character classes the analyzer splits text by.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace longjing {

// True for characters written without spaces between words, tokenized as CJK runs:
// Han ideographs (all planes, compatibility forms included), Hiragana, Katakana and
// the marks 々 〇 ー. Full-width Latin and CJK punctuation are not CJK here.
bool is_cjk(char32_t cp);

// True for characters that make up a word in other scripts (Unicode letters, marks,
// digits and connector punctuation, as Xapian's TermGenerator counts them).
bool is_word_char(char32_t cp);

// The language of an article that declares none, told by its script: "zh-Hans" or
// "zh-Hant" when its Han characters number at least kMinHanForLanguage and at least twice
// its words in other scripts (a Han character counted as a word) and it has next to no
// kana; "zh-Hant" when at least 1 in 20 of them is a Traditional form (fold_script
// changes it). Empty otherwise: English, Japanese, mixed or too short to tell.
inline constexpr std::size_t kMinHanForLanguage = 4;
std::string language_by_script(std::string_view text);

}  // namespace longjing

namespace longjing {

// The Simplified form of a Traditional Han character (長 → 长, 龍 → 龙), or cp itself.
// From ICU's Traditional-Simplified transliterator, one character at a time, as a table
// built at compile time: no ICU object is created.
char32_t fold_script(char32_t cp);

}  // namespace longjing

namespace longjing {

// The script the Han characters of a short text (a query) are written in, as a language
// tag: "zh-Hant" when one of them is a Traditional form (fold_script changes it), else
// "zh-Hans" when one is the Simplified form of another character (长, 龙), else empty:
// no Han characters, or only characters both scripts write alike (明月).
std::string typed_script(std::string_view text);

}  // namespace longjing
