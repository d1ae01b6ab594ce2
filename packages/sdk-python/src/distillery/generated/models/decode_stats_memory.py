from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DecodeStatsMemory")


@_attrs_define
class DecodeStatsMemory:
    """
    Attributes:
        budget_bytes (int): `DISTILLERY_SERVING_MEMORY_BYTES`: weights and KV caches of the loaded models together.
        used_bytes (int):
    """

    budget_bytes: int
    used_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        budget_bytes = self.budget_bytes

        used_bytes = self.used_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budget_bytes": budget_bytes,
                "used_bytes": used_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        budget_bytes = d.pop("budget_bytes")

        used_bytes = d.pop("used_bytes")

        decode_stats_memory = cls(
            budget_bytes=budget_bytes,
            used_bytes=used_bytes,
        )

        decode_stats_memory.additional_properties = d
        return decode_stats_memory

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
