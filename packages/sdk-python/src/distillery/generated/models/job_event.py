from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_event_type import JobEventType
from ..models.job_phase import JobPhase
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_error import JobError
    from ..models.job_progress import JobProgress
    from ..models.job_results import JobResults


T = TypeVar("T", bound="JobEvent")


@_attrs_define
class JobEvent:
    """The `data` of one Server-Sent Event.

    Attributes:
        type_ (JobEventType):
        job_id (str):
        status (JobStatus): `pending` → `running` → `completed` | `failed` | `cancelled`. `training` is a legacy alias
            of
            `running` from the reference API: accepted as a filter, never returned by this server.
        phase (JobPhase): Finer-grained than status: `initializing` → `data_generation` → `curation` → `training` →
            `evaluation` → `export` → `done`. Fine-tuning jobs skip `data_generation` and `curation`. A
            failed or cancelled job keeps the phase it stopped in.
        timestamp (datetime.datetime):
        progress (JobProgress | Unset): Progress so far; fields appear as the phases reach them.
        results (JobResults | Unset): Evaluation results; present once the evaluation phase has run.
        error (JobError | None | Unset):
    """

    type_: JobEventType
    job_id: str
    status: JobStatus
    phase: JobPhase
    timestamp: datetime.datetime
    progress: JobProgress | Unset = UNSET
    results: JobResults | Unset = UNSET
    error: JobError | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_error import JobError

        type_ = self.type_.value

        job_id = self.job_id

        status = self.status.value

        phase = self.phase.value

        timestamp = self.timestamp.isoformat()

        progress: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = self.progress.to_dict()

        results: dict[str, Any] | Unset = UNSET
        if not isinstance(self.results, Unset):
            results = self.results.to_dict()

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, JobError):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "job_id": job_id,
                "status": status,
                "phase": phase,
                "timestamp": timestamp,
            }
        )
        if progress is not UNSET:
            field_dict["progress"] = progress
        if results is not UNSET:
            field_dict["results"] = results
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_error import JobError
        from ..models.job_progress import JobProgress
        from ..models.job_results import JobResults

        d = dict(src_dict)
        type_ = JobEventType(d.pop("type"))

        job_id = d.pop("job_id")

        status = JobStatus(d.pop("status"))

        phase = JobPhase(d.pop("phase"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        _progress = d.pop("progress", UNSET)
        progress: JobProgress | Unset
        if isinstance(_progress, Unset):
            progress = UNSET
        else:
            progress = JobProgress.from_dict(_progress)

        _results = d.pop("results", UNSET)
        results: JobResults | Unset
        if isinstance(_results, Unset):
            results = UNSET
        else:
            results = JobResults.from_dict(_results)

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

        job_event = cls(
            type_=type_,
            job_id=job_id,
            status=status,
            phase=phase,
            timestamp=timestamp,
            progress=progress,
            results=results,
            error=error,
        )

        job_event.additional_properties = d
        return job_event

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
