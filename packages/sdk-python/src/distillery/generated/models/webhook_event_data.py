from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_phase import JobPhase
from ..models.job_status import JobStatus
from ..models.webhook_event_data_job_type import WebhookEventDataJobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_error import JobError
    from ..models.job_results import JobResults


T = TypeVar("T", bound="WebhookEventData")


@_attrs_define
class WebhookEventData:
    """
    Attributes:
        job_id (str):
        job_type (WebhookEventDataJobType):
        status (JobStatus): `pending` → `running` → `completed` | `failed` | `cancelled`. `training` is a legacy alias
            of
            `running` from the reference API: accepted as a filter, never returned by this server.
        phase (JobPhase): Finer-grained than status: `initializing` → `data_generation` → `curation` → `training` →
            `evaluation` → `export` → `done`. Fine-tuning jobs skip `data_generation` and `curation`. A
            failed or cancelled job keeps the phase it stopped in.
        results (JobResults | Unset): Evaluation results; present once the evaluation phase has run.
        error (JobError | None | Unset):
    """

    job_id: str
    job_type: WebhookEventDataJobType
    status: JobStatus
    phase: JobPhase
    results: JobResults | Unset = UNSET
    error: JobError | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_error import JobError

        job_id = self.job_id

        job_type = self.job_type.value

        status = self.status.value

        phase = self.phase.value

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
                "job_id": job_id,
                "job_type": job_type,
                "status": status,
                "phase": phase,
            }
        )
        if results is not UNSET:
            field_dict["results"] = results
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_error import JobError
        from ..models.job_results import JobResults

        d = dict(src_dict)
        job_id = d.pop("job_id")

        job_type = WebhookEventDataJobType(d.pop("job_type"))

        status = JobStatus(d.pop("status"))

        phase = JobPhase(d.pop("phase"))

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

        webhook_event_data = cls(
            job_id=job_id,
            job_type=job_type,
            status=status,
            phase=phase,
            results=results,
            error=error,
        )

        webhook_event_data.additional_properties = d
        return webhook_event_data

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
