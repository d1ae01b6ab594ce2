from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fine_tuning_job_backend import FineTuningJobBackend
from ..models.job_phase import JobPhase
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fine_tuning_hyperparameters import FineTuningHyperparameters
    from ..models.fine_tuning_metrics import FineTuningMetrics
    from ..models.job_error import JobError
    from ..models.job_progress import JobProgress
    from ..models.metadata import Metadata


T = TypeVar("T", bound="FineTuningJob")


@_attrs_define
class FineTuningJob:
    """A fine-tuning job.

    Attributes:
        id (str):
        tenant_id (str):
        name (str):
        base_model (str):
        training_dataset (str):
        status (JobStatus): `pending` → `running` → `completed` | `failed` | `cancelled`. `training` is a legacy alias
            of
            `running` from the reference API: accepted as a filter, never returned by this server.
        phase (JobPhase): Finer-grained than status: `initializing` → `data_generation` → `curation` → `training` →
            `evaluation` → `export` → `done`. Fine-tuning jobs skip `data_generation` and `curation`. A
            failed or cancelled job keeps the phase it stopped in.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        description (None | str | Unset):
        validation_dataset (None | str | Unset):
        hyperparameters (FineTuningHyperparameters | Unset): Training hyperparameters; defaults are filled in responses.
            The defaults (3 epochs at 1e-3) are chosen so that a preset trained from scratch learns a simple labelled rule
            from a few hundred rows; a pretrained base usually wants a lower learning rate.
        suffix (None | str | Unset):
        backend (FineTuningJobBackend | Unset): The compute backend as requested (default `auto`, which the worker
            resolves when it runs).
        result_model (None | str | Unset): Id of the tuned model (`local/…`) once completed.
        progress (JobProgress | Unset): Progress so far; fields appear as the phases reach them.
        metrics (FineTuningMetrics | Unset): Latest training figures.
        trained_tokens (int | Unset):
        error (JobError | None | Unset):
        cost_accrued (float | Unset):
        metadata (Metadata | Unset): Your key-value pairs, returned unchanged.
        webhook_url (None | str | Unset):
        started_at (datetime.datetime | None | Unset):
        finished_at (datetime.datetime | None | Unset):
    """

    id: str
    tenant_id: str
    name: str
    base_model: str
    training_dataset: str
    status: JobStatus
    phase: JobPhase
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: None | str | Unset = UNSET
    validation_dataset: None | str | Unset = UNSET
    hyperparameters: FineTuningHyperparameters | Unset = UNSET
    suffix: None | str | Unset = UNSET
    backend: FineTuningJobBackend | Unset = UNSET
    result_model: None | str | Unset = UNSET
    progress: JobProgress | Unset = UNSET
    metrics: FineTuningMetrics | Unset = UNSET
    trained_tokens: int | Unset = UNSET
    error: JobError | None | Unset = UNSET
    cost_accrued: float | Unset = UNSET
    metadata: Metadata | Unset = UNSET
    webhook_url: None | str | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_error import JobError

        id = self.id

        tenant_id = self.tenant_id

        name = self.name

        base_model = self.base_model

        training_dataset = self.training_dataset

        status = self.status.value

        phase = self.phase.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        validation_dataset: None | str | Unset
        if isinstance(self.validation_dataset, Unset):
            validation_dataset = UNSET
        else:
            validation_dataset = self.validation_dataset

        hyperparameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.hyperparameters, Unset):
            hyperparameters = self.hyperparameters.to_dict()

        suffix: None | str | Unset
        if isinstance(self.suffix, Unset):
            suffix = UNSET
        else:
            suffix = self.suffix

        backend: str | Unset = UNSET
        if not isinstance(self.backend, Unset):
            backend = self.backend.value

        result_model: None | str | Unset
        if isinstance(self.result_model, Unset):
            result_model = UNSET
        else:
            result_model = self.result_model

        progress: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = self.progress.to_dict()

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        trained_tokens = self.trained_tokens

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, JobError):
            error = self.error.to_dict()
        else:
            error = self.error

        cost_accrued = self.cost_accrued

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "name": name,
                "base_model": base_model,
                "training_dataset": training_dataset,
                "status": status,
                "phase": phase,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if validation_dataset is not UNSET:
            field_dict["validation_dataset"] = validation_dataset
        if hyperparameters is not UNSET:
            field_dict["hyperparameters"] = hyperparameters
        if suffix is not UNSET:
            field_dict["suffix"] = suffix
        if backend is not UNSET:
            field_dict["backend"] = backend
        if result_model is not UNSET:
            field_dict["result_model"] = result_model
        if progress is not UNSET:
            field_dict["progress"] = progress
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if trained_tokens is not UNSET:
            field_dict["trained_tokens"] = trained_tokens
        if error is not UNSET:
            field_dict["error"] = error
        if cost_accrued is not UNSET:
            field_dict["cost_accrued"] = cost_accrued
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.fine_tuning_hyperparameters import FineTuningHyperparameters
        from ..models.fine_tuning_metrics import FineTuningMetrics
        from ..models.job_error import JobError
        from ..models.job_progress import JobProgress
        from ..models.metadata import Metadata

        d = dict(src_dict)
        id = d.pop("id")

        tenant_id = d.pop("tenant_id")

        name = d.pop("name")

        base_model = d.pop("base_model")

        training_dataset = d.pop("training_dataset")

        status = JobStatus(d.pop("status"))

        phase = JobPhase(d.pop("phase"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_validation_dataset(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        validation_dataset = _parse_validation_dataset(
            d.pop("validation_dataset", UNSET)
        )

        _hyperparameters = d.pop("hyperparameters", UNSET)
        hyperparameters: FineTuningHyperparameters | Unset
        if isinstance(_hyperparameters, Unset):
            hyperparameters = UNSET
        else:
            hyperparameters = FineTuningHyperparameters.from_dict(_hyperparameters)

        def _parse_suffix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suffix = _parse_suffix(d.pop("suffix", UNSET))

        _backend = d.pop("backend", UNSET)
        backend: FineTuningJobBackend | Unset
        if isinstance(_backend, Unset):
            backend = UNSET
        else:
            backend = FineTuningJobBackend(_backend)

        def _parse_result_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        result_model = _parse_result_model(d.pop("result_model", UNSET))

        _progress = d.pop("progress", UNSET)
        progress: JobProgress | Unset
        if isinstance(_progress, Unset):
            progress = UNSET
        else:
            progress = JobProgress.from_dict(_progress)

        _metrics = d.pop("metrics", UNSET)
        metrics: FineTuningMetrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = FineTuningMetrics.from_dict(_metrics)

        trained_tokens = d.pop("trained_tokens", UNSET)

        def _parse_error(data: object) -> JobError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = JobError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        cost_accrued = d.pop("cost_accrued", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        fine_tuning_job = cls(
            id=id,
            tenant_id=tenant_id,
            name=name,
            base_model=base_model,
            training_dataset=training_dataset,
            status=status,
            phase=phase,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            validation_dataset=validation_dataset,
            hyperparameters=hyperparameters,
            suffix=suffix,
            backend=backend,
            result_model=result_model,
            progress=progress,
            metrics=metrics,
            trained_tokens=trained_tokens,
            error=error,
            cost_accrued=cost_accrued,
            metadata=metadata,
            webhook_url=webhook_url,
            started_at=started_at,
            finished_at=finished_at,
        )

        fine_tuning_job.additional_properties = d
        return fine_tuning_job

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
