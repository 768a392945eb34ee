# Longjing's own engine: build/release/bin/{indexer,searcher} (Xapian 1.4 + ICU).
# Sourced by the shared harness (see bench/run.sh); the API is the one in the shared
# engines/_template.sh.  ENGINE_BIN (or INDEXER / SEARCHER) selects the build.
ENGINE_BIN=${ENGINE_BIN:-$PWD/build/release/bin}
INDEXER=${INDEXER:-$ENGINE_BIN/indexer}
SEARCHER=${SEARCHER:-$ENGINE_BIN/searcher}
ENGINE_DESC="longjing indexer + searcher ($(cat "$RESULTS/longjing-build.txt" 2>/dev/null || echo "$ENGINE_BIN"))"
ENGINE_CAPS="phrase=yes; prefix=yes (term*); CJK=yes (positional bigrams + the unigram ending each run: exact substring; traditional/simplified folded); snippets=yes (query-dependent, highlighted); incremental=yes (size+mtime, then content hash)"

engine_available() { [ -x "$INDEXER" ] && [ -x "$SEARCHER" ]; }
engine_version()   { "$SEARCHER" --version 2>&1 | sed -n 1p; }

# The summary line ("N added, N updated, ...") goes to stderr, i.e. into the bench logs.
engine_index()     { "$INDEXER" --db "$2/db" "$1" >&2; }

longjing_syntax() {   # longjing_syntax KIND TEXT -> query string (docs/query-syntax.md)
    case $1 in
        word|zh) echo "$2" ;;
        and)     echo "${2// / AND }" ;;
        phrase)  echo "\"$2\"" ;;
        prefix)  echo "$2*" ;;
    esac
}

# What a user sees: top LIMIT hits with highlighted passages, no colour.
engine_query_cmd() {
    echo "$(q "$SEARCHER") --db $(q "$2/db") --color never -n $5 $(q "$(longjing_syntax "$3" "$4")")"
}

# All hits, paths only.  The indexer stores the paths it was given, so the corpus prefix
# is stripped.  Exit 1 (no hits) is not an error here.
engine_hits() {
    { "$SEARCHER" --db "$2/db" -l -n 0 "$(longjing_syntax "$3" "$4")" || [ $? -eq 1 ]; } | sed "s|^$1/||"
}
