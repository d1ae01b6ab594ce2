from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServerConfigLimits")


@_attrs_define
class ServerConfigLimits:
    """
    Attributes:
        max_body_bytes (int | Unset):
        max_import_bytes (int | Unset): The largest model import (`POST /v1/models`) body or download, in bytes.
        rate_limit_per_minute (int | Unset):
        max_concurrent_jobs_per_worker (int | Unset):
        max_concurrent_jobs_per_tenant (int | Unset):
    """

    max_body_bytes: int | Unset = UNSET
    max_import_bytes: int | Unset = UNSET
    rate_limit_per_minute: int | Unset = UNSET
    max_concurrent_jobs_per_worker: int | Unset = UNSET
    max_concurrent_jobs_per_tenant: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_body_bytes = self.max_body_bytes

        max_import_bytes = self.max_import_bytes

        rate_limit_per_minute = self.rate_limit_per_minute

        max_concurrent_jobs_per_worker = self.max_concurrent_jobs_per_worker

        max_concurrent_jobs_per_tenant = self.max_concurrent_jobs_per_tenant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_body_bytes is not UNSET:
            field_dict["max_body_bytes"] = max_body_bytes
        if max_import_bytes is not UNSET:
            field_dict["max_import_bytes"] = max_import_bytes
        if rate_limit_per_minute is not UNSET:
            field_dict["rate_limit_per_minute"] = rate_limit_per_minute
        if max_concurrent_jobs_per_worker is not UNSET:
            field_dict["max_concurrent_jobs_per_worker"] = (
                max_concurrent_jobs_per_worker
            )
        if max_concurrent_jobs_per_tenant is not UNSET:
            field_dict["max_concurrent_jobs_per_tenant"] = (
                max_concurrent_jobs_per_tenant
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_body_bytes = d.pop("max_body_bytes", UNSET)

        max_import_bytes = d.pop("max_import_bytes", UNSET)

        rate_limit_per_minute = d.pop("rate_limit_per_minute", UNSET)

        max_concurrent_jobs_per_worker = d.pop("max_concurrent_jobs_per_worker", UNSET)

        max_concurrent_jobs_per_tenant = d.pop("max_concurrent_jobs_per_tenant", UNSET)

        server_config_limits = cls(
            max_body_bytes=max_body_bytes,
            max_import_bytes=max_import_bytes,
            rate_limit_per_minute=rate_limit_per_minute,
            max_concurrent_jobs_per_worker=max_concurrent_jobs_per_worker,
            max_concurrent_jobs_per_tenant=max_concurrent_jobs_per_tenant,
        )

        server_config_limits.additional_properties = d
        return server_config_limits

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
