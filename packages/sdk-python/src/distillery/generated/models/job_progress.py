from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobProgress")


@_attrs_define
class JobProgress:
    """Progress so far; fields appear as the phases reach them.

    Attributes:
        prompts_done (int | Unset):
        prompts_total (int | Unset):
        training_step (int | Unset):
        training_steps_total (int | Unset):
        loss (float | Unset): Latest training loss.
        eta_seconds (float | Unset): Estimated seconds to completion.
    """

    prompts_done: int | Unset = UNSET
    prompts_total: int | Unset = UNSET
    training_step: int | Unset = UNSET
    training_steps_total: int | Unset = UNSET
    loss: float | Unset = UNSET
    eta_seconds: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompts_done = self.prompts_done

        prompts_total = self.prompts_total

        training_step = self.training_step

        training_steps_total = self.training_steps_total

        loss = self.loss

        eta_seconds = self.eta_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompts_done is not UNSET:
            field_dict["prompts_done"] = prompts_done
        if prompts_total is not UNSET:
            field_dict["prompts_total"] = prompts_total
        if training_step is not UNSET:
            field_dict["training_step"] = training_step
        if training_steps_total is not UNSET:
            field_dict["training_steps_total"] = training_steps_total
        if loss is not UNSET:
            field_dict["loss"] = loss
        if eta_seconds is not UNSET:
            field_dict["eta_seconds"] = eta_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompts_done = d.pop("prompts_done", UNSET)

        prompts_total = d.pop("prompts_total", UNSET)

        training_step = d.pop("training_step", UNSET)

        training_steps_total = d.pop("training_steps_total", UNSET)

        loss = d.pop("loss", UNSET)

        eta_seconds = d.pop("eta_seconds", UNSET)

        job_progress = cls(
            prompts_done=prompts_done,
            prompts_total=prompts_total,
            training_step=training_step,
            training_steps_total=training_steps_total,
            loss=loss,
            eta_seconds=eta_seconds,
        )

        job_progress.additional_properties = d
        return job_progress

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
