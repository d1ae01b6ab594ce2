"""`wait_for_completion` for both job kinds: poll `get` until the job is terminal."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from ._errors import JobCancelledError, JobFailedError, WaitTimeoutError

TERMINAL = frozenset({"completed", "failed", "cancelled"})
DEFAULT_POLL_INTERVAL = 5.0


def _status(job: Any) -> str:
    return str(getattr(job.status, "value", job.status))


def _fingerprint(job: Any) -> tuple[Any, ...]:
    progress = job.progress.to_dict() if job.progress else None
    return (_status(job), str(job.phase), repr(progress))


def _settle(job: Any) -> Any:
    status = _status(job)
    if status == "failed":
        raise JobFailedError(job)
    if status == "cancelled":
        raise JobCancelledError(job)
    return job


class _Progress:
    """Calls `on_progress` only when status, phase or progress changed, starting with the first state."""

    def __init__(self, on_progress: Callable[[Any], None] | None) -> None:
        self._on_progress = on_progress
        self._last: tuple[Any, ...] | None = None

    def observe(self, job: Any) -> None:
        fingerprint = _fingerprint(job)
        if self._on_progress is not None and fingerprint != self._last:
            self._on_progress(job)
        self._last = fingerprint


def wait_for_completion(
    get: Callable[[], Any],
    *,
    poll_interval: float,
    timeout: float | None,
    on_progress: Callable[[Any], None] | None,
) -> Any:
    """Returns the job once `completed`; raises JobFailedError, JobCancelledError or WaitTimeoutError."""
    deadline = None if timeout is None else time.monotonic() + timeout
    progress = _Progress(on_progress)
    while True:
        job = get()
        progress.observe(job)
        if _status(job) in TERMINAL:
            return _settle(job)
        pause = poll_interval
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WaitTimeoutError(job, timeout or 0)
            # Never sleep past the deadline: one last poll happens at it.
            pause = min(pause, left)
        time.sleep(pause)


async def async_wait_for_completion(
    get: Callable[[], Awaitable[Any]],
    *,
    poll_interval: float,
    timeout: float | None,
    on_progress: Callable[[Any], None] | None,
) -> Any:
    deadline = None if timeout is None else time.monotonic() + timeout
    progress = _Progress(on_progress)
    while True:
        job = await get()
        progress.observe(job)
        if _status(job) in TERMINAL:
            return _settle(job)
        pause = poll_interval
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WaitTimeoutError(job, timeout or 0)
            pause = min(pause, left)
        await asyncio.sleep(pause)
