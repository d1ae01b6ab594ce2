"""Fine-tuning: `client.fine_tuning.jobs` plus the catalogue, statistics and cost estimates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .._core import AsyncCore, JsonBody, SyncCore, given, new_idempotency_key
from .._pagination import AsyncPaginator, Page
from .._waiting import DEFAULT_POLL_INTERVAL, async_wait_for_completion, wait_for_completion
from ..generated.api.fine_tuning import (
    create_fine_tuning_job,
    delete_fine_tuning_job,
    estimate_fine_tuning_cost,
    get_fine_tuning_job,
    get_fine_tuning_job_logs,
    get_fine_tuning_job_metrics,
    get_fine_tuning_stats,
    list_fine_tuning_base_models,
    list_fine_tuning_jobs,
    restart_fine_tuning_job,
    stop_fine_tuning_job,
)
from ..generated.models import (
    BaseModel,
    Estimate,
    FineTuningJob,
    FineTuningStats,
    JobLogs,
    JobMetrics,
    JobStatus,
    ListFineTuningJobsSort,
)


def _request(fields: Mapping[str, Any]) -> JsonBody:
    """The body as given, so that an unknown key (`hyperparameters.epoch`) is the server's 400
    `invalid_config` naming it instead of being dropped."""
    return JsonBody(given(dict(fields)))


_CREATE_FIELDS = (
    "name",
    "base_model",
    "training_dataset",
    "validation_dataset",
    "description",
    "hyperparameters",
    "suffix",
    "backend",
    "metadata",
    "webhook_url",
)


def _fields(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The request fields among a create or estimate call's arguments."""
    return {name: arguments[name] for name in _CREATE_FIELDS}


def _filters(status: str | JobStatus | None, sort: str | ListFineTuningJobsSort | None, **rest: Any) -> dict[str, Any]:
    return {
        "status": JobStatus(status) if status else None,
        "sort": ListFineTuningJobsSort(sort) if sort else None,
        **rest,
    }


