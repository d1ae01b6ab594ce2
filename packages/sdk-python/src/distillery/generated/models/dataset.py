from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dataset_format import DatasetFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataset_label_counts import DatasetLabelCounts


T = TypeVar("T", bound="Dataset")


@_attrs_define
class Dataset:
    """A stored JSONL dataset.

    Attributes:
        id (str):
        tenant_id (str):
        name (str):
        format_ (DatasetFormat): `prompt_completion` rows (`prompt`, `completion`, `label`) or chat `messages` rows.
        row_count (int):
        size_bytes (int):
        checksum_sha256 (str):
        created_at (datetime.datetime):
        label_counts (DatasetLabelCounts | Unset): Rows per label, for labelled datasets.
    """

    id: str
    tenant_id: str
    name: str
    format_: DatasetFormat
    row_count: int
    size_bytes: int
    checksum_sha256: str
    created_at: datetime.datetime
    label_counts: DatasetLabelCounts | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tenant_id = self.tenant_id

        name = self.name

        format_ = self.format_.value

        row_count = self.row_count

        size_bytes = self.size_bytes

        checksum_sha256 = self.checksum_sha256

        created_at = self.created_at.isoformat()

        label_counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.label_counts, Unset):
            label_counts = self.label_counts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "name": name,
                "format": format_,
                "row_count": row_count,
                "size_bytes": size_bytes,
                "checksum_sha256": checksum_sha256,
                "created_at": created_at,
            }
        )
        if label_counts is not UNSET:
            field_dict["label_counts"] = label_counts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dataset_label_counts import DatasetLabelCounts

        d = dict(src_dict)
        id = d.pop("id")

        tenant_id = d.pop("tenant_id")

        name = d.pop("name")

        format_ = DatasetFormat(d.pop("format"))

        row_count = d.pop("row_count")

        size_bytes = d.pop("size_bytes")

        checksum_sha256 = d.pop("checksum_sha256")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _label_counts = d.pop("label_counts", UNSET)
        label_counts: DatasetLabelCounts | Unset
        if isinstance(_label_counts, Unset):
            label_counts = UNSET
        else:
            label_counts = DatasetLabelCounts.from_dict(_label_counts)

        dataset = cls(
            id=id,
            tenant_id=tenant_id,
            name=name,
            format_=format_,
            row_count=row_count,
            size_bytes=size_bytes,
            checksum_sha256=checksum_sha256,
            created_at=created_at,
            label_counts=label_counts,
        )

        dataset.additional_properties = d
        return dataset

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
