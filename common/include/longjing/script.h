// Character classes the analyzer splits text by.
#pragma once

namespace longjing {

// True for characters written without spaces between words, tokenized as CJK runs:
// Han ideographs (all planes, compatibility forms included), Hiragana, Katakana and
// the marks 々 〇 ー. Full-width Latin and CJK punctuation are not CJK here.
bool is_cjk(char32_t cp);

// True for characters that make up a word in other scripts (Unicode letters, marks,
// digits and connector punctuation, as Xapian's TermGenerator counts them).
bool is_word_char(char32_t cp);

}  // namespace longjing

namespace longjing {

// The Simplified form of a Traditional Han character (長 → 长, 龍 → 龙), or cp itself.
// From ICU's Traditional-Simplified transliterator, one character at a time, as a table
// built at compile time: no ICU object is created.
char32_t fold_script(char32_t cp);

}  // namespace longjing
