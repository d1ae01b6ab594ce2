from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stats_distillation_jobs import StatsDistillationJobs
    from ..models.stats_fine_tuning_jobs import StatsFineTuningJobs


T = TypeVar("T", bound="Stats")


@_attrs_define
class Stats:
    """Totals for a tenant.

    Attributes:
        distillation_jobs (StatsDistillationJobs):
        fine_tuning_jobs (StatsFineTuningJobs):
        datasets (int):
        models (int):
        artifact_bytes (int):
        cost_accrued (float):
        budget (float | None | Unset): The tenant's credit budget; `null` is unlimited.
    """

    distillation_jobs: StatsDistillationJobs
    fine_tuning_jobs: StatsFineTuningJobs
    datasets: int
    models: int
    artifact_bytes: int
    cost_accrued: float
    budget: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        distillation_jobs = self.distillation_jobs.to_dict()

        fine_tuning_jobs = self.fine_tuning_jobs.to_dict()

        datasets = self.datasets

        models = self.models

        artifact_bytes = self.artifact_bytes

        cost_accrued = self.cost_accrued

        budget: float | None | Unset
        if isinstance(self.budget, Unset):
            budget = UNSET
        else:
            budget = self.budget

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "distillation_jobs": distillation_jobs,
                "fine_tuning_jobs": fine_tuning_jobs,
                "datasets": datasets,
                "models": models,
                "artifact_bytes": artifact_bytes,
                "cost_accrued": cost_accrued,
            }
        )
        if budget is not UNSET:
            field_dict["budget"] = budget

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stats_distillation_jobs import StatsDistillationJobs
        from ..models.stats_fine_tuning_jobs import StatsFineTuningJobs

        d = dict(src_dict)
        distillation_jobs = StatsDistillationJobs.from_dict(d.pop("distillation_jobs"))

        fine_tuning_jobs = StatsFineTuningJobs.from_dict(d.pop("fine_tuning_jobs"))

        datasets = d.pop("datasets")

        models = d.pop("models")

        artifact_bytes = d.pop("artifact_bytes")

        cost_accrued = d.pop("cost_accrued")

        def _parse_budget(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        budget = _parse_budget(d.pop("budget", UNSET))

        stats = cls(
            distillation_jobs=distillation_jobs,
            fine_tuning_jobs=fine_tuning_jobs,
            datasets=datasets,
            models=models,
            artifact_bytes=artifact_bytes,
            cost_accrued=cost_accrued,
            budget=budget,
        )

        stats.additional_properties = d
        return stats

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
