from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..models.finish_reason import FinishReason
from ..models.recent_request_endpoint import RecentRequestEndpoint
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecentRequest")


@_attrs_define
class RecentRequest:
    """
    Attributes:
        request_id (str):
        endpoint (RecentRequestEndpoint):
        model (None | str):
        created (int):
        stream (bool):
        n (int):
        status (int): The HTTP status answered (a stream that failed after it started keeps 200 and has `error_code`).
        finish_reasons (list[FinishReason]):
        prompt_tokens (int):
        completion_tokens (int):
        time_to_first_token_ms (float | None):
        duration_ms (float):
        error_code (ErrorCode | None):
        temperature (float | None | Unset):
    """

    request_id: str
    endpoint: RecentRequestEndpoint
    model: None | str
    created: int
    stream: bool
    n: int
    status: int
    finish_reasons: list[FinishReason]
    prompt_tokens: int
    completion_tokens: int
    time_to_first_token_ms: float | None
    duration_ms: float
    error_code: ErrorCode | None
    temperature: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        endpoint = self.endpoint.value

        model: None | str
        model = self.model

        created = self.created

        stream = self.stream

        n = self.n

        status = self.status

        finish_reasons = []
        for finish_reasons_item_data in self.finish_reasons:
            finish_reasons_item = finish_reasons_item_data.value
            finish_reasons.append(finish_reasons_item)

        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        time_to_first_token_ms: float | None
        time_to_first_token_ms = self.time_to_first_token_ms

        duration_ms = self.duration_ms

        error_code: None | str
        if isinstance(self.error_code, ErrorCode):
            error_code = self.error_code.value
        else:
            error_code = self.error_code

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "endpoint": endpoint,
                "model": model,
                "created": created,
                "stream": stream,
                "n": n,
                "status": status,
                "finish_reasons": finish_reasons,
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "time_to_first_token_ms": time_to_first_token_ms,
                "duration_ms": duration_ms,
                "error_code": error_code,
            }
        )
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        request_id = d.pop("request_id")

        endpoint = RecentRequestEndpoint(d.pop("endpoint"))

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        created = d.pop("created")

        stream = d.pop("stream")

        n = d.pop("n")

        status = d.pop("status")

        finish_reasons = []
        _finish_reasons = d.pop("finish_reasons")
        for finish_reasons_item_data in _finish_reasons:
            finish_reasons_item = FinishReason(finish_reasons_item_data)

            finish_reasons.append(finish_reasons_item)

        prompt_tokens = d.pop("prompt_tokens")

        completion_tokens = d.pop("completion_tokens")

        def _parse_time_to_first_token_ms(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        time_to_first_token_ms = _parse_time_to_first_token_ms(
            d.pop("time_to_first_token_ms")
        )

        duration_ms = d.pop("duration_ms")

        def _parse_error_code(data: object) -> ErrorCode | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                error_code_type_0 = ErrorCode(data)

                return error_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorCode | None, data)

        error_code = _parse_error_code(d.pop("error_code"))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        recent_request = cls(
            request_id=request_id,
            endpoint=endpoint,
            model=model,
            created=created,
            stream=stream,
            n=n,
            status=status,
            finish_reasons=finish_reasons,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            time_to_first_token_ms=time_to_first_token_ms,
            duration_ms=duration_ms,
            error_code=error_code,
            temperature=temperature,
        )

        recent_request.additional_properties = d
        return recent_request

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
