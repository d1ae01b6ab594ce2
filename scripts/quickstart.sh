#!/usr/bin/env bash
# The main job from a fresh clone: set-up, build, then the real SpamAssassin distillation.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export EGL_PLATFORM=surfaceless
npx turbo run build
npm run spam -w @distillery/engine
