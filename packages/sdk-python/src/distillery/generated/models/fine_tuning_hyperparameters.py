from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FineTuningHyperparameters")


@_attrs_define
class FineTuningHyperparameters:
    """Training hyperparameters; defaults are filled in responses. The defaults (3 epochs at 1e-3) are chosen so that a
    preset trained from scratch learns a simple labelled rule from a few hundred rows; a pretrained base usually wants a
    lower learning rate.

        Attributes:
            epochs (int | Unset):  Default: 3.
            learning_rate (float | Unset):  Default: 0.001.
            batch_size (int | Unset):  Default: 8.
            warmup_steps (int | Unset):  Default: 10.
            seq_len (int | Unset):  Default: 128.
            seed (int | Unset):  Default: 0.
    """

    epochs: int | Unset = 3
    learning_rate: float | Unset = 0.001
    batch_size: int | Unset = 8
    warmup_steps: int | Unset = 10
    seq_len: int | Unset = 128
    seed: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        epochs = self.epochs

        learning_rate = self.learning_rate

        batch_size = self.batch_size

        warmup_steps = self.warmup_steps

        seq_len = self.seq_len

        seed = self.seed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if epochs is not UNSET:
            field_dict["epochs"] = epochs
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if warmup_steps is not UNSET:
            field_dict["warmup_steps"] = warmup_steps
        if seq_len is not UNSET:
            field_dict["seq_len"] = seq_len
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        epochs = d.pop("epochs", UNSET)

        learning_rate = d.pop("learning_rate", UNSET)

        batch_size = d.pop("batch_size", UNSET)

        warmup_steps = d.pop("warmup_steps", UNSET)

        seq_len = d.pop("seq_len", UNSET)

        seed = d.pop("seed", UNSET)

        fine_tuning_hyperparameters = cls(
            epochs=epochs,
            learning_rate=learning_rate,
            batch_size=batch_size,
            warmup_steps=warmup_steps,
            seq_len=seq_len,
            seed=seed,
        )

        return fine_tuning_hyperparameters
