from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FineTuningMetrics")


@_attrs_define
class FineTuningMetrics:
    """Latest training figures.

    Attributes:
        training_loss (float | Unset):
        validation_loss (float | Unset):
        validation_accuracy (float | Unset):
        epoch (float | Unset):
    """

    training_loss: float | Unset = UNSET
    validation_loss: float | Unset = UNSET
    validation_accuracy: float | Unset = UNSET
    epoch: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        training_loss = self.training_loss

        validation_loss = self.validation_loss

        validation_accuracy = self.validation_accuracy

        epoch = self.epoch

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if training_loss is not UNSET:
            field_dict["training_loss"] = training_loss
        if validation_loss is not UNSET:
            field_dict["validation_loss"] = validation_loss
        if validation_accuracy is not UNSET:
            field_dict["validation_accuracy"] = validation_accuracy
        if epoch is not UNSET:
            field_dict["epoch"] = epoch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        training_loss = d.pop("training_loss", UNSET)

        validation_loss = d.pop("validation_loss", UNSET)

        validation_accuracy = d.pop("validation_accuracy", UNSET)

        epoch = d.pop("epoch", UNSET)

        fine_tuning_metrics = cls(
            training_loss=training_loss,
            validation_loss=validation_loss,
            validation_accuracy=validation_accuracy,
            epoch=epoch,
        )

        fine_tuning_metrics.additional_properties = d
        return fine_tuning_metrics

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
