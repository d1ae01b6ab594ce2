from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..models.error_type import ErrorType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """What went wrong.

    Attributes:
        code (ErrorCode): Machine-readable error code.
        message (str): Human-readable explanation, safe to show to users.
        status (int): The HTTP status, repeated.
        request_id (str): The `x-request-id` of this response.
        type_ (ErrorType | Unset): OpenAI's error type for the status (400, 405, 413, 416 `invalid_request_error`; 401
            `authentication_error`; 402 `insufficient_quota`; 403 `permission_error`; 404
            `not_found_error`; 409 `conflict_error`; 429 `rate_limit_error`; 5xx `server_error`), so
            that OpenAI's clients read the envelope as theirs.
        param (str | Unset): The field, parameter or header at fault, e.g. `config.bond_beta` or `line 17`.
        details (ErrorDetails | Unset): Extra machine-readable context.
    """

    code: ErrorCode
    message: str
    status: int
    request_id: str
    type_: ErrorType | Unset = UNSET
    param: str | Unset = UNSET
    details: ErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        status = self.status

        request_id = self.request_id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        param = self.param

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "status": status,
                "request_id": request_id,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if param is not UNSET:
            field_dict["param"] = param
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_details import ErrorDetails

        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        message = d.pop("message")

        status = d.pop("status")

        request_id = d.pop("request_id")

        _type_ = d.pop("type", UNSET)
        type_: ErrorType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ErrorType(_type_)

        param = d.pop("param", UNSET)

        _details = d.pop("details", UNSET)
        details: ErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorDetails.from_dict(_details)

        error = cls(
            code=code,
            message=message,
            status=status,
            request_id=request_id,
            type_=type_,
            param=param,
            details=details,
        )

        error.additional_properties = d
        return error

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
