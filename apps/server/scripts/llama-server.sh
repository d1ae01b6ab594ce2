#!/usr/bin/env bash
# Builds llama.cpp's `llama-server` from the llama.cpp sources that the llama-cpp-python source
# distribution vendors (vendor/llama.cpp), for the serving benchmark (scripts/bench.ts) to run beside
# the Distillery server. CPU only, portable (-DGGML_NATIVE=OFF), Release, the `llama-server` target only.
#
#   apps/server/scripts/llama-server.sh            # prints the binary's path on its last stdout line
#
# Idempotent: a cache that already holds the binary is printed and nothing is rebuilt.
# Environment:
#   LLAMA_CPP_PYTHON_VERSION  the sdist to build from (default 0.3.36)
#   DISTILLERY_LLAMA_CACHE    where to build (default ${XDG_CACHE_HOME:-~/.cache}/distillery/llama-server-<version>)
#   LLAMA_CPP_PYTHON_SRC      an extracted sdist to reuse (default /tmp/llcpp/llama_cpp_python-<version> when present)
#   JOBS                      parallel compile jobs (default 2)
#   PYTHON                    the Python whose pip downloads the sdist and, if needed, cmake (default python3)
set -euo pipefail

VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
CACHE="${DISTILLERY_LLAMA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/distillery/llama-server-$VERSION}"
JOBS="${JOBS:-2}"
PYTHON="${PYTHON:-python3}"
BIN="$CACHE/bin/llama-server"

log() { echo "llama-server.sh: $*" >&2; }

if [[ -x "$BIN" ]]; then
  echo "$BIN"
  exit 0
fi
mkdir -p "$CACHE"

# The sources: a given or already-extracted sdist, else pip downloads it (source only) into the cache.
SRC="${LLAMA_CPP_PYTHON_SRC:-}"
if [[ -z "$SRC" && -f "/tmp/llcpp/llama_cpp_python-$VERSION/vendor/llama.cpp/CMakeLists.txt" ]]; then
  SRC="/tmp/llcpp/llama_cpp_python-$VERSION"
fi
if [[ -z "$SRC" ]]; then
  SRC="$CACHE/src/llama_cpp_python-$VERSION"
  if [[ ! -f "$SRC/vendor/llama.cpp/CMakeLists.txt" ]]; then
    log "downloading the llama-cpp-python==$VERSION source distribution"
    mkdir -p "$CACHE/src"
    "$PYTHON" -m pip download "llama-cpp-python==$VERSION" --no-binary :all: --no-deps --dest "$CACHE/src" >&2
    tar -xzf "$CACHE/src/llama_cpp_python-$VERSION.tar.gz" -C "$CACHE/src"
  fi
fi
LLAMA="$SRC/vendor/llama.cpp"
if [[ ! -f "$LLAMA/CMakeLists.txt" ]]; then
  log "no llama.cpp sources at $LLAMA"
  exit 1
fi

# The llama.cpp commit the sdist pins, from its changelog ("update llama.cpp to ggml-org/llama.cpp@<sha>"
# under this version's heading); the vendored folder has no git history of its own.
COMMIT="$(awk -v v="## [$VERSION]" '
  index($0, v) == 1 { inside = 1; next }
  inside && /^## \[/ { exit }
  inside && match($0, /llama\.cpp@[0-9a-f]+/) { print substr($0, RSTART + 10, RLENGTH - 10); exit }
' "$SRC/CHANGELOG.md" 2>/dev/null || true)"
COMMIT="${COMMIT:-unknown}"

# CMake 3.14 or newer; pip installs one into a venv in the cache when the machine has none.
CMAKE="$(command -v cmake || true)"
if [[ -n "$CMAKE" ]] && ! "$CMAKE" --version | awk 'NR == 1 { split($3, v, "."); exit !(v[1] > 3 || (v[1] == 3 && v[2] >= 14)) }'; then
  CMAKE=""
fi
if [[ -z "$CMAKE" ]]; then
  if [[ ! -x "$CACHE/venv/bin/cmake" ]]; then
    log "installing cmake with pip into $CACHE/venv"
    "$PYTHON" -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install --quiet cmake >&2
  fi
  CMAKE="$CACHE/venv/bin/cmake"
fi
GENERATOR=()
if command -v ninja >/dev/null; then GENERATOR=(-G Ninja); fi

log "building llama-server (llama.cpp@$COMMIT from llama-cpp-python $VERSION) in $CACHE/build with $JOBS jobs"
"$CMAKE" -S "$LLAMA" -B "$CACHE/build" "${GENERATOR[@]}" \
  -DCMAKE_BUILD_TYPE=Release \
  -DGGML_NATIVE=OFF \
  -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_SERVER=ON \
  -DLLAMA_BUILD_TESTS=OFF \
  -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_BUILD_UI=OFF \
  -DLLAMA_USE_PREBUILT_UI=OFF \
  -DLLAMA_OPENSSL=OFF \
  -DBUILD_SHARED_LIBS=OFF \
  -DLLAMA_BUILD_NUMBER=0 \
  -DLLAMA_BUILD_COMMIT="$COMMIT" >&2
"$CMAKE" --build "$CACHE/build" --config Release --target llama-server -j "$JOBS" >&2

mkdir -p "$CACHE/bin"
cp "$CACHE/build/bin/llama-server" "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
printf '%s\n' "$COMMIT" >"$CACHE/bin/llama-cpp-commit"
log "built $BIN"
echo "$BIN"
