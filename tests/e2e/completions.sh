#!/usr/bin/env bash
# The shell completions generated from the programs' option declarations (completions/)
# offer every option --help lists, the choices of an option's value, and files where a
# file is wanted: run in bash (its completion function called as readline would), checked
# by zsh's parser, and asked of fish's completion engine.
#   completions.sh INDEXER SEARCHER COMPLETIONS_DIR
set -uo pipefail
indexer=$1 searcher=$2 dir=$(cd "$3" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/checks.sh"
check() {  # NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# bash: the words typed so far → what the completion function offers, sorted, one line.
compopt() { :; }  # only valid inside readline's completion; the tests need no -o filenames
bash_offers() {  # PROGRAM WORD...
  local program=$1 fn=_${1//-/_}
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  "$fn"
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'
}
source "$dir/bash/longjing-indexer"
source "$dir/bash/longjing-searcher"

# The long options of --help's option lines ("  -n,--limit N  ..."), not of its prose.
long_options() {
  "$1" --help | grep -oE -- '^ +(-[a-z0-9],)?--[a-z][a-z0-9-]+' | grep -oE -- '--[a-z][a-z0-9-]+' \
    | sort -u | tr '\n' ' ' | sed 's/ $//'
}
for program in indexer searcher; do
  bin=$([ $program = indexer ] && echo "$indexer" || echo "$searcher")
  offered=$(bash_offers longjing-$program -- | tr ' ' '\n' | grep -- '^--' | sort -u | tr '\n' ' ' | sed 's/ $//')
  check "bash-offers-every-option-of-$program" "$(long_options "$bin")" "$offered"
done
check "bash-format-choices" "json paths text" "$(bash_offers longjing-searcher --format '')"
check "bash-format-equals" "json" "$(bash_offers longjing-searcher --format = j)"
check "bash-sort-choices" "date" "$(bash_offers longjing-searcher Unitree --sort d)"
check "bash-short-option" "-n" "$(bash_offers longjing-searcher -n)"
mkdir -p "$work/articles" "$work/index"
check "bash-db-is-a-path" "$work/index" "$(bash_offers longjing-searcher --db "$work/ind")"
check "bash-indexer-operands-are-paths" "$work/articles" "$(bash_offers longjing-indexer "$work/art")"
check "bash-searcher-operands-are-words" "" "$(bash_offers longjing-searcher "$work/art")"
check "bash-number-gets-nothing" "" "$(bash_offers longjing-searcher --limit 1)"

# zsh: the scripts parse, and name every option.
if command -v zsh >/dev/null; then
  for program in indexer searcher; do
    bin=$([ $program = indexer ] && echo "$indexer" || echo "$searcher")
    file=$dir/zsh/_longjing-$program
    if zsh -n "$file"; then pass; else fail "zsh-parses-$program"; fi
    named=$(grep -oE -- '--[a-z][a-z0-9-]+' "$file" | sort -u | tr '\n' ' ' | sed 's/ $//')
    check "zsh-names-every-option-of-$program" "$(long_options "$bin")" "$named"
  done
else
  fail "zsh is not installed (scripts/install-deps.sh installs it)"
fi

# fish: its own completion engine, asked for what a user would get at the prompt.
if command -v fish >/dev/null; then
  fish_offers() {  # PROGRAM COMMAND-LINE
    fish --no-config -c "source $dir/fish/$1.fish; complete -C '$2'" | cut -f1 | sort | tr '\n' ' ' | sed 's/ $//'
  }
  check "fish-long-option" "--format" "$(fish_offers longjing-searcher 'longjing-searcher --form')"
  check "fish-format-choices" "json paths text" "$(fish_offers longjing-searcher 'longjing-searcher --format ')"
  check "fish-indexer-option" "--rebuild --report" "$(fish_offers longjing-indexer 'longjing-indexer --re')"
  check "fish-searcher-no-files" "" "$(cd "$work" && fish_offers longjing-searcher 'longjing-searcher art')"
  check "fish-indexer-files" "articles/" "$(cd "$work" && fish_offers longjing-indexer 'longjing-indexer art')"
else
  fail "fish is not installed (scripts/install-deps.sh installs it)"
fi

echo "completions: $passed passed, $failures failed"
[ "$failures" = 0 ]
