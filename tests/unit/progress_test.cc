// Tests for progress.h: the indexer's terminal progress line.
#include "longjing/progress.h"

#include <catch2/catch.hpp>
#include <sstream>

namespace longjing {
namespace {

TEST_CASE("format_progress shows done/total, rate and ETA", "[progress]") {
  struct Case {
    IndexProgress progress;
    double elapsed;
    const char* line;
  };
  const Case cases[] = {
      {{0, 3000}, 0.0, "0/3000 files"},
      {{10, 3000}, 0.01, "10/3000 files"},  // too early for a rate
      {{1200, 3000}, 3.0, "1200/3000 files  400 files/s  ETA 5s"},
      {{100, 20000}, 1.0, "100/20000 files  100 files/s  ETA 3m19s"},
      {{1, 10000}, 1.0, "1/10000 files  1 files/s  ETA 2h46m"},
      {{3000, 3000}, 2.0, "3000/3000 files  1500 files/s"},  // done: no ETA
      {{3000, 3000, true}, 9.0, "3000/3000 files  merging into the index"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    CHECK(format_progress(c.progress, c.elapsed) == c.line);
  }
}

TEST_CASE("ProgressLine redraws at most once per interval and clears itself", "[progress]") {
  std::ostringstream out;
  ProgressLine line(out, 0.125);       // times below are exact in binary floating point
  CHECK(line.update({1, 10}, 100.0));  // the first event draws
  CHECK_FALSE(line.update({2, 10}, 100.0625));
  CHECK(line.update({3, 10}, 100.125));
  CHECK_FALSE(line.update({4, 10}, 100.1875));
  CHECK(line.update({10, 10}, 100.25));          // the last one always draws
  CHECK(line.update({10, 10, true}, 100.3125));  // and so does the merge after it
  line.clear();
  line.clear();  // nothing shown: nothing written
  CHECK(out.str() ==
        "\r1/10 files\x1b[K"
        "\r3/10 files  24 files/s  ETA 1s\x1b[K"
        "\r10/10 files  40 files/s\x1b[K"
        "\r10/10 files  merging into the index\x1b[K"
        "\r\x1b[K");
}

TEST_CASE("ProgressLine writes nothing when never updated", "[progress]") {
  std::ostringstream out;
  ProgressLine line(out);
  line.clear();
  CHECK(out.str().empty());
}

}  // namespace
}  // namespace longjing
