#!/usr/bin/env bash
# The main job from a fresh clone: set-up and build, then the reference server on its embedded
# database and the real SpamAssassin distillation through the SDK, ending with a results table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export EGL_PLATFORM=surfaceless LOG_LEVEL=${LOG_LEVEL:-warn}
# Only what the example needs (the `...` takes its dependencies): the Python and Go SDKs' builds need
# toolchains that the quick start does not ask for.
npx turbo run build --filter=@distillery/example-spam-triage... --output-logs=errors-only
npm start --silent -w @distillery/example-spam-triage
