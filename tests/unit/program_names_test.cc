#include "longjing/program_names.h"

#include <catch2/catch.hpp>

using longjing::program_names;

TEST_CASE("Both programs take the naming of the one that runs", "[program_names]") {
  const struct {
    const char* argv0;
    const char* program;
    const char* indexer;
    const char* searcher;
  } cases[] = {
      {"build/release/bin/searcher", "searcher", "indexer", "searcher"},
      {"/usr/bin/longjing-searcher", "searcher", "longjing-indexer", "longjing-searcher"},
      {"longjing-indexer", "indexer", "longjing-indexer", "longjing-searcher"},
      {"/opt/lj/bin/indexer", "indexer", "indexer", "searcher"},
      {"ljs", "searcher", "indexer", "ljs"},  // a name of one's own: the other as built
      {"", "searcher", "indexer", "searcher"},
      {"/usr/bin/", "indexer", "indexer", "searcher"},  // no basename
  };
  for (const auto& c : cases) {
    INFO(c.argv0);
    const auto names = program_names(c.argv0, c.program);
    CHECK(names.indexer == c.indexer);
    CHECK(names.searcher == c.searcher);
  }
}

TEST_CASE("Help text names the programs as they run", "[program_names]") {
  const longjing::ProgramNames installed{"longjing-indexer", "longjing-searcher"};
  CHECK(
      longjing::with_program_names("run {indexer}, then {searcher} X; {other} stays", installed) ==
      "run longjing-indexer, then longjing-searcher X; {other} stays");
  CHECK(longjing::with_program_names("{searcher", installed) == "{searcher");
  CHECK(longjing::with_program_names("{{indexer}}{", installed) == "{longjing-indexer}{");
  CHECK(longjing::with_program_names("no braces", installed) == "no braces");
  CHECK(longjing::with_program_names("", installed).empty());
}
