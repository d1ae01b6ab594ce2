from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LoadedModelStats")


@_attrs_define
class LoadedModelStats:
    """
    Attributes:
        active_sequences (int): Sequences holding a KV-cache slot (prefilling or decoding).
        queued_sequences (int): Sequences waiting for a slot.
        last_batch_size (int): Sequences in the latest decode step's forward pass.
        max_batch_size (int): The most sequences any decode step has held.
        model (str):
        loaded_at (datetime.datetime):
        last_used_at (datetime.datetime):
        weights_bytes (int):
        kv_cache_bytes (int):
        max_batch (int): KV-cache slots, the largest batch a decode step can hold.
        max_context (int): Positions per slot, prompt and completion together.
        steps (int):
        generated_tokens (int):
    """

    active_sequences: int
    queued_sequences: int
    last_batch_size: int
    max_batch_size: int
    model: str
    loaded_at: datetime.datetime
    last_used_at: datetime.datetime
    weights_bytes: int
    kv_cache_bytes: int
    max_batch: int
    max_context: int
    steps: int
    generated_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_sequences = self.active_sequences

        queued_sequences = self.queued_sequences

        last_batch_size = self.last_batch_size

        max_batch_size = self.max_batch_size

        model = self.model

        loaded_at = self.loaded_at.isoformat()

        last_used_at = self.last_used_at.isoformat()

        weights_bytes = self.weights_bytes

        kv_cache_bytes = self.kv_cache_bytes

        max_batch = self.max_batch

        max_context = self.max_context

        steps = self.steps

        generated_tokens = self.generated_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_sequences": active_sequences,
                "queued_sequences": queued_sequences,
                "last_batch_size": last_batch_size,
                "max_batch_size": max_batch_size,
                "model": model,
                "loaded_at": loaded_at,
                "last_used_at": last_used_at,
                "weights_bytes": weights_bytes,
                "kv_cache_bytes": kv_cache_bytes,
                "max_batch": max_batch,
                "max_context": max_context,
                "steps": steps,
                "generated_tokens": generated_tokens,
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

        model = d.pop("model")

        loaded_at = datetime.datetime.fromisoformat(d.pop("loaded_at"))

        last_used_at = datetime.datetime.fromisoformat(d.pop("last_used_at"))

        weights_bytes = d.pop("weights_bytes")

        kv_cache_bytes = d.pop("kv_cache_bytes")

        max_batch = d.pop("max_batch")

        max_context = d.pop("max_context")

        steps = d.pop("steps")

        generated_tokens = d.pop("generated_tokens")

        loaded_model_stats = cls(
            active_sequences=active_sequences,
            queued_sequences=queued_sequences,
            last_batch_size=last_batch_size,
            max_batch_size=max_batch_size,
            model=model,
            loaded_at=loaded_at,
            last_used_at=last_used_at,
            weights_bytes=weights_bytes,
            kv_cache_bytes=kv_cache_bytes,
            max_batch=max_batch,
            max_context=max_context,
            steps=steps,
            generated_tokens=generated_tokens,
        )

        loaded_model_stats.additional_properties = d
        return loaded_model_stats

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
