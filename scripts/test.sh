#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, generated-code check, lint, typecheck, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export EGL_PLATFORM=surfaceless
# The server's PostgreSQL tests need a server they may create databases on; PGlite covers the rest.
if [ -z "${DISTILLERY_TEST_POSTGRES_URL:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DISTILLERY_TEST_POSTGRES_URL=$(bash scripts/postgres.sh)
  export DISTILLERY_TEST_POSTGRES_URL
fi
npm run generate:check
npx biome ci .
npx turbo run lint typecheck test --continue

# The API reference builds from the spec, and a release would version and pack every package.
npm run docs --silent
bash scripts/release-dry-run.sh
