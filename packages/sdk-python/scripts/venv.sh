#!/usr/bin/env bash
# Creates packages/sdk-python/.venv on first use and reinstalls when pyproject.toml changes, so that a
# fresh machine (CI) needs nothing but python3 with its venv module.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv || {
    echo "sdk-python: python3 -m venv failed; install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  }
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # The distribution was once named `distillery` (an unrelated PyPI project): drop that install of
  # this same source from venvs made before the rename to distillery-sdk.
  .venv/bin/python -m pip uninstall --quiet --disable-pip-version-check -y distillery >/dev/null 2>&1 || true
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
  touch "$stamp"
fi
