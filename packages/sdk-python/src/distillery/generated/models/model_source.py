from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_source_format import ModelSourceFormat
from ..models.model_source_type import ModelSourceType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelSource")


@_attrs_define
class ModelSource:
    """Where an imported model came from.

    Attributes:
        type_ (ModelSourceType): `upload`: sent in the request; `url`: fetched by the server from `url`.
        format_ (ModelSourceFormat):
        url (str | Unset): The `source_url` it was fetched from (without credentials), for `type` `url`.
    """

    type_: ModelSourceType
    format_: ModelSourceFormat
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        format_ = self.format_.value

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "format": format_,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ModelSourceType(d.pop("type"))

        format_ = ModelSourceFormat(d.pop("format"))

        url = d.pop("url", UNSET)

        model_source = cls(
            type_=type_,
            format_=format_,
            url=url,
        )

        model_source.additional_properties = d
        return model_source

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
