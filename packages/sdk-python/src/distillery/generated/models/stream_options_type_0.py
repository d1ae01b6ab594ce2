from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StreamOptionsType0")


@_attrs_define
class StreamOptionsType0:
    """
    Attributes:
        include_usage (bool | Unset): A last chunk before `[DONE]` with empty `choices` and the `usage`; every other
            chunk has `usage` null.
    """

    include_usage: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        include_usage = self.include_usage

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if include_usage is not UNSET:
            field_dict["include_usage"] = include_usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        include_usage = d.pop("include_usage", UNSET)

        stream_options_type_0 = cls(
            include_usage=include_usage,
        )

        return stream_options_type_0
