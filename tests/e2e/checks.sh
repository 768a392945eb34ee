# The tally of an end-to-end script, sourced by it: every check passes or fails by name.
#   pass                       one check passed
#   fail NAME: WHAT            one check failed (printed)
#   same NAME EXPECTED ACTUAL  passes when ACTUAL is EXPECTED, else fails saying both
failures=0 passed=0
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
pass() { passed=$((passed + 1)); }
same() { if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi; }
