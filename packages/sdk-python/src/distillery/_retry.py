"""Retries as httpx transports, so that every generated operation gets them without being edited.

Retried: connection errors and timeouts, 408, 429 and 5xx. Creates are safe to retry because the
client sends an Idempotency-Key with each of them (see ``_core.py``).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from email.utils import parsedate_to_datetime

import httpx

INITIAL_DELAY = 0.5
MAX_BACKOFF = 8.0
# A server asking for longer than this is treated as asking for this much.
MAX_RETRY_AFTER = 60.0


def is_retryable_status(status: int) -> bool:
    return status in (408, 429) or status >= 500


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """``Retry-After`` as seconds or an HTTP date (or the non-standard ``retry-after-ms``); None if absent."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            date = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, date.timestamp() - (time.time() if now is None else now))
    return seconds if seconds >= 0 else None


def retry_delay(retry: int, headers: Mapping[str, str] | None) -> float:
    """Seconds before retry number ``retry`` (0 first): the server's ask, else back-off with jitter
    so that many clients failing together spread out."""
    asked = retry_after(headers) if headers is not None else None
    if asked is not None:
        return min(asked, MAX_RETRY_AFTER)
    return min(INITIAL_DELAY * 2**retry, MAX_BACKOFF) * (1 - 0.25 * random.random())


class RetryTransport(httpx.BaseTransport):
    def __init__(
        self,
        wrapped: httpx.BaseTransport,
        max_retries: int,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._wrapped = wrapped
        self._max_retries = max_retries
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        retry = 0
        while True:
            try:
                response = self._wrapped.handle_request(request)
            except httpx.TransportError:
                if retry >= self._max_retries:
                    raise
                delay = retry_delay(retry, None)
            else:
                if retry >= self._max_retries or not is_retryable_status(response.status_code):
                    return response
                delay = retry_delay(retry, response.headers)
                response.close()
            self._sleep(delay)
            retry += 1

    def close(self) -> None:
        self._wrapped.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport,
        max_retries: int,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._wrapped = wrapped
        self._max_retries = max_retries
        self._sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        retry = 0
        while True:
            try:
                response = await self._wrapped.handle_async_request(request)
            except httpx.TransportError:
                if retry >= self._max_retries:
                    raise
                delay = retry_delay(retry, None)
            else:
                if retry >= self._max_retries or not is_retryable_status(response.status_code):
                    return response
                delay = retry_delay(retry, response.headers)
                await response.aclose()
            await self._sleep(delay)
            retry += 1

    async def aclose(self) -> None:
        await self._wrapped.aclose()
