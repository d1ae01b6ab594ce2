from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hardware_backend_name import HardwareBackendName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hardware_backend_adapter import HardwareBackendAdapter


T = TypeVar("T", bound="HardwareBackend")


@_attrs_define
class HardwareBackend:
    """One compute backend.

    Attributes:
        name (HardwareBackendName):
        available (bool):
        is_software (bool): A software adapter (llvmpipe, SwiftShader) is correct but slow.
        adapter (HardwareBackendAdapter | Unset): The WebGPU adapter's info.
        cores (int | Unset):
        memory_bytes (int | Unset):
        reason (str | Unset): Why the backend is unavailable.
    """

    name: HardwareBackendName
    available: bool
    is_software: bool
    adapter: HardwareBackendAdapter | Unset = UNSET
    cores: int | Unset = UNSET
    memory_bytes: int | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name.value

        available = self.available

        is_software = self.is_software

        adapter: dict[str, Any] | Unset = UNSET
        if not isinstance(self.adapter, Unset):
            adapter = self.adapter.to_dict()

        cores = self.cores

        memory_bytes = self.memory_bytes

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "available": available,
                "is_software": is_software,
            }
        )
        if adapter is not UNSET:
            field_dict["adapter"] = adapter
        if cores is not UNSET:
            field_dict["cores"] = cores
        if memory_bytes is not UNSET:
            field_dict["memory_bytes"] = memory_bytes
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hardware_backend_adapter import HardwareBackendAdapter

        d = dict(src_dict)
        name = HardwareBackendName(d.pop("name"))

        available = d.pop("available")

        is_software = d.pop("is_software")

        _adapter = d.pop("adapter", UNSET)
        adapter: HardwareBackendAdapter | Unset
        if isinstance(_adapter, Unset):
            adapter = UNSET
        else:
            adapter = HardwareBackendAdapter.from_dict(_adapter)

        cores = d.pop("cores", UNSET)

        memory_bytes = d.pop("memory_bytes", UNSET)

        reason = d.pop("reason", UNSET)

        hardware_backend = cls(
            name=name,
            available=available,
            is_software=is_software,
            adapter=adapter,
            cores=cores,
            memory_bytes=memory_bytes,
            reason=reason,
        )

        hardware_backend.additional_properties = d
        return hardware_backend

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
