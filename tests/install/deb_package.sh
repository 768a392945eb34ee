#!/usr/bin/env bash
# The Debian packages made by `cmake --workflow --preset package`: each holds what it
# should, their Depends are computed (dpkg-shlibdeps: libxapian30, libicu72, ... with
# versions) and they install. Under CI (CI=true, as root) they are installed with apt-get
# on the machine itself, used, and removed; elsewhere they are unpacked into a temporary
# root (dpkg-deb -x) and used from there, which leaves the system untouched.
#   deb_package.sh PACKAGE_BUILD_DIR
set -uo pipefail
dir=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../e2e/checks.sh"

deb() { ls "$dir"/$1_*.deb 2>/dev/null | head -1; }
programs=$(deb longjing) library=$(deb 'liblongjing[0-9]*') dev=$(deb liblongjing-dev) python=$(deb python3-longjing)
for p in "$programs" "$library" "$dev" "$python"; do
  if [ -n "$p" ]; then pass; else fail "four-packages: one is missing in $dir"; fi
done
[ "$failures" = 0 ] || { echo "deb package: $passed passed, $failures failed"; exit 1; }

holds() {  # PACKAGE FILE...
  local package=$1; shift
  local listing; listing=$(dpkg-deb -c "$package" | awk '{ print $6 }')
  for f in "$@"; do
    if grep -qx "./$f" <<<"$listing"; then pass; else fail "$(basename "$package") lacks $f"; fi
  done
}
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
holds "$programs" usr/bin/longjing-indexer usr/bin/longjing-searcher usr/libexec/longjing/longjing-read-pdf \
  usr/libexec/longjing/longjing-serve \
  usr/share/man/man1/longjing-indexer.1.gz usr/share/man/man1/longjing-searcher.1.gz \
  usr/share/bash-completion/completions/longjing-searcher usr/share/zsh/vendor-completions/_longjing-indexer \
  usr/share/fish/vendor_completions.d/longjing-searcher.fish
holds "$library" "usr/lib/$multiarch/liblongjing.so.0.1"
holds "$dev" usr/include/longjing/searcher.h "usr/lib/$multiarch/liblongjing.so" \
  "usr/lib/$multiarch/pkgconfig/longjing.pc" "usr/lib/$multiarch/cmake/Longjing/LongjingConfig.cmake"
holds "$python" "usr/lib/python3/dist-packages/$(dpkg-deb -c "$python" | grep -o 'longjing\.cpython[^ ]*\.so' | head -1)"

# computed-depends: the libraries the programs link, with the versions their shlibs give.
depends=$(dpkg-deb -f "$programs" Depends)
for lib in 'libxapian30 (>= ' 'libicu72 (>= ' 'libc6 (>= ' 'libmd4c0' 'libgumbo1' \
    'libpoppler-cpp0v5' 'libzip4' 'libpugixml1v5' 'libgmime-3.0-0'; do
  if grep -qF "$lib" <<<"$depends"; then pass; else fail "computed-depends: longjing lacks $lib in '$depends'"; fi
done
if grep -q "liblongjing0.1 (= " <<<"$(dpkg-deb -f "$python" Depends)" && \
   grep -q "python3 (>= 3\." <<<"$(dpkg-deb -f "$python" Depends)"; then pass; else
  fail "python3-longjing-depends: $(dpkg-deb -f "$python" Depends)"; fi

# installs-and-works: the programs index and search, man finds the pages, bash completes,
# Python imports the module.
if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  mode=installed root=
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$programs" "$library" "$dev" "$python" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; fail "apt-get-installs-the-packages"; }
  trap 'apt-get purge -y -qq longjing python3-longjing liblongjing-dev "$(dpkg-deb -f "$library" Package)" >/dev/null 2>&1; rm -rf "$work"' EXIT
  export_env=()
else
  mode=unpacked root=$work/root
  for p in "$programs" "$library" "$dev" "$python"; do dpkg-deb -x "$p" "$root"; done
  export_env=(LD_LIBRARY_PATH="$root/usr/lib/$multiarch" PYTHONPATH="$root/usr/lib/python3/dist-packages")
fi
mkdir "$work/articles"
printf 'Unitree builds robot dogs in Hangzhou.\n' >"$work/articles/unitree.txt"
printf '杭州宇树科技发布机器狗。\n' >"$work/articles/unitree-zh.txt"
if env "${export_env[@]}" "$root/usr/bin/longjing-indexer" -q --db "$work/db" "$work/articles" &&
   [ "$(env "${export_env[@]}" "$root/usr/bin/longjing-searcher" --db "$work/db" -l 宇树)" = "$work/articles/unitree-zh.txt" ]; then pass; else
  fail "programs-index-and-search ($mode)"; fi
if MANPATH="$root/usr/share/man" man -w longjing-searcher >/dev/null 2>&1; then pass; else fail "man-finds-the-page ($mode)"; fi
if bash -c "source '$root/usr/share/bash-completion/completions/longjing-searcher' && complete -p longjing-searcher" >/dev/null; then
  pass; else fail "bash-completion-registers ($mode)"; fi
if [ "$(cd "$work" && env "${export_env[@]}" /usr/bin/python3 -c 'import sys, longjing; print(longjing.Database(sys.argv[1]).search("Unitree")[0].path)' "$work/db")" = "$work/articles/unitree.txt" ]; then
  pass; else fail "python-module-imports-and-searches ($mode)"; fi

echo "deb package ($mode): $passed passed, $failures failed"
[ "$failures" = 0 ]
