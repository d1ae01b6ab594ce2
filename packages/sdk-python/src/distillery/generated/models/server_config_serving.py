from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServerConfigServing")


@_attrs_define
class ServerConfigServing:
    """How inference is served (`POST /v1/chat/completions` and the rest).

    Attributes:
        memory_budget_bytes (int): `DISTILLERY_SERVING_MEMORY_BYTES`: the loaded models' weights and KV caches together;
            the least recently used idle model is unloaded to make room.
        max_batch (int): `DISTILLERY_SERVING_MAX_BATCH`: sequences a model decodes together (its KV-cache slots).
        max_context (int): `DISTILLERY_SERVING_MAX_CONTEXT`: the longest sequence served, capped by each model's own
            context.
        timeout_seconds (float): `DISTILLERY_SERVING_TIMEOUT_SECONDS`: a request generating longer is stopped (504
            `timeout`).
        max_queue (int): `DISTILLERY_SERVING_MAX_QUEUE`: sequences that may wait for one model before a request is a 503
            `overloaded`.
        threads (int): `DISTILLERY_SERVING_THREADS`: threads of the serving thread's CPU kernels.
    """

    memory_budget_bytes: int
    max_batch: int
    max_context: int
    timeout_seconds: float
    max_queue: int
    threads: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memory_budget_bytes = self.memory_budget_bytes

        max_batch = self.max_batch

        max_context = self.max_context

        timeout_seconds = self.timeout_seconds

        max_queue = self.max_queue

        threads = self.threads

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memory_budget_bytes": memory_budget_bytes,
                "max_batch": max_batch,
                "max_context": max_context,
                "timeout_seconds": timeout_seconds,
                "max_queue": max_queue,
                "threads": threads,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        memory_budget_bytes = d.pop("memory_budget_bytes")

        max_batch = d.pop("max_batch")

        max_context = d.pop("max_context")

        timeout_seconds = d.pop("timeout_seconds")

        max_queue = d.pop("max_queue")

        threads = d.pop("threads")

        server_config_serving = cls(
            memory_budget_bytes=memory_budget_bytes,
            max_batch=max_batch,
            max_context=max_context,
            timeout_seconds=timeout_seconds,
            max_queue=max_queue,
            threads=threads,
        )

        server_config_serving.additional_properties = d
        return server_config_serving

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
