"""`Stream` and `AsyncStream`: the chunks of a streamed completion (`stream=True`), read as they arrive."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, Self, TypeVar

import httpx

from ._core import connection_errors
from ._errors import APIConnectionError, DistilleryError, error_from_response

T = TypeVar("T")


class _Events:
    """The Server-Sent Events parser of the HTML standard, fed one line at a time: each complete
    event's `data` (its `data:` lines joined), comments and other fields skipped."""

    def __init__(self) -> None:
        self._data: list[str] = []

    def feed(self, line: str) -> str | None:
        if line == "":
            if not self._data:
                return None
            data, self._data = "\n".join(self._data), []
            return data
        if line.startswith(":"):
            return None
        field, _, value = line.partition(":")
        if field == "data":
            self._data.append(value[1:] if value.startswith(" ") else value)
        return None


def _chunk(data: str, response: httpx.Response, parse: Callable[[Mapping[str, Any]], T]) -> T:
    try:
        body = json.loads(data)
    except ValueError as error:
        raise DistilleryError(f"A stream event is not JSON: {data[:200]}") from error
    envelope = body.get("error") if isinstance(body, dict) else None
    if isinstance(envelope, dict):
        # An error once the stream has started: the response said 200, the envelope says what happened.
        status = envelope.get("status") if isinstance(envelope.get("status"), int) else 500
        raise error_from_response(status, response.headers, data.encode())
    return parse(body)


def _ended() -> APIConnectionError:
    return APIConnectionError("The stream ended before data: [DONE]")


def _lines_to_chunks(
    lines: Iterable[str], response: httpx.Response, parse: Callable[[Mapping[str, Any]], T]
) -> Iterator[T | None]:
    """Chunks parsed from the lines read so far; None once `[DONE]` arrives."""
    events = _Events()
    for line in lines:
        data = events.feed(line)
        if data is None:
            continue
        if data == "[DONE]":
            yield None
            return
        yield _chunk(data, response, parse)


class Stream(Generic[T]):
    """The chunks of a streamed completion: iterate over it. It ends at the server's `data: [DONE]`;
    an error the server sends once the stream has started (`data: {"error": ...}`) is raised as the
    SDK's error of its status (InternalServerError for a 503 `overloaded` or a 504 `timeout`), a
    connection that drops before `[DONE]` as APIConnectionError. Leaving the loop early, `close()`,
    or the `with` block it is used in closes the connection, which stops the server's decoding."""

    def __init__(self, response: httpx.Response, parse: Callable[[Mapping[str, Any]], T]) -> None:
        self.response = response
        #: The response's `x-request-id`: quote it when reporting a problem.
        self.request_id: str | None = response.headers.get("x-request-id")
        self._parse = parse
        self._consumed = False

    def __iter__(self) -> Iterator[T]:
        if self._consumed:
            raise DistilleryError("This stream has already been read")
        self._consumed = True
        try:
            with connection_errors():
                for chunk in _lines_to_chunks(self.response.iter_lines(), self.response, self._parse):
                    if chunk is None:
                        return
                    yield chunk
            raise _ended()
        finally:
            self.response.close()

    def close(self) -> None:
        self._consumed = True
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """`Stream` for asyncio: `async for` over it, `await stream.close()`, `async with`."""

    def __init__(self, response: httpx.Response, parse: Callable[[Mapping[str, Any]], T]) -> None:
        self.response = response
        self.request_id: str | None = response.headers.get("x-request-id")
        self._parse = parse
        self._consumed = False

    async def __aiter__(self) -> AsyncIterator[T]:
        if self._consumed:
            raise DistilleryError("This stream has already been read")
        self._consumed = True
        events = _Events()
        try:
            with connection_errors():
                async for line in self.response.aiter_lines():
                    data = events.feed(line)
                    if data is None:
                        continue
                    if data == "[DONE]":
                        return
                    yield _chunk(data, self.response, self._parse)
            raise _ended()
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        self._consumed = True
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def not_an_event_stream(response: httpx.Response) -> DistilleryError | None:
    """The error of a successful answer to a streamed request that is not an event stream (the caller
    closes the response), else None."""
    kind = response.headers.get("content-type", "")
    if "text/event-stream" in kind:
        return None
    return DistilleryError(
        f"Expected text/event-stream from {response.request.url}, got {kind or 'no body'}",
        code="stream_unavailable",
        status=response.status_code,
        request_id=response.headers.get("x-request-id"),
    )
