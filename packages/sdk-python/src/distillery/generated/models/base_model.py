from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BaseModel")


@_attrs_define
class BaseModel:
    """A model that can be fine-tuned.

    Attributes:
        id (str):
        parameters (int):
        context_length (int):
        description (str | Unset):
    """

    id: str
    parameters: int
    context_length: int
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        parameters = self.parameters

        context_length = self.context_length

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "parameters": parameters,
                "context_length": context_length,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        parameters = d.pop("parameters")

        context_length = d.pop("context_length")

        description = d.pop("description", UNSET)

        base_model = cls(
            id=id,
            parameters=parameters,
            context_length=context_length,
            description=description,
        )

        base_model.additional_properties = d
        return base_model

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
