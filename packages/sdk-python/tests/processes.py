"""Starting and stopping the Node processes that the contract tests talk to (Prism, the real server)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
NODE_BIN = REPO / "node_modules" / ".bin"


def missing(reason: str) -> None:
    """Skips locally, but fails in CI, where everything the tests need must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(command: list[str], url: str, log: Path, timeout: float = 90) -> Iterator[None]:
    """Runs `command` (with the repo's pinned Node first on PATH) until `url` answers, yields, then
    kills its whole process group so that no child outlives the test."""
    env = {**os.environ, "PATH": f"{NODE_BIN}{os.pathsep}{os.environ['PATH']}"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                pytest.fail(f"{command[0]} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # any HTTP answer means it is listening
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{url} did not answer within {timeout} s:\n{log.read_text()[-3000:]}")
                time.sleep(0.25)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
