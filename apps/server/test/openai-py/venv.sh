#!/usr/bin/env bash
# Creates test/openai-py/.venv with the pinned openai client on first use, and again when
# requirements.txt changes: a fresh machine needs only python3 with its venv module.
set -euo pipefail
cd "$(dirname "$0")"
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv || {
    echo "openai-py: python3 -m venv failed; install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  }
fi
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  touch "$stamp"
fi
