#!/usr/bin/env bash
# What `cmake --install` gives a user and a program that embeds Longjing: the programs
# under their installed names with man pages and completions, the library with its headers,
# find_package(Longjing) (examples/embed-cpp built and run against the install) and
# pkg-config. The example's hits equal longjing-searcher -l's.
#   install_tree.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1 source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
source "$(dirname "$0")/../e2e/checks.sh"

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || {
  cat "$work/install.log"; echo "install_tree.sh: cmake --install failed"; exit 1; }
libdir=$(cd "$prefix" && ls -d lib*/ lib/*-linux-gnu 2>/dev/null | grep -m1 -E 'linux-gnu|lib/' | sed 's:/$::')
[ -e "$prefix/$libdir/liblongjing.so" ] || libdir=lib

# installed-files: each in the place its tool looks.
for f in bin/longjing-indexer bin/longjing-searcher libexec/longjing/longjing-read-pdf \
    libexec/longjing/longjing-serve \
    share/man/man1/longjing-indexer.1.gz share/man/man1/longjing-searcher.1.gz \
    share/bash-completion/completions/longjing-searcher share/zsh/vendor-completions/_longjing-searcher \
    share/fish/vendor_completions.d/longjing-indexer.fish \
    include/longjing/searcher.h include/longjing/version.h \
    "$libdir/pkgconfig/longjing.pc" "$libdir/cmake/Longjing/LongjingConfig.cmake"; do
  if [ -e "$prefix/$f" ]; then pass; else fail "installed-files: $f is missing"; fi
done
if [ ! -e "$prefix/bin/indexer" ] && [ ! -e "$prefix/bin/searcher" ]; then pass; else
  fail "installed-files: the build tree's short names were installed"; fi
soname=$(objdump -p "$prefix/$libdir/liblongjing.so" | awk '$1 == "SONAME" { print $2 }')
if [[ $soname =~ ^liblongjing\.so\.[0-9]+\.[0-9]+$ ]]; then pass; else fail "library-has-a-soname: '$soname'"; fi
# The public headers hold no Xapian or ICU type (docs/embedding.md).
if ! grep -lE '#include *<(xapian|unicode/)' "$prefix/include/longjing/"*.h; then pass; else
  fail "headers-free-of-xapian-and-icu"; fi
version=$(awk '$2 == "LONGJING_VERSION" { gsub(/"/, "", $3); print $3 }' "$prefix/include/longjing/version.h")
if [ "$("$prefix/bin/longjing-searcher" --version)" = "longjing-searcher (Longjing) $version" ]; then pass; else
  fail "installed-programs-name-themselves: $("$prefix/bin/longjing-searcher" --version)"; fi
page=$(man -l "$prefix/share/man/man1/longjing-searcher.1.gz" 2>/dev/null)
if [[ $page == *longjing-searcher* ]]; then pass; else
  fail "man-page-reads"; fi

# The installed programs index and search.
mkdir "$work/articles"
printf 'Unitree builds robot dogs in Hangzhou.\n' >"$work/articles/unitree.txt"
printf '# 宇树科技\n\n杭州宇树科技发布机器狗。Unitree again.\n' >"$work/articles/unitree-zh.md"
printf 'Nothing about robots here.\n' >"$work/articles/other.txt"
"$prefix/bin/longjing-indexer" -q --db "$work/db" "$work/articles" || fail "installed-indexer-indexes"
expected=$("$prefix/bin/longjing-searcher" --db "$work/db" -l Unitree)
# A PDF, read by the installed reader process the indexer finds in libexec.
mkdir "$work/pdfs" && cp "$source/tests/fixtures/documents/report.pdf" "$work/pdfs/"
"$prefix/bin/longjing-indexer" -q --db "$work/pdf-db" "$work/pdfs"
if [ "$("$prefix/bin/longjing-searcher" --db "$work/pdf-db" -l pdfmarkerone)" = "$work/pdfs/report.pdf" ]; then pass; else
  fail "installed-indexer-reads-a-pdf"; fi

# --serve: the installed searcher starts the server program it finds in libexec, and only
# that program links the HTTP library (its OpenSSL start-up would slow every shell query).
"$prefix/bin/longjing-searcher" --db "$work/db" --serve --listen 127.0.0.1:0 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/serve.err" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.err")
if [ -n "$url" ] && python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
    "${url}api/search?q=Unitree" 2>/dev/null | grep -q unitree.txt; then pass; else
  fail "installed-searcher-serves: $(cat "$work/serve.err")"; fi
kill "$server"; wait "$server" 2>/dev/null
if ! objdump -p "$prefix/bin/longjing-searcher" | grep -q 'NEEDED.*httplib'; then pass; else
  fail "installed-searcher-links-no-http-library"; fi
mkdir "$work/alone" && cp "$prefix/bin/longjing-searcher" "$work/alone/"
"$work/alone/longjing-searcher" --db "$work/db" --serve 2>"$work/err"; status=$?
if [ "$status" -eq 2 ] && grep -q "^longjing-searcher: --serve needs longjing-serve" "$work/err"; then pass; else
  fail "searcher-without-its-server-says-so: exit $status, $(cat "$work/err")"; fi

# examples/embed-cpp: find_package(Longjing) against the prefix.
if cmake -S "$source/examples/embed-cpp" -B "$work/embed" -DCMAKE_PREFIX_PATH="$prefix" >"$work/embed.log" 2>&1 &&
   cmake --build "$work/embed" >>"$work/embed.log" 2>&1; then
  got=$("$work/embed/hits" "$work/db" Unitree)
  if [ -n "$expected" ] && [ "$got" = "$expected" ]; then pass; else
    fail "embed-cpp-equals-searcher: '$got' vs '$expected'"; fi
  "$work/embed/hits" "$work/db" zzzznothing >/dev/null; status=$?
  if [ "$status" -eq 1 ]; then pass; else fail "embed-cpp-exit-1-without-hits: $status"; fi
  "$work/embed/hits" "$work/nodb" Unitree >/dev/null 2>"$work/err"; status=$?
  if [ "$status" -eq 2 ] && grep -q "^hits: no database at $work/nodb" "$work/err"; then pass; else
    fail "embed-cpp-error-is-a-longjing-error: exit $status, $(cat "$work/err")"; fi
else
  cat "$work/embed.log"; fail "embed-cpp-builds"
fi

# pkg-config: the same program built with `pkg-config --cflags --libs longjing`.
if PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" c++ -std=c++17 "$source/examples/embed-cpp/hits.cc" \
    -o "$work/hits-pc" $(PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" pkg-config --cflags --libs longjing) \
    -Wl,-rpath,"$prefix/$libdir" 2>"$work/err"; then
  if [ "$("$work/hits-pc" "$work/db" Unitree)" = "$expected" ]; then pass; else fail "pkg-config-build-runs"; fi
else
  cat "$work/err"; fail "pkg-config-builds (C++17 is enough for the headers)"
fi

# The Python module, from its site directory under the prefix, against the installed library.
module=$(find "$prefix" -name 'longjing.cpython-*.so' | head -1)
if [ -n "$module" ]; then
  # A prefix other than /usr and /usr/local gets the standard site-packages.
  case $module in "$prefix"/lib/python3.*/site-packages/*) pass ;; *) fail "python-module-in-a-site-directory: $module" ;; esac
  links=$(ldd "$module" | grep liblongjing)
  if [[ $links == *" => $prefix/"* ]]; then pass; else
    fail "python-module-links-the-installed-library: $links"; fi
  got=$(cd "$work" && PYTHONPATH=$(dirname "$module") /usr/bin/python3 -c '
import sys, longjing
print("\n".join(h.path for h in longjing.Database(sys.argv[1]).search("Unitree", limit=0)))' "$work/db")
  if [ -n "$expected" ] && [ "$got" = "$expected" ]; then pass; else fail "python-module-equals-searcher: '$got'"; fi
elif grep -q 'LONGJING_PYTHON:BOOL=ON' "$build/CMakeCache.txt"; then
  fail "python-module-installed: not under $prefix"
fi

echo "install tree: $passed passed, $failures failed"
[ "$failures" = 0 ]
