from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_phase import JobPhase
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distillation_config import DistillationConfig
    from ..models.job_error import JobError
    from ..models.job_progress import JobProgress
    from ..models.job_results import JobResults
    from ..models.metadata import Metadata


T = TypeVar("T", bound="DistillationJob")


@_attrs_define
class DistillationJob:
    """A distillation job.

    Attributes:
        id (str):
        status (JobStatus): `pending` → `running` → `completed` | `failed` | `cancelled`. `training` is a legacy alias
            of
            `running` from the reference API: accepted as a filter, never returned by this server.
        phase (JobPhase): Finer-grained than status: `initializing` → `data_generation` → `curation` → `training` →
            `evaluation` → `export` → `done`. Fine-tuning jobs skip `data_generation` and `curation`. A
            failed or cancelled job keeps the phase it stopped in.
        progress (JobProgress): Progress so far; fields appear as the phases reach them.
        results (JobResults): Evaluation results; present once the evaluation phase has run.
        cost_accrued (float): Credits spent so far.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        tenant_id (str | Unset):
        name (str | Unset):
        description (None | str | Unset):
        config (DistillationConfig | Unset): What to distil and how. Unknown fields and out-of-range values are a 400
            `invalid_config`
            naming the field. Responses return it with every default filled in.
        error (JobError | None | Unset):
        metadata (Metadata | Unset): Your key-value pairs, returned unchanged.
        webhook_url (None | str | Unset):
        started_at (datetime.datetime | None | Unset):
        finished_at (datetime.datetime | None | Unset):
    """

    id: str
    status: JobStatus
    phase: JobPhase
    progress: JobProgress
    results: JobResults
    cost_accrued: float
    created_at: datetime.datetime
    updated_at: datetime.datetime
    tenant_id: str | Unset = UNSET
    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    config: DistillationConfig | Unset = UNSET
    error: JobError | None | Unset = UNSET
    metadata: Metadata | Unset = UNSET
    webhook_url: None | str | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_error import JobError

        id = self.id

        status = self.status.value

        phase = self.phase.value

        progress = self.progress.to_dict()

        results = self.results.to_dict()

        cost_accrued = self.cost_accrued

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        tenant_id = self.tenant_id

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, JobError):
            error = self.error.to_dict()
        else:
            error = self.error

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
                "status": status,
                "phase": phase,
                "progress": progress,
                "results": results,
                "cost_accrued": cost_accrued,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if config is not UNSET:
            field_dict["config"] = config
        if error is not UNSET:
            field_dict["error"] = error
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
        from ..models.distillation_config import DistillationConfig
        from ..models.job_error import JobError
        from ..models.job_progress import JobProgress
        from ..models.job_results import JobResults
        from ..models.metadata import Metadata

        d = dict(src_dict)
        id = d.pop("id")

        status = JobStatus(d.pop("status"))

        phase = JobPhase(d.pop("phase"))

        progress = JobProgress.from_dict(d.pop("progress"))

        results = JobResults.from_dict(d.pop("results"))

        cost_accrued = d.pop("cost_accrued")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        tenant_id = d.pop("tenant_id", UNSET)

        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _config = d.pop("config", UNSET)
        config: DistillationConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = DistillationConfig.from_dict(_config)

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

        distillation_job = cls(
            id=id,
            status=status,
            phase=phase,
            progress=progress,
            results=results,
            cost_accrued=cost_accrued,
            created_at=created_at,
            updated_at=updated_at,
            tenant_id=tenant_id,
            name=name,
            description=description,
            config=config,
            error=error,
            metadata=metadata,
            webhook_url=webhook_url,
            started_at=started_at,
            finished_at=finished_at,
        )

        distillation_job.additional_properties = d
        return distillation_job

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
