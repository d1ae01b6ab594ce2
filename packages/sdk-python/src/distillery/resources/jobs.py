"""Distillation jobs: `client.jobs`."""

from __future__ import annotations

import datetime
import os
import warnings
from collections.abc import Callable, Mapping
from typing import Any

from .._core import AsyncCore, JsonBody, SyncCore, given, new_idempotency_key
from .._pagination import AsyncPage, AsyncPaginator, Page
from .._waiting import DEFAULT_POLL_INTERVAL, async_wait_for_completion, wait_for_completion
from ..generated.api.distillation import (
    cancel_distillation_job,
    create_distillation_job,
    delete_distillation_job,
    estimate_distillation_job,
    get_distillation_job,
    get_distillation_job_logs,
    get_distillation_job_metrics,
    list_distillation_jobs,
    restart_distillation_job,
)
from ..generated.models import (
    Artifact,
    ArtifactFormat,
    DistillationConfig,
    DistillationJob,
    Estimate,
    JobLogs,
    JobMetrics,
    JobStatus,
)
from .artifacts import Artifacts, AsyncArtifacts, DownloadedArtifact

__all__ = ["AsyncJobs", "DownloadedArtifact", "Jobs"]


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated: use {new}", DeprecationWarning, stacklevel=3)


def _request(config: DistillationConfig | Mapping[str, Any], **fields: Any) -> JsonBody:
    """The body as given: a key the API does not know (`trainig_steps`) is the server's 400
    `invalid_config` naming it, never silently dropped."""
    return JsonBody({**given(fields), "config": config})


def _filters(status: str | JobStatus | None, since: datetime.datetime | None, **rest: Any) -> dict[str, Any]:
    return {"status": JobStatus(status) if status else None, "since": since, **rest}


