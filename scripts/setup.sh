#!/usr/bin/env bash
# Installs what a fresh machine lacks, then nothing more on later runs: system libraries for WebGPU
# without a GPU, the npm workspace (under the Node 24 that the repo pins) and the server's CLI.
# Needs only Node.js and npm; scripts/test.sh checks Python and Go, which only the SDK tests need.
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

command -v npm >/dev/null || { echo "setup: Node.js with npm is required (https://nodejs.org)" >&2; exit 1; }

# Install only when node_modules is missing or older than the lockfile, with `npm ci`: exactly the
# locked versions, and the tracked package-lock.json is never rewritten.
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The install runs under the Node that the lockfile pins (the `node` devDependency), fetched from
  # the npm registry: the packages' engines (Node >= 22.12, some >= 24.18) hold whatever Node
  # started this script. Under that Node, npm would look for its global config next to it, so the
  # machine's global and user config (a cafile, a registry) are handed over explicitly.
  node_version=$(node -p 'require("./package-lock.json").packages["node_modules/node"].version')
  globalconfig=$(npm config get globalconfig)
  userconfig=$(npm config get userconfig)
  echo "setup: npm ci under Node $node_version (locked versions)"
  npm exec --yes --package="node@$node_version" -- \
    npm ci --no-audit --no-fund --globalconfig="$globalconfig" --userconfig="$userconfig"
fi

# `npx distillery` runs apps/server's built CLI; turbo's cache makes this a no-op when it is built.
# Quiet unless it fails.
echo "setup: building the distillery CLI"
if ! build=$(npx turbo run build --filter=@distillery/server --output-logs=errors-only 2>&1); then
  echo "$build" >&2
  echo "setup: building the distillery CLI failed" >&2
  exit 1
fi
