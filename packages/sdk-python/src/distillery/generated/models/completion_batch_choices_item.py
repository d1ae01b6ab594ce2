from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.finish_reason import FinishReason

T = TypeVar("T", bound="CompletionBatchChoicesItem")


@_attrs_define
class CompletionBatchChoicesItem:
    """
    Attributes:
        index (int):
        prompt_index (int):
        text (str):
        logprobs (None):
        finish_reason (FinishReason): `stop`: the model's end token or a stop string; `length`: `max_tokens` or the
            context reached.
    """

    index: int
    prompt_index: int
    text: str
    logprobs: None
    finish_reason: FinishReason
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        prompt_index = self.prompt_index

        text = self.text

        logprobs = self.logprobs

        finish_reason = self.finish_reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "prompt_index": prompt_index,
                "text": text,
                "logprobs": logprobs,
                "finish_reason": finish_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        index = d.pop("index")

        prompt_index = d.pop("prompt_index")

        text = d.pop("text")

        logprobs = d.pop("logprobs")

        finish_reason = FinishReason(d.pop("finish_reason"))

        completion_batch_choices_item = cls(
            index=index,
            prompt_index=prompt_index,
            text=text,
            logprobs=logprobs,
            finish_reason=finish_reason,
        )

        completion_batch_choices_item.additional_properties = d
        return completion_batch_choices_item

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
