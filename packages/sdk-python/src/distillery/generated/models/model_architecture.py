from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelArchitecture")


@_attrs_define
class ModelArchitecture:
    """Shape of a Llama-style decoder.

    Attributes:
        n_layers (int):
        d_model (int):
        n_heads (int):
        n_kv_heads (int):
        d_ff (int):
        vocab_size (int):
        name (str | Unset): The architecture's Hugging Face class name (`architectures[0]` of a config.json).
    """

    n_layers: int
    d_model: int
    n_heads: int
    n_kv_heads: int
    d_ff: int
    vocab_size: int
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        n_layers = self.n_layers

        d_model = self.d_model

        n_heads = self.n_heads

        n_kv_heads = self.n_kv_heads

        d_ff = self.d_ff

        vocab_size = self.vocab_size

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "n_layers": n_layers,
                "d_model": d_model,
                "n_heads": n_heads,
                "n_kv_heads": n_kv_heads,
                "d_ff": d_ff,
                "vocab_size": vocab_size,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        n_layers = d.pop("n_layers")

        d_model = d.pop("d_model")

        n_heads = d.pop("n_heads")

        n_kv_heads = d.pop("n_kv_heads")

        d_ff = d.pop("d_ff")

        vocab_size = d.pop("vocab_size")

        name = d.pop("name", UNSET)

        model_architecture = cls(
            n_layers=n_layers,
            d_model=d_model,
            n_heads=n_heads,
            n_kv_heads=n_kv_heads,
            d_ff=d_ff,
            vocab_size=vocab_size,
            name=name,
        )

        model_architecture.additional_properties = d
        return model_architecture

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
