"""Distillation jobs: `client.jobs`."""

from __future__ import annotations

import datetime
import os
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .._core import AsyncCore, JsonBody, SyncCore, connection_errors, given, new_idempotency_key
from .._download import CHUNK, VerifiedFile, target_path
from .._errors import DistilleryError
from .._pagination import apaginate, paginate
from .._waiting import DEFAULT_POLL_INTERVAL, async_wait_for_completion, wait_for_completion
from ..generated.api.distillation import (
    cancel_distillation_job,
    create_distillation_job,
    delete_distillation_job,
    download_distillation_artifact,
    estimate_distillation_job,
    get_distillation_job,
    get_distillation_job_logs,
    get_distillation_job_metrics,
    list_distillation_artifacts,
    list_distillation_jobs,
    restart_distillation_job,
)
from ..generated.models import (
    ArtifactFormat,
    DistillationConfig,
    DistillationJob,
    Estimate,
    JobArtifacts,
    JobLogs,
    JobMetrics,
    JobStatus,
)


@dataclass(frozen=True)
class DownloadedArtifact:
    """An artifact saved to disk after its sha256 matched."""

    path: str
    size_bytes: int
    checksum_sha256: str
    request_id: str | None


def _request(config: DistillationConfig | Mapping[str, Any], **fields: Any) -> JsonBody:
    """The body as given: a key the API does not know (`trainig_steps`) is the server's 400
    `invalid_config` naming it, never silently dropped."""
    return JsonBody({**given(fields), "config": config})


def _filters(status: str | JobStatus | None, since: datetime.datetime | None, **rest: Any) -> dict[str, Any]:
    return {"status": JobStatus(status) if status else None, "since": since, **rest}


def _checksum_of(artifacts: JobArtifacts, format_: ArtifactFormat) -> str:
    for artifact in artifacts.artifacts or []:
        if artifact.format_ == format_:
            return artifact.checksum_sha256
    raise DistilleryError(f"The server reported no sha256 for the {format_} artifact", code="checksum_missing")


class Jobs:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

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
    ) -> Iterator[DistillationJob]:
        """Every matching job, newest first, fetching further pages as the iteration reaches them."""
        filters = _filters(status, since, search=search, tenant_id=tenant_id, limit=page_size)
        return paginate(lambda offset: self._core.call(list_distillation_jobs, offset=offset, **filters), "jobs")

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

    def artifacts(self, job_id: str) -> JobArtifacts:
        return self._core.call(list_distillation_artifacts, job_id=job_id)

    def download_artifact(
        self, job_id: str, format: str | ArtifactFormat, destination: str | os.PathLike[str]
    ) -> DownloadedArtifact:
        """Streams the artifact to `destination` (a file, or a folder to put it in) and checks its sha256;
        raises ChecksumMismatchError, leaving nothing behind, when it differs from the server's."""
        format_ = ArtifactFormat(format)
        request = download_distillation_artifact._get_kwargs(job_id, format_)
        http = self._core.client.get_httpx_client()
        with connection_errors(), http.stream(**request) as response:
            expected = response.headers.get("x-checksum-sha256") or _checksum_of(self.artifacts(job_id), format_)
            request_id = response.headers.get("x-request-id")
            with VerifiedFile(target_path(destination, response, format_.value)) as file:
                for chunk in response.iter_bytes(CHUNK):
                    file.write(chunk)
                checksum = file.commit(expected, request_id)
        return DownloadedArtifact(str(file.target), file.size, checksum, request_id)

    def wait_for_completion(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
        on_progress: Callable[[DistillationJob], None] | None = None,
    ) -> DistillationJob:
        """Polls until the job is terminal and returns it once `completed`; raises JobFailedError,
        JobCancelledError, or WaitTimeoutError after `timeout` seconds. `on_progress` gets the job
        whenever its status, phase or progress changed."""
        return wait_for_completion(
            lambda: self.get(job_id), poll_interval=poll_interval, timeout=timeout, on_progress=on_progress
        )


class AsyncJobs:
    """`Jobs` for `AsyncDistillery`: the same methods, awaited; `list` is an async iterator."""

    def __init__(self, core: AsyncCore) -> None:
        self._core = core

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
    ) -> AsyncIterator[DistillationJob]:
        filters = _filters(status, since, search=search, tenant_id=tenant_id, limit=page_size)
        return apaginate(lambda offset: self._core.call(list_distillation_jobs, offset=offset, **filters), "jobs")

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

    async def artifacts(self, job_id: str) -> JobArtifacts:
        return await self._core.call(list_distillation_artifacts, job_id=job_id)

    async def download_artifact(
        self, job_id: str, format: str | ArtifactFormat, destination: str | os.PathLike[str]
    ) -> DownloadedArtifact:
        format_ = ArtifactFormat(format)
        request = download_distillation_artifact._get_kwargs(job_id, format_)
        http = self._core.client.get_async_httpx_client()
        with connection_errors():
            async with http.stream(**request) as response:
                expected = response.headers.get("x-checksum-sha256") or _checksum_of(
                    await self.artifacts(job_id), format_
                )
                request_id = response.headers.get("x-request-id")
                with VerifiedFile(target_path(destination, response, format_.value)) as file:
                    async for chunk in response.aiter_bytes(CHUNK):
                        file.write(chunk)
                    checksum = file.commit(expected, request_id)
        return DownloadedArtifact(str(file.target), file.size, checksum, request_id)

    async def wait_for_completion(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
        on_progress: Callable[[DistillationJob], None] | None = None,
    ) -> DistillationJob:
        return await async_wait_for_completion(
            lambda: self.get(job_id), poll_interval=poll_interval, timeout=timeout, on_progress=on_progress
        )
