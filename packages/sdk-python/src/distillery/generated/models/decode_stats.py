from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.decode_stats_memory import DecodeStatsMemory
    from ..models.latency_percentiles import LatencyPercentiles
    from ..models.loaded_model_stats import LoadedModelStats


T = TypeVar("T", bound="DecodeStats")


@_attrs_define
class DecodeStats:
    """
    Attributes:
        active_sequences (int): Sequences holding a KV-cache slot (prefilling or decoding).
        queued_sequences (int): Sequences waiting for a slot.
        last_batch_size (int): Sequences in the latest decode step's forward pass.
        max_batch_size (int): The most sequences any decode step has held.
        window_seconds (int):
        tokens_per_second (float): Tokens generated over the last `window_seconds`, per second, server-wide.
        generated_tokens (int): Tokens generated since the server started.
        requests (int): Inference requests since the server started.
        time_to_first_token_ms (LatencyPercentiles): Percentiles of the latest samples (up to 4096), milliseconds; null
            with no samples yet.
        inter_token_latency_ms (LatencyPercentiles): Percentiles of the latest samples (up to 4096), milliseconds; null
            with no samples yet.
        memory (DecodeStatsMemory):
        models (list[LoadedModelStats]): The tenant's loaded models.
    """

    active_sequences: int
    queued_sequences: int
    last_batch_size: int
    max_batch_size: int
    window_seconds: int
    tokens_per_second: float
    generated_tokens: int
    requests: int
    time_to_first_token_ms: LatencyPercentiles
    inter_token_latency_ms: LatencyPercentiles
    memory: DecodeStatsMemory
    models: list[LoadedModelStats]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_sequences = self.active_sequences

        queued_sequences = self.queued_sequences

        last_batch_size = self.last_batch_size

        max_batch_size = self.max_batch_size

        window_seconds = self.window_seconds

        tokens_per_second = self.tokens_per_second

        generated_tokens = self.generated_tokens

        requests = self.requests

        time_to_first_token_ms = self.time_to_first_token_ms.to_dict()

        inter_token_latency_ms = self.inter_token_latency_ms.to_dict()

        memory = self.memory.to_dict()

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_sequences": active_sequences,
                "queued_sequences": queued_sequences,
                "last_batch_size": last_batch_size,
                "max_batch_size": max_batch_size,
                "window_seconds": window_seconds,
                "tokens_per_second": tokens_per_second,
                "generated_tokens": generated_tokens,
                "requests": requests,
                "time_to_first_token_ms": time_to_first_token_ms,
                "inter_token_latency_ms": inter_token_latency_ms,
                "memory": memory,
                "models": models,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.decode_stats_memory import DecodeStatsMemory
        from ..models.latency_percentiles import LatencyPercentiles
        from ..models.loaded_model_stats import LoadedModelStats

        d = dict(src_dict)
        active_sequences = d.pop("active_sequences")

        queued_sequences = d.pop("queued_sequences")

        last_batch_size = d.pop("last_batch_size")

        max_batch_size = d.pop("max_batch_size")

        window_seconds = d.pop("window_seconds")

        tokens_per_second = d.pop("tokens_per_second")

        generated_tokens = d.pop("generated_tokens")

        requests = d.pop("requests")

        time_to_first_token_ms = LatencyPercentiles.from_dict(
            d.pop("time_to_first_token_ms")
        )

        inter_token_latency_ms = LatencyPercentiles.from_dict(
            d.pop("inter_token_latency_ms")
        )

        memory = DecodeStatsMemory.from_dict(d.pop("memory"))

        models = []
        _models = d.pop("models")
        for models_item_data in _models:
            models_item = LoadedModelStats.from_dict(models_item_data)

            models.append(models_item)

        decode_stats = cls(
            active_sequences=active_sequences,
            queued_sequences=queued_sequences,
            last_batch_size=last_batch_size,
            max_batch_size=max_batch_size,
            window_seconds=window_seconds,
            tokens_per_second=tokens_per_second,
            generated_tokens=generated_tokens,
            requests=requests,
            time_to_first_token_ms=time_to_first_token_ms,
            inter_token_latency_ms=inter_token_latency_ms,
            memory=memory,
            models=models,
        )

        decode_stats.additional_properties = d
        return decode_stats

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
