# Defaults of the per-measure scripts in bench/; sourced by them.  Override from the
# environment, e.g.  ENGINES="longjing omega" bench/index.sh
# Engines measured with Longjing (the shared harness's adapters; swish-e is left out: it
# has no UTF-8 support, so its Chinese results mean nothing).
ENGINES=${ENGINES:-"longjing omega omega-cjk fts5-unicode61 fts5-trigram recoll lucene rg"}
# Corpora for index and query timings (mixed, 344k docs, is added with -c "... mixed").
BENCH_CORPORA=${BENCH_CORPORA:-"brown linuxdoc poetry-zh-50k"}
RUN=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.sh
