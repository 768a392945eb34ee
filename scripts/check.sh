#!/usr/bin/env bash
# Everything CI checks, in order, stopping at the first failure:
#   0. every C++ source formatted as .clang-format says (scripts/check-format.sh), and
#      every file a comment cites present (scripts/check-citations.sh);
#   1. the debug build and every test (unit, end-to-end, faults, limits): preset dev;
#   2. the same tests under AddressSanitizer + UBSan, leaks checked: preset asan;
#   3. the unit tests under ThreadSanitizer (full builds run threads): preset tsan;
#   4. bounded fuzzing of every libFuzzer target (scripts/fuzz.sh, FUZZ_SECONDS each);
#   5. the Debian packages (preset package) and what they hold, installed under CI.
# Prints how long each step took. Exit status: 0 all passed, non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
# Warnings are errors here, as in CI (CMakeLists.txt: LONGJING_WERROR defaults to ON when CI
# is set), in every build below, the package's release build included.
export CI=${CI:-true}

step() {
  local start=$SECONDS
  echo "check.sh: $*"
  "$@"
  echo "check.sh: $* took $((SECONDS - start))s"
}

step scripts/check-format.sh
step scripts/check-citations.sh
step cmake --workflow --preset dev
step cmake --workflow --preset asan
step cmake --workflow --preset tsan
step scripts/fuzz.sh
step cmake --workflow --preset package
step tests/install/deb_package.sh build/package
