// Build-time generator: asks ICU's "Traditional-Simplified" transliterator, character by
// character, for every Han code point, and writes the single-character foldings as a
// sorted C++ table. The searcher then folds scripts with a binary search instead of
// building the transliterator (10–24 ms) in every process.
//
// Usage: make_script_fold_table OUTPUT.inc
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <fstream>
#include <memory>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_script_fold_table OUTPUT.inc\n");
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "make_script_fold_table: cannot create transliterator: %s\n",
                 u_errorName(status));
    return 2;
  }
  struct Range {
    UChar32 first, last;
  };
  const Range ranges[] = {{0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xF900, 0xFAFF},
                          {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x30000, 0x3134F}};
  std::ofstream out(argv[1]);
  out << "// Generated at build time from ICU's Traditional-Simplified transliterator by\n"
         "// common/tools/make_script_fold_table.cc. Do not edit.\n";
  int count = 0;
  for (const Range& r : ranges) {
    for (UChar32 c = r.first; c <= r.last; ++c) {
      icu::UnicodeString s(c);
      t->transliterate(s);
      if (s.countChar32() != 1) continue;
      const UChar32 folded = s.char32At(0);
      if (folded == c) continue;
      out << "{0x" << std::hex << c << ", 0x" << folded << std::dec << "},\n";
      ++count;
    }
  }
  if (!out) {
    std::fprintf(stderr, "make_script_fold_table: cannot write %s\n", argv[1]);
    return 2;
  }
  std::fprintf(stderr, "make_script_fold_table: %d foldings\n", count);
  return 0;
}
