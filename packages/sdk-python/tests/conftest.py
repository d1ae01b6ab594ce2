from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeServer  # noqa: E402
from processes import NODE_BIN, REPO, free_port, missing, running  # noqa: E402

from distillery import Distillery  # noqa: E402


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    yield fake
    fake.close()


class SleepRecorder:
    """Stands in for time.sleep in the retry transport: records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def client(server: FakeServer, sleeps: SleepRecorder) -> Iterator[Distillery]:
    with Distillery(base_url=server.url, api_key="dk_test_key", _sleep=sleeps) as c:
        yield c


@pytest.fixture(scope="session")
def reference_server(tmp_path_factory) -> Iterator[str]:
    """The real reference server (apps/server, built) on a free port with an empty data folder,
    shared by the end-to-end tests. Skipped when the server is not built, except in CI."""
    cli = REPO / "apps" / "server" / "dist" / "cli.js"
    if not cli.exists():
        missing(f"{cli.relative_to(REPO)} is missing: build the server (`npm run build -w @distillery/server`)")
    port = free_port()
    data = tmp_path_factory.mktemp("server-data")
    url = f"http://127.0.0.1:{port}"
    command = [str(NODE_BIN / "node"), str(cli), "serve", "--port", str(port), "--data-dir", str(data)]
    with running(command, f"{url}/health", data.parent / "server.log"):
        yield url
