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

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
