"""The server's hardware, statistics, configuration and health: `client.hardware`, `client.stats`,
`client.config`, `client.health`, each with `get()`; `client.stats` also has the serving figures."""

from __future__ import annotations

from .._core import AsyncCore, SyncCore
from ..generated.api.inference import get_decode_stats, list_recent_requests
from ..generated.api.system import get_hardware, get_server_config, get_stats, get_v1_health
from ..generated.models import DecodeStats
from ..generated.models import Hardware as HardwareInfo
from ..generated.models import Health as HealthStatus
from ..generated.models import RecentRequestList
from ..generated.models import ServerConfig
from ..generated.models import Stats as TenantStats


class Hardware:
    """Compute backends the server detected: `/v1/hardware`."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def get(self) -> HardwareInfo:
        return self._core.call(get_hardware)


class Stats:
    """Job, dataset, model and cost totals for a tenant (`/v1/stats`), and the serving figures under it."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def get(self, *, tenant_id: str | None = None) -> TenantStats:
        return self._core.call(get_stats, tenant_id=tenant_id)

    def decode(self, *, tenant_id: str | None = None) -> DecodeStats:
        """Live serving figures (`/v1/stats/decode`): tokens per second over the last minute, time to first
        token and inter-token latency percentiles, queue depth and batch sizes, and each loaded model."""
        return self._core.call(get_decode_stats, tenant_id=tenant_id)

    def recent_requests(self, *, limit: int | None = None, tenant_id: str | None = None) -> RecentRequestList:
        """The tenant's latest inference requests, newest first (`limit` default 50, at most 256); `data`
        holds them."""
        return self._core.call(list_recent_requests, limit=limit, tenant_id=tenant_id)


class Config:
    """What the server accepts and runs with, secrets excluded: `/v1/config`."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def get(self) -> ServerConfig:
        return self._core.call(get_server_config)


class Health:
    """Liveness and readiness: `/v1/health`. An unhealthy server answers 503, raised as InternalServerError."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def get(self) -> HealthStatus:
        return self._core.call(get_v1_health)


class AsyncHardware:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def get(self) -> HardwareInfo:
        return await self._core.call(get_hardware)


class AsyncStats:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def get(self, *, tenant_id: str | None = None) -> TenantStats:
        return await self._core.call(get_stats, tenant_id=tenant_id)

    async def decode(self, *, tenant_id: str | None = None) -> DecodeStats:
        return await self._core.call(get_decode_stats, tenant_id=tenant_id)

    async def recent_requests(self, *, limit: int | None = None, tenant_id: str | None = None) -> RecentRequestList:
        return await self._core.call(list_recent_requests, limit=limit, tenant_id=tenant_id)


class AsyncConfig:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def get(self) -> ServerConfig:
        return await self._core.call(get_server_config)


class AsyncHealth:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def get(self) -> HealthStatus:
        return await self._core.call(get_v1_health)
