#!/usr/bin/env bash
# Known-item evaluation, one command (through bench/known-item.sh): make the query sets of
# one seed, type every query into every engine, score. Run from the shared harness's
# overlay (BENCH_DIR).
#   run-all.sh [-s SEED] [-e "ENGINES"] [-c "SETS"] [-n QUERIES]
# Sets are corpora (brown linuxdoc mail poetry-zh-50k mixed) plus NAME-other, the Chinese
# queries of NAME in the other script. Writes RESULTS/known-item/seed-SEED/{queries,runs}/
# and known-item.md there, and prints the Markdown.
set -euo pipefail
source "$BENCH_DIR/config.sh"
HERE=$BENCH_DIR/known_item
seed=2 engines="longjing omega omega-cjk fts5-unicode61 fts5-trigram recoll lucene"
sets="brown linuxdoc mail poetry-zh-50k mixed poetry-zh-50k-other mixed-other" count=200
while getopts "s:e:c:n:" opt; do
    case $opt in
        s) seed=$OPTARG ;; e) engines=$OPTARG ;; c) sets=$OPTARG ;; n) count=$OPTARG ;;
        *) echo "usage: $0 [-s SEED] [-e ENGINES] [-c SETS] [-n QUERIES]" >&2; exit 2 ;;
    esac
done
out=$RESULTS/known-item/seed-$seed
mkdir -p "$out/queries"

corpus_of() { echo "${1%-other}"; }

for set in $sets; do
    corpus=$(corpus_of "$set")
    [ -f "$CORPORA/$corpus.manifest" ] || { echo "run-all.sh: corpus $corpus not built (bench/corpora.sh $corpus)" >&2; exit 2; }
    q=$out/queries/$set.tsv
    if [ "$set" = "$corpus" ]; then
        python3 "$HERE/generate.py" "$CORPORA/$corpus" "$CORPORA/$corpus.manifest" "$set" "$seed" "$count" > "$q"
    else
        python3 "$HERE/generate.py" "$CORPORA/$corpus" "$CORPORA/$corpus.manifest" "$corpus" "$seed" "$count" \
            | python3 "$HERE/convert.py" /dev/stdin "$set" > "$q"
    fi
done

for engine in $engines; do
    mkdir -p "$out/runs/$engine"
    for set in $sets; do
        corpus=$(corpus_of "$set")
        if [ ! -d "$INDEX_ROOT/$engine/$corpus" ]; then
            echo "run-all.sh: $engine has no index of $corpus, skipped" >&2
            continue
        fi
        echo "run-all.sh: $engine on $set" >&2
        "$HERE/rank.sh" "$engine" "$corpus" "$out/queries/$set.tsv" > "$out/runs/$engine/$set.tsv.tmp"
        mv "$out/runs/$engine/$set.tsv.tmp" "$out/runs/$engine/$set.tsv"
    done
done

# shellcheck disable=SC2086
python3 "$HERE/score.py" "$out" $engines | tee "$out/known-item.md"
