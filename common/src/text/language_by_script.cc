// language_by_script: the language an undeclared article is written in, told by its script.
#include "longjing/script.h"
#include "longjing/utf8.h"

namespace longjing {
namespace {

bool is_kana(char32_t cp) {
  return (cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF);
}

}  // namespace

std::string language_by_script(std::string_view text) {
  std::size_t han = 0, kana = 0, traditional = 0, other_words = 0;
  bool in_word = false;  // inside a run of word characters of another script
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (is_cjk(cp)) {
      in_word = false;
      if (is_kana(cp)) {
        ++kana;
      } else {
        ++han;
        if (fold_script(cp) != cp) ++traditional;
      }
      continue;
    }
    const bool word = is_word_char(cp);
    if (word && !in_word) ++other_words;
    in_word = word;
  }
  // A Han character says about as much as a word: the text is Chinese when its Han part
  // is at least as long as the rest, counted so, twice over; kana make it Japanese.
  if (han < kMinHanForLanguage || han < 2 * other_words || kana * 20 > han) return {};
  return traditional * 20 >= han ? "zh-Hant" : "zh-Hans";
}

}  // namespace longjing
