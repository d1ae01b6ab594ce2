from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServerConfigTeacherProviders")


@_attrs_define
class ServerConfigTeacherProviders:
    """
    Attributes:
        local (bool):
        openai (bool): Whether an OpenAI-compatible endpoint is configured.
    """

    local: bool
    openai: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        local = self.local

        openai = self.openai

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "local": local,
                "openai": openai,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        local = d.pop("local")

        openai = d.pop("openai")

        server_config_teacher_providers = cls(
            local=local,
            openai=openai,
        )

        server_config_teacher_providers.additional_properties = d
        return server_config_teacher_providers

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
