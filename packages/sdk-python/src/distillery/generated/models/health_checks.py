from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_checks_database import HealthChecksDatabase
from ..models.health_checks_queue import HealthChecksQueue

T = TypeVar("T", bound="HealthChecks")


@_attrs_define
class HealthChecks:
    """
    Attributes:
        database (HealthChecksDatabase):
        queue (HealthChecksQueue):
    """

    database: HealthChecksDatabase
    queue: HealthChecksQueue
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        database = self.database.value

        queue = self.queue.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "database": database,
                "queue": queue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        database = HealthChecksDatabase(d.pop("database"))

        queue = HealthChecksQueue(d.pop("queue"))

        health_checks = cls(
            database=database,
            queue=queue,
        )

        health_checks.additional_properties = d
        return health_checks

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
