from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ModelShape")


@_attrs_define
class ModelShape:
    """
    Attributes:
        layers (int):
        hidden_size (int):
        intermediate_size (int):
        attention_heads (int):
        kv_heads (int):
        head_dim (int):
    """

    layers: int
    hidden_size: int
    intermediate_size: int
    attention_heads: int
    kv_heads: int
    head_dim: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        layers = self.layers

        hidden_size = self.hidden_size

        intermediate_size = self.intermediate_size

        attention_heads = self.attention_heads

        kv_heads = self.kv_heads

        head_dim = self.head_dim

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "layers": layers,
                "hidden_size": hidden_size,
                "intermediate_size": intermediate_size,
                "attention_heads": attention_heads,
                "kv_heads": kv_heads,
                "head_dim": head_dim,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        layers = d.pop("layers")

        hidden_size = d.pop("hidden_size")

        intermediate_size = d.pop("intermediate_size")

        attention_heads = d.pop("attention_heads")

        kv_heads = d.pop("kv_heads")

        head_dim = d.pop("head_dim")

        model_shape = cls(
            layers=layers,
            hidden_size=hidden_size,
            intermediate_size=intermediate_size,
            attention_heads=attention_heads,
            kv_heads=kv_heads,
            head_dim=head_dim,
        )

        model_shape.additional_properties = d
        return model_shape

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
