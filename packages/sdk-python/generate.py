"""Regenerates src/distillery/generated from ../../openapi/distillery.yaml.

    python generate.py          rewrite the generated package
    python generate.py --check  write nothing; exit 1 when the committed package is out of date

Both modes generate into a temporary folder first, so that the output (and the ruff post-hooks in
openapi-python-client.yaml) never depends on where it lands, and the check compares like with like.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SPEC = PACKAGE.parent.parent / "openapi" / "distillery.yaml"
CONFIG = PACKAGE / "openapi-python-client.yaml"
TARGET = PACKAGE / "src" / "distillery" / "generated"
# Runs outside the venv's bin folder too (e.g. `.venv/bin/python generate.py`): the post-hooks need ruff.
BIN = Path(sys.executable).parent


def generate(into: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path", str(SPEC),
            "--config", str(CONFIG),
            "--meta", "none",
            "--output-path", str(into),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0 or not (into / "client.py").exists():
        sys.exit(f"openapi-python-client failed:\n{output}")
    # The one warning expected is the skipped application/x-ndjson body (see the config); show any other.
    unexpected = "Warning" in output and "Unsupported content type application/x-ndjson" not in output
    if unexpected:
        print(output, file=sys.stderr)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ, or exist on one side only."""
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    stale = [*comparison.left_only, *comparison.right_only, *comparison.diff_files]
    # dircmp compares by stat signature first; recompare byte by byte so that equal sizes do not hide a change.
    stale += [
        name
        for name in comparison.same_files
        if (left / name).read_bytes() != (right / name).read_bytes()
    ]
    result = list(stale)
    for name, sub in comparison.subdirs.items():
        result += [f"{name}/{path}" for path in differences(left / name, right / name)]
    return result


def main() -> None:
    check = "--check" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        generate(fresh)
        if check:
            stale = differences(fresh, TARGET) if TARGET.exists() else ["(missing)"]
            if stale:
                sys.exit(
                    "packages/sdk-python/src/distillery/generated is out of date with "
                    f"openapi/distillery.yaml ({', '.join(sorted(stale)[:10])}).\n"
                    "Run `npm run generate -w @distillery/sdk-python` and commit the result."
                )
            print("sdk-python: generated code is up to date")
            return
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET, ignore=shutil.ignore_patterns(".ruff_cache", "__pycache__"))
        print(f"sdk-python: wrote {TARGET.relative_to(PACKAGE)}")


if __name__ == "__main__":
    main()
