from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.artifact_format import ArtifactFormat
from ..models.quantization_type import QuantizationType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Artifact")


@_attrs_define
class Artifact:
    """One exported file.

    Attributes:
        format_ (ArtifactFormat): An exported file's format.
        path (str): Absolute path on the engine host.
        size_bytes (int):
        checksum_sha256 (str):
        download_url (str):
        quantization (QuantizationType | Unset): GGUF tensor type of an export.
    """

    format_: ArtifactFormat
    path: str
    size_bytes: int
    checksum_sha256: str
    download_url: str
    quantization: QuantizationType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_.value

        path = self.path

        size_bytes = self.size_bytes

        checksum_sha256 = self.checksum_sha256

        download_url = self.download_url

        quantization: str | Unset = UNSET
        if not isinstance(self.quantization, Unset):
            quantization = self.quantization.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "format": format_,
                "path": path,
                "size_bytes": size_bytes,
                "checksum_sha256": checksum_sha256,
                "download_url": download_url,
            }
        )
        if quantization is not UNSET:
            field_dict["quantization"] = quantization

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        format_ = ArtifactFormat(d.pop("format"))

        path = d.pop("path")

        size_bytes = d.pop("size_bytes")

        checksum_sha256 = d.pop("checksum_sha256")

        download_url = d.pop("download_url")

        _quantization = d.pop("quantization", UNSET)
        quantization: QuantizationType | Unset
        if isinstance(_quantization, Unset):
            quantization = UNSET
        else:
            quantization = QuantizationType(_quantization)

        artifact = cls(
            format_=format_,
            path=path,
            size_bytes=size_bytes,
            checksum_sha256=checksum_sha256,
            download_url=download_url,
            quantization=quantization,
        )

        artifact.additional_properties = d
        return artifact

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
