from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DecoderState")


@_attrs_define
class DecoderState:
    """
    Attributes:
        active_sequences (int): Sequences holding a KV-cache slot (prefilling or decoding).
        queued_sequences (int): Sequences waiting for a slot.
        last_batch_size (int): Sequences in the latest decode step's forward pass.
        max_batch_size (int): The most sequences any decode step has held.
    """

    active_sequences: int
    queued_sequences: int
    last_batch_size: int
    max_batch_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_sequences = self.active_sequences

        queued_sequences = self.queued_sequences

        last_batch_size = self.last_batch_size

        max_batch_size = self.max_batch_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_sequences": active_sequences,
                "queued_sequences": queued_sequences,
                "last_batch_size": last_batch_size,
                "max_batch_size": max_batch_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        active_sequences = d.pop("active_sequences")

        queued_sequences = d.pop("queued_sequences")

        last_batch_size = d.pop("last_batch_size")

        max_batch_size = d.pop("max_batch_size")

        decoder_state = cls(
            active_sequences=active_sequences,
            queued_sequences=queued_sequences,
            last_batch_size=last_batch_size,
            max_batch_size=max_batch_size,
        )

        decoder_state.additional_properties = d
        return decoder_state

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
