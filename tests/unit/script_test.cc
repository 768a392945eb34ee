// Tests of the script classes (script.h): the language told by an article's script.
#include "longjing/script.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

namespace longjing {
namespace {

struct LanguageCase {
  std::string_view text;
  std::string_view language;
};

TEST_CASE("language_by_script tells Simplified and Traditional Chinese from the rest", "[script]") {
  const LanguageCase cases[] = {
      {"明月几时有，把酒问青天。不知天上宫阙，今夕是何年。", "zh-Hans"},
      {"明月幾時有，把酒問青天。不知天上宮闕，今夕是何年。", "zh-Hant"},
      {"宇树科技在杭州发布了新的 Unitree G1 人形机器人。", "zh-Hans"},  // a few English words
      {"An English note about 杭州 and robots and many other things here.", ""},
      {"Unitree 宇树 robots", ""},                         // too few Han characters
      {"東京はひらがなとカタカナで書かれています。", ""},  // kana: Japanese
      {"", ""},
      {"Plain English text only.", ""},
  };
  for (const LanguageCase& c : cases) {
    CAPTURE(c.text);
    CHECK(language_by_script(c.text) == c.language);
  }
}

TEST_CASE("typed_script tells the script a query's Chinese is typed in", "[script]") {
  const LanguageCase cases[] = {
      {"長安", "zh-Hant"},       // 長 folds to 长
      {"长安", "zh-Hans"},       // 长 is what 長 folds to
      {"明月", ""},              // both scripts write these alike
      {"長安 长安", "zh-Hant"},  // a Traditional form decides
      {"robot 龙", "zh-Hans"},
      {"Unitree", ""},
      {"", ""},
  };
  for (const LanguageCase& c : cases) {
    CAPTURE(c.text);
    CHECK(typed_script(c.text) == c.language);
  }
}

}  // namespace
}  // namespace longjing
