#!/usr/bin/env bash
# Checks that every file a source comment cites (a name ending .cc, .h or .md, as in
# "see html_format.cc" or "docs/ranking.md") is a file of the repository. Prints each one
# that is not, and exits 1.
#   scripts/check-citations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tracked=$(git ls-files)
missing=0
while IFS= read -r cited; do
  base=${cited##*/}
  if ! grep -qE "(^|/)${base//./\\.}$" <<<"$tracked"; then
    echo "check-citations: $cited is cited but is not in the repository" >&2
    missing=1
  fi
done < <(git ls-files '*.cc' '*.h' | xargs grep -hoE "//.*" | grep -oE "[A-Za-z0-9_./-]+\.(cc|h|md)\b" | sort -u)
[ "$missing" = 0 ] && echo "check-citations: every cited file exists"
exit "$missing"
