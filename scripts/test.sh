#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, generated-code check, lint, typecheck, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Python and Go SDKs build and test with the machine's toolchains; pip and the Go module proxy
# bring the rest (see packages/sdk-python/scripts/venv.sh and packages/sdk-go/go.mod). Only the tests
# need them: the quick start does not.
python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null ||
  { echo "test: Python >= 3.11 with the venv module is required (Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
go version 2>/dev/null | grep -Eq 'go1\.(2[4-9]|[3-9][0-9])' ||
  { echo "test: Go >= 1.24 is required for packages/sdk-go (https://go.dev/dl/)" >&2; exit 1; }

# gguf-py, the independent reader the engine's GGUF exports are checked with.
python3 -c 'import gguf' 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check -r packages/engine/test/gguf-py/requirements.txt
# Hugging Face tokenizers, the judge the engine's tokenizer.json tokenizers are checked against.
python3 -c 'import tokenizers' 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check -r packages/engine/test/tokenizers-py/requirements.txt

bash scripts/setup.sh

export EGL_PLATFORM=surfaceless
# The server's PostgreSQL tests need a server they may create databases on; PGlite covers the rest.
if [ -z "${DISTILLERY_TEST_POSTGRES_URL:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DISTILLERY_TEST_POSTGRES_URL=$(bash scripts/postgres.sh)
  export DISTILLERY_TEST_POSTGRES_URL
fi
node scripts/check-lockfile.mjs
npm run generate:check
npx biome ci .
npx turbo run lint typecheck test --continue

# The API reference builds from the spec, and a release would version and pack every package.
npm run docs --silent
bash scripts/release-dry-run.sh
