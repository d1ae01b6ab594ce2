from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeServer  # noqa: E402

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