class Jobs:
    def __init__(self, core: SyncCore, artifacts: Artifacts | None = None) -> None:
        self._core = core
        self._artifacts = artifacts or Artifacts(core)

    def create(
        self,
        *,
        config: DistillationConfig | Mapping[str, Any],
        name: str | None = None,
        description: str | None = None,
        metadata: Mapping[str, str] | None = None,
        webhook_url: str | None = None,
        tenant_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> DistillationJob:
        """Queues a job; `config` takes reference 000's fields (teacher_model, student_model, …)."""
        body = _request(
            config, name=name, description=description, metadata=metadata, webhook_url=webhook_url, tenant_id=tenant_id
        )
        key = idempotency_key or new_idempotency_key()
        return self._core.call(create_distillation_job, body=body, idempotency_key=key)

    def estimate(self, *, config: DistillationConfig | Mapping[str, Any]) -> Estimate:
        return self._core.call(estimate_distillation_job, body=_request(config))

    def get(self, job_id: str) -> DistillationJob:
        return self._core.call(get_distillation_job, job_id=job_id)

    def list(
        self,
        *,
        status: str | JobStatus | None = None,
        since: datetime.datetime | None = None,
        search: str | None = None,
        tenant_id: str | None = None,
        page_size: int | None = None,
    ) -> Page[DistillationJob]:
        """The first page of matching jobs, newest first; iterating it yields every job, fetching further
        pages as the loop reaches them. `page_size` is the API's `limit`."""
        filters = _filters(status, since, search=search, tenant_id=tenant_id, limit=page_size)
        return Page(lambda offset: self._core.call(list_distillation_jobs, offset=offset, **filters), "jobs")

    def cancel(self, job_id: str) -> DistillationJob:
        return self._core.call(cancel_distillation_job, job_id=job_id)

    def restart(self, job_id: str) -> DistillationJob:
        return self._core.call(restart_distillation_job, job_id=job_id)

    def delete(self, job_id: str) -> None:
        self._core.call(delete_distillation_job, job_id=job_id)

    def logs(self, job_id: str, *, lines: int | None = None, since: datetime.datetime | None = None) -> JobLogs:
        return self._core.call(get_distillation_job_logs, job_id=job_id, lines=lines, since=since)

    def metrics(self, job_id: str) -> JobMetrics:
        return self._core.call(get_distillation_job_metrics, job_id=job_id)

    def artifacts(self, job_id: str) -> Page[Artifact]:
        """Deprecated: use `client.artifacts.list(job_id)`, which this calls (its page keeps `.artifacts`)."""
        _deprecated("client.jobs.artifacts(job_id)", "client.artifacts.list(job_id)")
        return self._artifacts.list(job_id)

    def download_artifact(
        self, job_id: str, format: str | ArtifactFormat, destination: str | os.PathLike[str]
    ) -> DownloadedArtifact:
        """Deprecated: use `client.artifacts.download(job_id, format, path)`, which this calls."""
        _deprecated("client.jobs.download_artifact(...)", "client.artifacts.download(job_id, format, path)")
        return self._artifacts.download(job_id, format, destination)

    def wait_for_completion(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
        on_progress: Callable[[DistillationJob], None] | None = None,
    ) -> DistillationJob:
        """Waits until the job is terminal and returns it once `completed`; raises JobFailedError or
        JobCancelledError (both carry `.job`), or WaitTimeoutError after `timeout` seconds (default: as
        long as it takes). It reads the job with `get` every `poll_interval` seconds (default 5.0; e.g.
        `poll_interval=60` polls once a minute). `on_progress` gets the job whenever its status, phase or
        progress changed, starting with its current state."""
        return wait_for_completion(
            lambda: self.get(job_id), poll_interval=poll_interval, timeout=timeout, on_progress=on_progress
        )


class AsyncJobs:
    """`Jobs` for `AsyncDistillery`: the same methods, awaited; `await list()` for the first page, or
    `async for` over it for every job."""

    def __init__(self, core: AsyncCore, artifacts: AsyncArtifacts | None = None) -> None:
        self._core = core
        self._artifacts = artifacts or AsyncArtifacts(core)

    async def create(
        self,
        *,
        config: DistillationConfig | Mapping[str, Any],
        name: str | None = None,
        description: str | None = None,
        metadata: Mapping[str, str] | None = None,
        webhook_url: str | None = None,
        tenant_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> DistillationJob:
        body = _request(
            config, name=name, description=description, metadata=metadata, webhook_url=webhook_url, tenant_id=tenant_id
        )
        key = idempotency_key or new_idempotency_key()
        return await self._core.call(create_distillation_job, body=body, idempotency_key=key)

    async def estimate(self, *, config: DistillationConfig | Mapping[str, Any]) -> Estimate:
        return await self._core.call(estimate_distillation_job, body=_request(config))

    async def get(self, job_id: str) -> DistillationJob:
        return await self._core.call(get_distillation_job, job_id=job_id)

    def list(
        self,
        *,
        status: str | JobStatus | None = None,
        since: datetime.datetime | None = None,
        search: str | None = None,
        tenant_id: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[DistillationJob]:
        filters = _filters(status, since, search=search, tenant_id=tenant_id, limit=page_size)
        return AsyncPaginator(
            lambda offset: self._core.call(list_distillation_jobs, offset=offset, **filters), "jobs"
        )

    async def cancel(self, job_id: str) -> DistillationJob:
        return await self._core.call(cancel_distillation_job, job_id=job_id)

    async def restart(self, job_id: str) -> DistillationJob:
        return await self._core.call(restart_distillation_job, job_id=job_id)

    async def delete(self, job_id: str) -> None:
        await self._core.call(delete_distillation_job, job_id=job_id)

    async def logs(self, job_id: str, *, lines: int | None = None, since: datetime.datetime | None = None) -> JobLogs:
        return await self._core.call(get_distillation_job_logs, job_id=job_id, lines=lines, since=since)

    async def metrics(self, job_id: str) -> JobMetrics:
        return await self._core.call(get_distillation_job_metrics, job_id=job_id)

    async def artifacts(self, job_id: str) -> AsyncPage[Artifact]:
        """Deprecated: use `client.artifacts.list(job_id)`."""
        _deprecated("client.jobs.artifacts(job_id)", "client.artifacts.list(job_id)")
        return await self._artifacts.list(job_id)

    async def download_artifact(
        self, job_id: str, format: str | ArtifactFormat, destination: str | os.PathLike[str]
    ) -> DownloadedArtifact:
        """Deprecated: use `client.artifacts.download(job_id, format, path)`."""
        _deprecated("client.jobs.download_artifact(...)", "client.artifacts.download(job_id, format, path)")
        return await self._artifacts.download(job_id, format, destination)

    async def wait_for_completion(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
        on_progress: Callable[[DistillationJob], None] | None = None,
    ) -> DistillationJob:
        """As `Jobs.wait_for_completion`: reads the job every `poll_interval` seconds (default 5.0)."""
        return await async_wait_for_completion(
            lambda: self.get(job_id), poll_interval=poll_interval, timeout=timeout, on_progress=on_progress
        )

