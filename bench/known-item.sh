#!/usr/bin/env bash
# Known-item ranking: MRR@10, success@1 and @10 of Longjing and the peers on the same
# generated queries (rules in bench/known_item/generate.py and docs/ranking.md).
#   bench/known-item.sh                   # seed 2 (the reporting seed), every set and engine
#   bench/known-item.sh -s 1 -e longjing  # seed 1 is the tuning seed
# Needs the corpora (bench/corpora.sh ... mail mixed) and each engine's indexes
# (bench/index.sh -c "brown linuxdoc mail poetry-zh-50k mixed").
source "$(dirname "$0")/defaults.sh"
exec "$RUN" known_item/run-all.sh "$@"
