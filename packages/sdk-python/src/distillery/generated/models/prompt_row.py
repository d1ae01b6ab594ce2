from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PromptRow")


@_attrs_define
class PromptRow:
    """One training or evaluation row.

    Attributes:
        prompt (str):
        completion (str | Unset): A reference completion (labelled data).
        label (str | Unset): The expected short answer for classification tasks.
    """

    prompt: str
    completion: str | Unset = UNSET
    label: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        completion = self.completion

        label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if completion is not UNSET:
            field_dict["completion"] = completion
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        completion = d.pop("completion", UNSET)

        label = d.pop("label", UNSET)

        prompt_row = cls(
            prompt=prompt,
            completion=completion,
            label=label,
        )

        return prompt_row
