"""`Distillery` and `AsyncDistillery`, the entry points."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Self

import httpx

from ._core import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncCore, SyncCore
from .resources.artifacts import Artifacts, AsyncArtifacts
from .resources.chat import AsyncChat, Chat
from .resources.completions import AsyncCompletions, Completions
from .resources.datasets import AsyncDatasets, Datasets
from .resources.embeddings import AsyncEmbeddings, Embeddings
from .resources.fine_tuning import AsyncFineTuning, FineTuning
from .resources.jobs import AsyncJobs, Jobs
from .resources.models import AsyncModels, Models
from .resources.system import AsyncConfig, AsyncHardware, AsyncHealth, AsyncStats, Config, Hardware, Health, Stats
from .webhooks import Webhooks


class Distillery:
    """A client for one Distillery server.

    `base_url` defaults to DISTILLERY_BASE_URL, then http://localhost:8000; `api_key` to
    DISTILLERY_API_KEY (none is needed for a local server with no keys configured). Requests that
    fail with a connection error, 408, 429 or 5xx are retried `max_retries` times, honouring
    Retry-After. `transport` replaces httpx's (tests, proxies)."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
        _sleep: Callable[[float], None] | None = None,
    ) -> None:
        self._core = SyncCore(
            base_url, api_key, timeout=timeout, max_retries=max_retries, transport=transport, sleep=_sleep
        )
        self.base_url = self._core.base_url
        self.artifacts = Artifacts(self._core)
        self.jobs = Jobs(self._core, self.artifacts)
        self.fine_tuning = FineTuning(self._core)
        self.datasets = Datasets(self._core)
        self.models = Models(self._core)
        self.chat = Chat(self._core)
        self.completions = Completions(self._core)
        self.embeddings = Embeddings(self._core)
        self.hardware = Hardware(self._core)
        self.stats = Stats(self._core)
        self.config = Config(self._core)
        self.health = Health(self._core)
        self.webhooks = Webhooks()

    def close(self) -> None:
        self._core.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncDistillery:
    """`Distillery` for asyncio: the same resources, whose methods are awaited."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.AsyncBaseTransport | None = None,
        _sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._core = AsyncCore(
            base_url, api_key, timeout=timeout, max_retries=max_retries, transport=transport, sleep=_sleep
        )
        self.base_url = self._core.base_url
        self.artifacts = AsyncArtifacts(self._core)
        self.jobs = AsyncJobs(self._core, self.artifacts)
        self.fine_tuning = AsyncFineTuning(self._core)
        self.datasets = AsyncDatasets(self._core)
        self.models = AsyncModels(self._core)
        self.chat = AsyncChat(self._core)
        self.completions = AsyncCompletions(self._core)
        self.embeddings = AsyncEmbeddings(self._core)
        self.hardware = AsyncHardware(self._core)
        self.stats = AsyncStats(self._core)
        self.config = AsyncConfig(self._core)
        self.health = AsyncHealth(self._core)
        self.webhooks = Webhooks()

    async def close(self) -> None:
        await self._core.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
