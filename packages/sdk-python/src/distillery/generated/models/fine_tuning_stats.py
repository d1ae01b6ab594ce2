from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.status_counts import StatusCounts


T = TypeVar("T", bound="FineTuningStats")


@_attrs_define
class FineTuningStats:
    """Fine-tuning totals for a tenant.

    Attributes:
        total (int):
        by_status (StatusCounts): Jobs per status.
        trained_tokens (int):
        cost_accrued (float):
        average_duration_seconds (float | None | Unset):
    """

    total: int
    by_status: StatusCounts
    trained_tokens: int
    cost_accrued: float
    average_duration_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        by_status = self.by_status.to_dict()

        trained_tokens = self.trained_tokens

        cost_accrued = self.cost_accrued

        average_duration_seconds: float | None | Unset
        if isinstance(self.average_duration_seconds, Unset):
            average_duration_seconds = UNSET
        else:
            average_duration_seconds = self.average_duration_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "by_status": by_status,
                "trained_tokens": trained_tokens,
                "cost_accrued": cost_accrued,
            }
        )
        if average_duration_seconds is not UNSET:
            field_dict["average_duration_seconds"] = average_duration_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.status_counts import StatusCounts

        d = dict(src_dict)
        total = d.pop("total")

        by_status = StatusCounts.from_dict(d.pop("by_status"))

        trained_tokens = d.pop("trained_tokens")

        cost_accrued = d.pop("cost_accrued")

        def _parse_average_duration_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average_duration_seconds = _parse_average_duration_seconds(
            d.pop("average_duration_seconds", UNSET)
        )

        fine_tuning_stats = cls(
            total=total,
            by_status=by_status,
            trained_tokens=trained_tokens,
            cost_accrued=cost_accrued,
            average_duration_seconds=average_duration_seconds,
        )

        fine_tuning_stats.additional_properties = d
        return fine_tuning_stats

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
