from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hardware_default_backend import HardwareDefaultBackend

if TYPE_CHECKING:
    from ..models.hardware_backend import HardwareBackend


T = TypeVar("T", bound="Hardware")


@_attrs_define
class Hardware:
    """Compute backends on this server.

    Attributes:
        default_backend (HardwareDefaultBackend): What `backend: auto` resolves to.
        backends (list[HardwareBackend]):
    """

    default_backend: HardwareDefaultBackend
    backends: list[HardwareBackend]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_backend = self.default_backend.value

        backends = []
        for backends_item_data in self.backends:
            backends_item = backends_item_data.to_dict()
            backends.append(backends_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "default_backend": default_backend,
                "backends": backends,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hardware_backend import HardwareBackend

        d = dict(src_dict)
        default_backend = HardwareDefaultBackend(d.pop("default_backend"))

        backends = []
        _backends = d.pop("backends")
        for backends_item_data in _backends:
            backends_item = HardwareBackend.from_dict(backends_item_data)

            backends.append(backends_item)

        hardware = cls(
            default_backend=default_backend,
            backends=backends,
        )

        hardware.additional_properties = d
        return hardware

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
