from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_phase import JobPhase
from ..models.log_entry_level import LogEntryLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="LogEntry")


@_attrs_define
class LogEntry:
    """One log line.

    Attributes:
        timestamp (datetime.datetime):
        level (LogEntryLevel):
        message (str):
        phase (JobPhase | Unset): Finer-grained than status: `initializing` → `data_generation` → `curation` →
            `training` →
            `evaluation` → `export` → `done`. Fine-tuning jobs skip `data_generation` and `curation`. A
            failed or cancelled job keeps the phase it stopped in.
    """

    timestamp: datetime.datetime
    level: LogEntryLevel
    message: str
    phase: JobPhase | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        level = self.level.value

        message = self.message

        phase: str | Unset = UNSET
        if not isinstance(self.phase, Unset):
            phase = self.phase.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "level": level,
                "message": message,
            }
        )
        if phase is not UNSET:
            field_dict["phase"] = phase

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        level = LogEntryLevel(d.pop("level"))

        message = d.pop("message")

        _phase = d.pop("phase", UNSET)
        phase: JobPhase | Unset
        if isinstance(_phase, Unset):
            phase = UNSET
        else:
            phase = JobPhase(_phase)

        log_entry = cls(
            timestamp=timestamp,
            level=level,
            message=message,
            phase=phase,
        )

        log_entry.additional_properties = d
        return log_entry

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
