#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, generated-code check, lint, typecheck, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export EGL_PLATFORM=surfaceless
npm run generate:check
npx biome ci .
npx turbo run lint typecheck test --continue
