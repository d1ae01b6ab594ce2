from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HardwareBackendAdapter")


@_attrs_define
class HardwareBackendAdapter:
    """The WebGPU adapter's info.

    Attributes:
        vendor (str | Unset):
        architecture (str | Unset):
        device (str | Unset):
        description (str | Unset):
    """

    vendor: str | Unset = UNSET
    architecture: str | Unset = UNSET
    device: str | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vendor = self.vendor

        architecture = self.architecture

        device = self.device

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if vendor is not UNSET:
            field_dict["vendor"] = vendor
        if architecture is not UNSET:
            field_dict["architecture"] = architecture
        if device is not UNSET:
            field_dict["device"] = device
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vendor = d.pop("vendor", UNSET)

        architecture = d.pop("architecture", UNSET)

        device = d.pop("device", UNSET)

        description = d.pop("description", UNSET)

        hardware_backend_adapter = cls(
            vendor=vendor,
            architecture=architecture,
            device=device,
            description=description,
        )

        hardware_backend_adapter.additional_properties = d
        return hardware_backend_adapter

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
