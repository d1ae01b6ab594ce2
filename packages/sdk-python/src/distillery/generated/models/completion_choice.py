from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.finish_reason import FinishReason

if TYPE_CHECKING:
    from ..models.completion_logprobs_type_0 import CompletionLogprobsType0


T = TypeVar("T", bound="CompletionChoice")


@_attrs_define
class CompletionChoice:
    """
    Attributes:
        index (int):
        text (str):
        logprobs (CompletionLogprobsType0 | None):
        finish_reason (FinishReason | None): `null` in stream chunks until the choice ends.
    """

    index: int
    text: str
    logprobs: CompletionLogprobsType0 | None
    finish_reason: FinishReason | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.completion_logprobs_type_0 import CompletionLogprobsType0

        index = self.index

        text = self.text

        logprobs: dict[str, Any] | None
        if isinstance(self.logprobs, CompletionLogprobsType0):
            logprobs = self.logprobs.to_dict()
        else:
            logprobs = self.logprobs

        finish_reason: None | str
        if isinstance(self.finish_reason, FinishReason):
            finish_reason = self.finish_reason.value
        else:
            finish_reason = self.finish_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "text": text,
                "logprobs": logprobs,
                "finish_reason": finish_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.completion_logprobs_type_0 import CompletionLogprobsType0

        d = dict(src_dict)
        index = d.pop("index")

        text = d.pop("text")

        def _parse_logprobs(data: object) -> CompletionLogprobsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_completion_logprobs_type_0 = (
                    CompletionLogprobsType0.from_dict(data)
                )

                return componentsschemas_completion_logprobs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompletionLogprobsType0 | None, data)

        logprobs = _parse_logprobs(d.pop("logprobs"))

        def _parse_finish_reason(data: object) -> FinishReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finish_reason_type_0 = FinishReason(data)

                return finish_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FinishReason | None, data)

        finish_reason = _parse_finish_reason(d.pop("finish_reason"))

        completion_choice = cls(
            index=index,
            text=text,
            logprobs=logprobs,
            finish_reason=finish_reason,
        )

        completion_choice.additional_properties = d
        return completion_choice

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
