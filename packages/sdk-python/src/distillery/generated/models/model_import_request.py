from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelImportRequest")


@_attrs_define
class ModelImportRequest:
    """A model for the server to fetch.

    Attributes:
        source_url (str): An http(s) URL of a GGUF file or a tar(.gz) archive, on a host in `DISTILLERY_IMPORT_HOSTS`.
        name (str | Unset):
    """

    source_url: str
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_url = self.source_url

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_url": source_url,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        source_url = d.pop("source_url")

        name = d.pop("name", UNSET)

        model_import_request = cls(
            source_url=source_url,
            name=name,
        )

        return model_import_request
