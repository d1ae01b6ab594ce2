from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.log_entry import LogEntry


T = TypeVar("T", bound="JobLogs")


@_attrs_define
class JobLogs:
    """Log lines of a job, oldest first.

    Attributes:
        job_id (str):
        lines (list[LogEntry]):
        has_more (bool): Older lines exist beyond `lines`.
    """

    job_id: str
    lines: list[LogEntry]
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "lines": lines,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.log_entry import LogEntry

        d = dict(src_dict)
        job_id = d.pop("job_id")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LogEntry.from_dict(lines_item_data)

            lines.append(lines_item)

        has_more = d.pop("has_more")

        job_logs = cls(
            job_id=job_id,
            lines=lines,
            has_more=has_more,
        )

        job_logs.additional_properties = d
        return job_logs

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
