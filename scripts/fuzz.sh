#!/usr/bin/env bash
# Bounded fuzzing: builds the `fuzz` preset (clang, libFuzzer, ASan + UBSan), then runs each
# target in tests/fuzz/ for FUZZ_SECONDS seconds (default 60) from its checked-in seed
# corpus (tests/fuzz/corpus/<target>/, never modified: new inputs go to a scratch folder).
# Exits 1 on the first crash, sanitizer report, leak, timeout (-timeout=10 s per input) or
# out-of-memory (-rss_limit_mb=2048); the input that did it is kept in
# build/fuzz/crashes/<target>/ and the end of the log is printed.
#   scripts/fuzz.sh                 every target
#   FUZZ_SECONDS=600 scripts/fuzz.sh query_fuzz
# Under CI (CI set) each target runs a fixed number of inputs from a fixed seed instead
# (FUZZ_RUNS, default 40000; FUZZ_SEED, default 1): the same inputs every run, so CI
# cannot fail on luck. Explore with time and random seeds locally, and turn what you find
# into regression tests and seed-corpus files.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=(analyzer_fuzz formats_fuzz query_fuzz source_fuzz pdf_fuzz epub_fuzz docx_fuzz odt_fuzz email_fuzz)
[ $# -eq 0 ] || targets=("$@")

cmake --workflow --preset fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan-suppressions.txt
passed=0
for target in "${targets[@]}"; do
  seeds=tests/fuzz/corpus/$target
  crashes=build/fuzz/crashes/$target
  [ -d "$seeds" ] || { echo "fuzz.sh: no seed corpus $seeds" >&2; exit 2; }
  mkdir -p "$work/$target" "$crashes"
  echo "fuzz.sh: $target"
  if [ -n "${CI:-}" ]; then
    budget=(-runs="${FUZZ_RUNS:-40000}" -seed="${FUZZ_SEED:-1}")
  else
    budget=(-max_total_time="$seconds")
  fi
  if ! build/fuzz/bin/"$target" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "$work/$target" "$seeds" \
      >"$work/$target.log" 2>&1; then
    tail -n 80 "$work/$target.log"
    echo "fuzz.sh: $target failed; the input is in $crashes/"
    echo "fuzz: $passed passed, 1 failed"
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$work/$target.log" || true
  passed=$((passed + 1))
done
echo "fuzz: $passed passed, 0 failed"