class FineTuningJobs:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def create(
        self,
        *,
        name: str,
        base_model: str,
        training_dataset: str,
        validation_dataset: str | None = None,
        description: str | None = None,
        hyperparameters: Mapping[str, Any] | None = None,
        suffix: str | None = None,
        backend: str | None = None,
        metadata: Mapping[str, str] | None = None,
        webhook_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> FineTuningJob:
        """Queues a fine-tuning job; once completed its model is `result_model` in `client.models`."""
        body = _request(_fields(locals()))
        key = idempotency_key or new_idempotency_key()
        return self._core.call(create_fine_tuning_job, body=body, idempotency_key=key)

    def estimate(
        self,
        *,
        name: str,
        base_model: str,
        training_dataset: str,
        validation_dataset: str | None = None,
        description: str | None = None,
        hyperparameters: Mapping[str, Any] | None = None,
        suffix: str | None = None,
        backend: str | None = None,
        metadata: Mapping[str, str] | None = None,
        webhook_url: str | None = None,
    ) -> Estimate:
        """Cost, wall time and FLOPs of a job with these fields (those of `create`), without creating it."""
        return self._core.call(estimate_fine_tuning_cost, body=_request(_fields(locals())))

    def get(self, job_id: str) -> FineTuningJob:
        return self._core.call(get_fine_tuning_job, job_id=job_id)

    def list(
        self,
        *,
        status: str | JobStatus | None = None,
        base_model: str | None = None,
        search: str | None = None,
        sort: str | ListFineTuningJobsSort | None = None,
        page_size: int | None = None,
    ) -> Page[FineTuningJob]:
        """The first page of matching jobs; iterating it yields every job, fetching further pages as the
        loop reaches them. `page_size` is the API's `limit`."""
        filters = _filters(status, sort, base_model=base_model, search=search, limit=page_size)
        return Page(lambda offset: self._core.call(list_fine_tuning_jobs, offset=offset, **filters), "jobs")

    def cancel(self, job_id: str) -> FineTuningJob:
        """Stops the job in any phase (the API calls it `stop`); its status becomes `cancelled`."""
        return self._core.call(stop_fine_tuning_job, job_id=job_id)

    def restart(self, job_id: str) -> FineTuningJob:
        return self._core.call(restart_fine_tuning_job, job_id=job_id)

    def delete(self, job_id: str) -> None:
        self._core.call(delete_fine_tuning_job, job_id=job_id)

    def logs(self, job_id: str, *, lines: int | None = None) -> JobLogs:
        return self._core.call(get_fine_tuning_job_logs, job_id=job_id, lines=lines)

    def metrics(self, job_id: str) -> JobMetrics:
        return self._core.call(get_fine_tuning_job_metrics, job_id=job_id)

    def wait_for_completion(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
        on_progress: Callable[[FineTuningJob], None] | None = None,
    ) -> FineTuningJob:
        """As `client.jobs.wait_for_completion`: returns the job once `completed`, reading it every
        `poll_interval` seconds (default 5.0) and giving up after `timeout` seconds."""
        return wait_for_completion(
            lambda: self.get(job_id), poll_interval=poll_interval, timeout=timeout, on_progress=on_progress
        )


class BaseModels:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def list(self) -> Page[BaseModel]:
        """The models this server can fine-tune, as one `Page` (the API's `models` stays readable on it)."""
        return Page(lambda _offset: self._core.call(list_fine_tuning_base_models), "models")


class FineTuning:
    def __init__(self, core: SyncCore) -> None:
        self._core = core
        self.jobs = FineTuningJobs(core)
        self.base_models = BaseModels(core)

    def stats(self) -> FineTuningStats:
        return self._core.call(get_fine_tuning_stats)


class AsyncFineTuningJobs:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def create(
        self,
        *,
        name: str,
        base_model: str,
        training_dataset: str,
        validation_dataset: str | None = None,
        description: str | None = None,
        hyperparameters: Mapping[str, Any] | None = None,
        suffix: str | None = None,
        backend: str | None = None,
        metadata: Mapping[str, str] | None = None,
        webhook_url: str | None = None,
        idempotency_key: str | None = None,
    ) -> FineTuningJob:
        body = _request(_fields(locals()))
        key = idempotency_key or new_idempotency_key()
        return await self._core.call(create_fine_tuning_job, body=body, idempotency_key=key)

    async def estimate(
        self,
        *,
        name: str,
        base_model: str,
        training_dataset: str,
        validation_dataset: str | None = None,
        description: str | None = None,
        hyperparameters: Mapping[str, Any] | None = None,
        suffix: str | None = None,
        backend: str | None = None,
        metadata: Mapping[str, str] | None = None,
        webhook_url: str | None = None,
    ) -> Estimate:
        return await self._core.call(estimate_fine_tuning_cost, body=_request(_fields(locals())))

    async def get(self, job_id: str) -> FineTuningJob:
        return await self._core.call(get_fine_tuning_job, job_id=job_id)

    def list(
        self,
        *,
        status: str | JobStatus | None = None,
        base_model: str | None = None,
        search: str | None = None,
        sort: str | ListFineTuningJobsSort | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[FineTuningJob]:
        filters = _filters(status, sort, base_model=base_model, search=search, limit=page_size)
        return AsyncPaginator(
            lambda offset: self._core.call(list_fine_tuning_jobs, offset=offset, **filters), "jobs"
        )

    async def cancel(self, job_id: str) -> FineTuningJob:
        return await self._core.call(stop_fine_tuning_job, job_id=job_id)

    async def restart(self, job_id: str) -> FineTuningJob:
        return await self._core.call(restart_fine_tuning_job, job_id=job_id)

    async def delete(self, job_id: str) -> None:
        await self._core.call(delete_fine_tuning_job, job_id=job_id)

    async def logs(self, job_id: str, *, lines: int | None = None) -> JobLogs:
        return await self._core.call(get_fine_tuning_job_logs, job_id=job_id, lines=lines)

    async def metrics(self, job_id: str) -> JobMetrics:
        return await self._core.call(get_fine_tuning_job_metrics, job_id=job_id)

    async def wait_for_completion(
        self,
        job_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
        on_progress: Callable[[FineTuningJob], None] | None = None,
    ) -> FineTuningJob:
        """As `client.jobs.wait_for_completion`: reads the job every `poll_interval` seconds (default 5.0)."""
        return await async_wait_for_completion(
            lambda: self.get(job_id), poll_interval=poll_interval, timeout=timeout, on_progress=on_progress
        )


class AsyncBaseModels:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    def list(self) -> AsyncPaginator[BaseModel]:
        return AsyncPaginator(lambda _offset: self._core.call(list_fine_tuning_base_models), "models")


class AsyncFineTuning:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core
        self.jobs = AsyncFineTuningJobs(core)
        self.base_models = AsyncBaseModels(core)

    async def stats(self) -> FineTuningStats:
        return await self._core.call(get_fine_tuning_stats)
