#!/usr/bin/env bash
# Everything llmcc needs on a fresh Debian 12 (bookworm), idempotent:
# LLVM 16/19/22 from apt, the tools the tests use, and a venv with llmcc installed.
# Usage: bash .ci/install.sh            (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  clang-16 llvm-16 clang-19 llvm-19 clang-22 llvm-22   # wrapped compilers + opt/llvm-size/llvm-nm
  make cmake ninja-build bazel-bootstrap               # the build systems llmcc integrates with
  redis-server                                         # shared cache tier (tests start their own)
  csmith libcsmith-dev creduce                         # PassListEval's random programs, reduction
  ccache                                               # what the warm-rebuild benchmark compares with
  stress-ng                                            # CPU competitors for bench/loaded_build.py
  python3-venv python3-dev dpkg-dev                    # venv; apt-get source for the slow tests
  autoconf automake libtool pkg-config                 # corpus packages that autoreconf (libb2, ...)
  libogg-dev unicode-data                              # corpus: libvorbis links the system libogg; re2 regenerates its Unicode tables
  chromium pipx                                        # slow tests: report page, README's pipx route
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Debian source packages (zlib, bzip2, jansson...) for the package-build tests.
if ! grep -rqs "deb-src\|Types: deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    | $SUDO tee /etc/apt/sources.list.d/llmcc-deb-src.sources >/dev/null
  $SUDO apt-get update -qq
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
# The CPU build of torch first: a bare "torch" requirement would pull a multi-GB CUDA build.
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q ".[train,test,bench,tune]"
# A regular (not editable) install: the editable finder costs every compile ~10 ms of start-up.
.venv/bin/python -m pip install -q --no-deps --force-reinstall .
echo "llmcc installed: $(.venv/bin/llmcc-admin doctor >/dev/null 2>&1 && echo 'doctor ok' || echo 'see: .venv/bin/llmcc-admin doctor')"
