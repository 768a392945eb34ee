#!/usr/bin/env bash
# rank.sh ENGINE CORPUS QUERIES.tsv: each known-item query (generate.py's lines) typed into
# ENGINE's index of CORPUS as a user of that engine would type it; prints one line a query,
# `qid<TAB>path1<TAB>path2...`, its top 10 hits' paths relative to the corpus, best first.
#
# Needs the shared harness's overlay (BENCH_DIR, see bench/run.sh) for the adapters'
# settings and the index at INDEX_ROOT/ENGINE/CORPUS (bench/index.sh builds it).
# English queries are the AND of their words; a Chinese piece is what a user types (a
# phrase where the engine needs quotes for one), two pieces are both required.
set -euo pipefail
source "$BENCH_DIR/config.sh"
source "$BENCH_DIR/lib/common.sh"
engine=$1 corpus=$2 queries=$3
source "$BENCH_DIR/engines/$engine.sh"
index=$INDEX_ROOT/$engine/$corpus
root=$CORPORA/$corpus
[ -d "$index" ] || { echo "rank.sh: no $engine index of $corpus at $index (run bench/index.sh)" >&2; exit 2; }

is_cjk() { [[ $1 == *[一-鿿]* ]]; }

# The query string for ENGINE: words joined by the engine's AND, CJK pieces quoted where
# the engine has no other way to ask for a substring.
syntax() {
    local text=$1 w out="" cjk=0
    is_cjk "$text" && cjk=1
    for w in $text; do
        case $engine in
            longjing|recoll) out+="${out:+ }$w" ;;
            omega|omega-cjk) out+="${out:+ AND }$w" ;;
            fts5-*)          out+="${out:+ AND }\"$w\"" ;;
            lucene)          if [ $cjk = 1 ]; then out+="${out:+ }+\"$w\""; else out+="${out:+ }+$w"; fi ;;
            *) echo "rank.sh: no query syntax for engine $engine" >&2; exit 2 ;;
        esac
    done
    echo "$out"
}

# Top 10 paths, relative to the corpus, one a line.
top10() {
    local query=$1
    case $engine in
        longjing)
            { "$SEARCHER" --db "$index/db" -l -n 10 "$query" || [ $? -eq 1 ]; } | sed "s|^$root/||" ;;
        omega|omega-cjk)
            quest -d "$index/db" -m 10 -f "$QUEST_FLAGS" "$query" 2>/dev/null \
                | sed -n 's|^url=/||p' | python3 -c 'import sys,urllib.parse as u;[print(u.unquote(l.rstrip("\n"))) for l in sys.stdin]' ;;
        fts5-*)
            sqlite3 -readonly "$index/fts.db" "$(fts5_sql path "$query" "ORDER BY rank LIMIT 10")" 2>/dev/null || true ;;
        recoll)
            recollq -c "$index" -n 10 -b "$query" 2>/dev/null | sed -n "s|^file://$root/||p" ;;
        lucene)
            java -cp "$LUCENE_CP" org.apache.lucene.demo.SearchFiles -index "$index/index" \
                -query "$query" -paging 10 2>/dev/null | sed -n "s|^[0-9]*\. $root/||p" | head -10 ;;
    esac
}

while IFS=$'\t' read -r qid kind target text; do
    printf '%s' "$qid"
    while IFS= read -r path; do printf '\t%s' "$path"; done < <(top10 "$(syntax "$text")")
    printf '\n'
done < "$queries"
