#!/usr/bin/env bash
# Metadata users search by: front-matter tags and keywords (YAML lists and comma strings)
# become the tag: field; TOML front matter (+++) is read, not indexed as text; an HTML
# <meta name="description"> is searched and quoted, its keywords are tags; a plain-text
# article written in Chinese gets zh-Hans or zh-Hant, so lang:zh finds it; --mtime-dates
# dates undated articles by their file's modification day for --since/--until/--sort date.
#   metadata.sh INDEXER SEARCHER
set -uo pipefail
indexer=$1 searcher=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LONGJING_DB=$work/db
source "$(dirname "$0")/checks.sh"
hits() { "$searcher" -l "$@" 2>&1 | sed "s|^$articles/||" | sort | paste -sd ' '; }

mkdir -p "$work/articles"
articles=$(cd "$work/articles" && pwd -P)
cat >"$articles/yaml.md" <<'MD'
---
title: Quadrupeds of Hangzhou
date: 2025-02-19
tags:
  - robotics
  - "machine learning"
keywords: 机器人，具身智能
description: How a lab of zebrafish keepers came to build robot dogs.
---
# Quadrupeds of Hangzhou

The body says little.
MD
cat >"$articles/toml.md" <<'MD'
+++
title = "Static sites"
date = 2024-03-01T10:00:00Z
tags = ["hugo",
  "web publishing"]
authors = ["Ann Lee"]
[params]
title = "quincunx"
+++
Notes about kumquats and generators.
MD
cat >"$articles/page.html" <<'HTML'
<html><head><title>Walrus page</title>
<meta name="description" content="Everything about walruses and their tusks.">
<meta name="keywords" content="marine, mammals"></head>
<body><h1>Walrus page</h1><p>The text of the page.</p></body></html>
HTML
printf '明月几时有，把酒问青天。不知天上宫阙，今夕是何年。\n' >"$articles/simplified.txt"
printf '明月幾時有，把酒問青天。不知天上宮闕，今夕是何年。\n' >"$articles/traditional.txt"
printf 'An English note on the moon, 明月, and nothing more of it.\n' >"$articles/english.txt"
touch -d '2020-05-05 12:00' "$articles/simplified.txt"
touch -d '2021-06-06 12:00' "$articles/traditional.txt" "$articles/english.txt"
"$indexer" -q "$articles"

# tags: a tag: field of their own, and words of the article.
same "yaml-block-list-tag" "yaml.md" "$(hits tag:robotics)"
same "yaml-quoted-tag-phrase" "yaml.md" "$(hits 'tag:"machine learning"')"
same "comma-string-keywords" "yaml.md" "$(hits tag:具身智能)"
same "tag-words-are-text" "yaml.md" "$(hits robotics)"
same "tag-field-needs-a-tag" "" "$(hits tag:hangzhou)"
same "toml-array-over-lines" "toml.md" "$(hits 'tag:"web publishing"')"
same "html-keywords-are-tags" "page.html" "$(hits tag:mammals)"
same "json-lists-the-tags" '["robotics","machine learning","机器人","具身智能"]' \
  "$("$searcher" --json tag:robotics | head -1 | python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.readline())["tags"], ensure_ascii=False, separators=(",", ":")))')"
same "text-shows-the-tags" "   $articles/yaml.md · 2025-02-19 · tags: robotics, machine learning, 机器人, 具身智能" \
  "$("$searcher" --color=never tag:robotics | sed -n 2p)"

# TOML: read, not text; keys of a [table] are not the article's.
same "toml-title" "Static sites" "$("$searcher" --json kumquats | head -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["title"])')"
same "toml-author" "Ann Lee" "$("$searcher" --json kumquats | head -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["source"])')"
same "toml-is-not-text" "" "$(hits quincunx)"
same "toml-date" "toml.md" "$(hits --since 2024-03-01 --until 2024-03-01 kumquats)"

# descriptions: searched, and quoted with the match highlighted.
same "html-description-is-searched" "page.html" "$(hits walruses)"
same "front-matter-description-is-searched" "yaml.md" "$(hits zebrafish)"
same "description-is-quoted" "   Everything about [walruses] and their tusks. The text of the page." \
  "$("$searcher" --color=never walruses | sed -n 3p)"

# language by script.
same "lang-zh-finds-both-scripts" "simplified.txt traditional.txt" "$(hits 'lang:zh 明月')"
same "lang-zh-hans" "simplified.txt" "$(hits 'lang:zh-hans 明月')"
same "lang-zh-hant" "traditional.txt" "$(hits 'lang:zh-hant 明月')"
same "english-with-a-chinese-word-is-not-zh" "english.txt" "$(hits '明月 -lang:zh')"

# --mtime-dates: off by default (undated articles are outside a range), on: the file's day.
same "undated-outside-a-range" "" "$(hits --since 2020-01-01 --until 2020-12-31 明月)"
same "mtime-dates-in-a-range" "simplified.txt" "$(hits --mtime-dates --since 2020-01-01 --until 2020-12-31 明月)"
same "mtime-dates-keep-declared-dates" "yaml.md" "$(hits --mtime-dates --since 2025-01-01 --until 2025-12-31 'robotics OR 明月')"
same "mtime-dates-sort" "$articles/traditional.txt|$articles/simplified.txt" \
  "$("$searcher" -l --mtime-dates --sort date 'lang:zh 明月' | paste -sd '|')"
same "mtime-dates-over-stdin" "simplified.txt" \
  "$(printf '{"query":"明月","mtime_dates":true,"until":"2020-12-31"}\n' | "$searcher" --stdin --json -l |
     python3 -c 'import json,sys; print(" ".join(json.loads(l)["path"].rsplit("/",1)[1] for l in sys.stdin if json.loads(l)["type"]=="path"))')"

echo "metadata: $passed passed, $failures failed"
[ "$failures" = 0 ]
