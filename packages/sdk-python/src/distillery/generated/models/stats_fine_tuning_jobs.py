from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.status_counts import StatusCounts


T = TypeVar("T", bound="StatsFineTuningJobs")


@_attrs_define
class StatsFineTuningJobs:
    """
    Attributes:
        total (int):
        by_status (StatusCounts): Jobs per status.
    """

    total: int
    by_status: StatusCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        by_status = self.by_status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "by_status": by_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.status_counts import StatusCounts

        d = dict(src_dict)
        total = d.pop("total")

        by_status = StatusCounts.from_dict(d.pop("by_status"))

        stats_fine_tuning_jobs = cls(
            total=total,
            by_status=by_status,
        )

        stats_fine_tuning_jobs.additional_properties = d
        return stats_fine_tuning_jobs

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
