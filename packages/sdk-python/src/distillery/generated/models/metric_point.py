from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricPoint")


@_attrs_define
class MetricPoint:
    """Training metrics at one step.

    Attributes:
        step (int):
        loss (float):
        timestamp (datetime.datetime):
        kd_loss (float | Unset):
        ce_loss (float | Unset):
        validation_loss (float | Unset):
        learning_rate (float | Unset):
        tokens_per_second (float | Unset):
    """

    step: int
    loss: float
    timestamp: datetime.datetime
    kd_loss: float | Unset = UNSET
    ce_loss: float | Unset = UNSET
    validation_loss: float | Unset = UNSET
    learning_rate: float | Unset = UNSET
    tokens_per_second: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step = self.step

        loss = self.loss

        timestamp = self.timestamp.isoformat()

        kd_loss = self.kd_loss

        ce_loss = self.ce_loss

        validation_loss = self.validation_loss

        learning_rate = self.learning_rate

        tokens_per_second = self.tokens_per_second

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "step": step,
                "loss": loss,
                "timestamp": timestamp,
            }
        )
        if kd_loss is not UNSET:
            field_dict["kd_loss"] = kd_loss
        if ce_loss is not UNSET:
            field_dict["ce_loss"] = ce_loss
        if validation_loss is not UNSET:
            field_dict["validation_loss"] = validation_loss
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if tokens_per_second is not UNSET:
            field_dict["tokens_per_second"] = tokens_per_second

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        step = d.pop("step")

        loss = d.pop("loss")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        kd_loss = d.pop("kd_loss", UNSET)

        ce_loss = d.pop("ce_loss", UNSET)

        validation_loss = d.pop("validation_loss", UNSET)

        learning_rate = d.pop("learning_rate", UNSET)

        tokens_per_second = d.pop("tokens_per_second", UNSET)

        metric_point = cls(
            step=step,
            loss=loss,
            timestamp=timestamp,
            kd_loss=kd_loss,
            ce_loss=ce_loss,
            validation_loss=validation_loss,
            learning_rate=learning_rate,
            tokens_per_second=tokens_per_second,
        )

        metric_point.additional_properties = d
        return metric_point

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
