"""The HTTP plumbing under the resources: settings, the httpx clients handed to the generated code,
and the one place where responses become exceptions."""

from __future__ import annotations

import contextlib
import enum
import os
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any

import httpx

from ._errors import APIConnectionError, APITimeoutError, error_from_response
from ._retry import AsyncRetryTransport, RetryTransport
from ._version import __version__
from .generated import Client
from .generated.types import Unset

DEFAULT_BASE_URL = "http://localhost:8000"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2


def resolve(base_url: str | None, api_key: str | None) -> tuple[str, dict[str, str]]:
    """The base URL and default headers, falling back to DISTILLERY_BASE_URL / DISTILLERY_API_KEY."""
    url = base_url or os.environ.get("DISTILLERY_BASE_URL") or DEFAULT_BASE_URL
    key = api_key or os.environ.get("DISTILLERY_API_KEY")
    headers = {"User-Agent": f"distillery-python/{__version__}"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return url.rstrip("/"), headers


def new_idempotency_key() -> str:
    """One key per create call, reused by its retries, so that a retried create never runs twice."""
    return str(uuid.uuid4())


def given(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Drops None arguments: the generated functions mark "not sent" with their own UNSET default."""
    return {name: value for name, value in kwargs.items() if value is not None}


def plain(value: Any) -> Any:
    """JSON-ready data from any mix of mappings, lists, enums and generated models."""
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if callable(getattr(value, "to_dict", None)):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items() if not isinstance(item, Unset)}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


class JsonBody:
    """A request body sent exactly as the caller wrote it, for the generated operations (which only
    call ``to_dict()`` on their body). Parsing it into a generated model first would silently drop
    the keys the model does not know, so ``{"trainig_steps": 5}`` would run a job on the default 100
    steps; sent as given, the server answers it with a 400 ``invalid_config`` whose ``param`` names
    the field (``config.trainig_steps``), as it does for a missing field or an out-of-range value."""

    def __init__(self, fields: Mapping[str, Any]) -> None:
        self._fields: dict[str, Any] = plain(fields)

    def to_dict(self) -> dict[str, Any]:
        return self._fields


def _raise_for_error(response: httpx.Response) -> None:
    # An httpx response hook runs before the generated code parses the body, so an error body of
    # any shape (an HTML page from a proxy included) becomes a typed exception, never a parse error.
    if response.status_code >= 400:
        response.read()
        raise error_from_response(response.status_code, response.headers, response.content)


async def _araise_for_error(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise error_from_response(response.status_code, response.headers, response.content)


@contextlib.contextmanager
def connection_errors() -> Iterator[None]:
    """Maps httpx's network errors, raised once retries are exhausted, onto the SDK's own."""
    try:
        yield
    except httpx.TimeoutException as error:
        raise APITimeoutError(f"Request timed out: {error}") from error
    except httpx.TransportError as error:
        raise APIConnectionError(f"Connection error: {error}") from error


class SyncCore:
    def __init__(
        self,
        base_url: str | None,
        api_key: str | None,
        *,
        timeout: float,
        max_retries: int,
        transport: httpx.BaseTransport | None,
        sleep: Callable[[float], None] | None,
    ) -> None:
        url, headers = resolve(base_url, api_key)
        retrying = RetryTransport(transport or httpx.HTTPTransport(), max_retries, **given({"sleep": sleep}))
        self.base_url = url
        self.client = Client(base_url=url)
        self.client.set_httpx_client(
            httpx.Client(
                base_url=url,
                headers=headers,
                timeout=timeout,
                transport=retrying,
                event_hooks={"response": [_raise_for_error]},
            )
        )

    def call(self, operation: Any, **kwargs: Any) -> Any:
        """Runs a generated operation module and returns its parsed 2xx body (None for a 204)."""
        with connection_errors():
            return operation.sync_detailed(client=self.client, **given(kwargs)).parsed

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request the generated code cannot make as wanted (a streamed multipart upload with its own
        timeout), through the same client: its headers, retries and typed errors."""
        with connection_errors():
            return self.client.get_httpx_client().request(method, path, **kwargs)

    def stream(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request whose answer is read as it arrives (Server-Sent Events); the caller closes it."""
        client = self.client.get_httpx_client()
        with connection_errors():
            return client.send(client.build_request(method, path, **kwargs), stream=True)

    def close(self) -> None:
        self.client.get_httpx_client().close()


class AsyncCore:
    def __init__(
        self,
        base_url: str | None,
        api_key: str | None,
        *,
        timeout: float,
        max_retries: int,
        transport: httpx.AsyncBaseTransport | None,
        sleep: Callable[[float], Awaitable[None]] | None,
    ) -> None:
        url, headers = resolve(base_url, api_key)
        retrying = AsyncRetryTransport(
            transport or httpx.AsyncHTTPTransport(), max_retries, **given({"sleep": sleep})
        )
        self.base_url = url
        self.client = Client(base_url=url)
        self.client.set_async_httpx_client(
            httpx.AsyncClient(
                base_url=url,
                headers=headers,
                timeout=timeout,
                transport=retrying,
                event_hooks={"response": [_araise_for_error]},
            )
        )

    async def call(self, operation: Any, **kwargs: Any) -> Any:
        with connection_errors():
            return (await operation.asyncio_detailed(client=self.client, **given(kwargs))).parsed

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        with connection_errors():
            return await self.client.get_async_httpx_client().request(method, path, **kwargs)

    async def stream(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        client = self.client.get_async_httpx_client()
        with connection_errors():
            return await client.send(client.build_request(method, path, **kwargs), stream=True)

    async def close(self) -> None:
        await self.client.get_async_httpx_client().aclose()
