#!/usr/bin/env bash
# Installs what a fresh machine lacks, then nothing more on later runs: system libraries for WebGPU
# without a GPU, and the npm workspace (which brings its own Node 24).
set -euo pipefail
cd "$(dirname "$0")/.."

# Dawn's OpenGL backend over Mesa's llvmpipe is how the WebGPU kernels run on a machine with no GPU.
if ! ldconfig -p 2>/dev/null | grep -q 'libEGL_mesa'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Mesa EGL/GL (WebGPU over llvmpipe)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libegl1 libegl-mesa0 libgl1-mesa-dri >/dev/null
  else
    echo "setup: warning: Mesa EGL is missing and this is not a root Debian shell;" \
      "install libegl1 libegl-mesa0 libgl1-mesa-dri for the WebGPU tests" >&2
  fi
fi

# The Python and Go SDKs build and test with the machine's toolchains; pip and the Go module proxy
# bring the rest (see packages/sdk-python/scripts/venv.sh and packages/sdk-go/go.mod).
python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null ||
  { echo "setup: Python >= 3.11 with the venv module is required (Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
go version 2>/dev/null | grep -Eq 'go1\.(2[4-9]|[3-9][0-9])' ||
  { echo "setup: Go >= 1.24 is required for packages/sdk-go (https://go.dev/dl/)" >&2; exit 1; }

# gguf-py, the independent reader the engine's GGUF exports are checked with.
python3 -c 'import gguf' 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check -r packages/engine/test/gguf-py/requirements.txt

# Install only when node_modules is missing or older than the lockfile. `npm install` rather than
# `npm ci`: npm 11.19 records only this platform's optional binaries (biome, rollup, esbuild) in the
# lockfile and then `npm ci` refuses that same lockfile; `npm install` keeps the locked versions.
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm install (locked versions)"
  npm install --no-audit --no-fund
fi
