#!/usr/bin/env bash
# Ranking regression: known-item searches on a made-up corpus (ranking_corpus.py) with the
# bench's query rules (bench/known_item/generate.py, fixed seed); fails when MRR@10 falls
# below the floor, or when pages (--offset) disagree with the whole ranked list. The ranking of docs/ranking.md scores 0.792 here (when written);
# plain BM25 over stems, without the typed-form and nearness boosts, scores 0.161.
#   ranking.sh INDEXER SEARCHER SOURCE_DIR
set -euo pipefail
indexer=$1 searcher=$2 source=$(cd "$3" && pwd)
floor=0.75
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LONGJING_DB=$work/db

python3 "$source/tests/e2e/ranking_corpus.py" "$work/corpus" 300
"$indexer" -q "$work/corpus"
(cd "$work/corpus" && ls) > "$work/manifest"
python3 "$source/bench/known_item/generate.py" "$work/corpus" "$work/manifest" ranking 1 80 \
  > "$work/queries.tsv"

while IFS=$'\t' read -r qid _kind _target text; do
  printf '%s' "$qid"
  { "$searcher" -l -n 10 "$text" || [ $? -eq 1 ]; } | sed "s|^$work/corpus/||" \
    | while IFS= read -r path; do printf '\t%s' "$path"; done
  printf '\n'
done < "$work/queries.tsv" > "$work/runs.tsv"

# Pages cut from the reordered best matches agree with the whole list, and JSON ranks count
# from the offset: three pages of 10 are the first 30 hits.
checked=0
while IFS= read -r text; do
  whole=$("$searcher" -l -n 30 "$text" || true)
  pages=$(for offset in 0 10 20; do "$searcher" -l -n 10 --offset "$offset" "$text" || true; done)
  if [ "$whole" != "$pages" ]; then
    echo "ranking.sh: pages of '$text' differ from its first 30 hits" >&2
    diff <(echo "$whole") <(echo "$pages") >&2
    exit 1
  fi
  ranks=$({ "$searcher" --json -n 5 --offset 10 "$text" || true; } | python3 -c '
import json, sys
print(" ".join(str(o["rank"]) for o in map(json.loads, sys.stdin) if o["type"] == "hit"))')
  count=$(echo "$whole" | sed -n '11,15p' | grep -c . || true)
  expected=$(seq -s ' ' 11 $((10 + count)))
  if [ "$ranks" != "$expected" ]; then
    echo "ranking.sh: '$text' --offset 10 -n 5 ranks '$ranks', expected '$expected'" >&2
    exit 1
  fi
  [ "$count" -gt 0 ] && checked=$((checked + 1))
done < <(cut -f4 "$work/queries.tsv" | head -40)
if [ "$checked" -lt 5 ]; then
  echo "ranking.sh: only $checked queries have more than 10 hits; the paging check needs 5" >&2
  exit 1
fi
echo "ranking: pages agree with the whole list for 40 queries ($checked with more than 10 hits)"

python3 - "$work/queries.tsv" "$work/runs.tsv" "$floor" "$source/bench/known_item" <<'PY'
import sys
sys.path.insert(0, sys.argv[4])
from score import read_tsv, score_set
queries, runs, floor = read_tsv(sys.argv[1]), read_tsv(sys.argv[2]), float(sys.argv[3])
if len(queries) < 80:
    sys.exit(f"ranking.sh: only {len(queries)} queries were generated, 80 expected")
scores = score_set(queries, runs)
for kind, (mrr, s1, s10, n) in sorted(scores.items()):
    print(f"ranking: {kind:9} n={n:3} MRR@10 {mrr:.3f}  success@1 {s1:.2f}  success@10 {s10:.2f}")
mrr = scores["all"][0]
if mrr < floor:
    sys.exit(f"ranking.sh: MRR@10 {mrr:.3f} is below the floor {floor:.2f}")
PY
