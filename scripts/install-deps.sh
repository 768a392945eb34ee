#!/usr/bin/env bash
# Installs the Debian 12 packages Longjing builds and runs with. Idempotent: when every
# package is already installed it only checks, without touching the network.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libxapian-dev xapian-tools          # the index, and xapian-tcpsrv for remote shards
  libicu-dev                          # normalization, script detection
  libcli11-dev catch2 nlohmann-json3-dev
  libmd4c-dev libgumbo-dev            # Markdown and HTML readers
  libcpp-httplib-dev                  # searcher --serve
  libpoppler-cpp-dev                  # PDF reader
  libzip-dev libpugixml-dev           # EPUB, DOCX, ODT: zip entries by name, their XML
  libgmime-3.0-dev                    # e-mail reader (MIME, RFC 2047 encoded words)
  python3                             # test scripts that read JSON output
  python3-dev pybind11-dev python3-pytest  # the Python module (python/) and its tests
  jq                                  # the README's JSON example, run by a test
  zsh fish man-db                     # tests of the installed completions and man pages
  chromium chromium-driver python3-selenium fonts-wqy-zenhei  # the search page, in a browser
  clang libclang-rt-14-dev            # libFuzzer and its sanitizers (scripts/fuzz.sh)
  clang-format                        # the sources' format, checked (scripts/check-format.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
