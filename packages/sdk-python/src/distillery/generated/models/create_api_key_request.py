from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.api_key_scope import ApiKeyScope
from ..models.create_api_key_request_mode import CreateApiKeyRequestMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateApiKeyRequest")


@_attrs_define
class CreateApiKeyRequest:
    """
    Attributes:
        tenant_id (str | Unset): The key's tenant (default the caller's, `default` in loopback mode).
        name (str | Unset): A label to recognise the key by.
        scopes (list[ApiKeyScope] | Unset): Default every scope but `admin`.
        mode (CreateApiKeyRequestMode | Unset): A `dk_live_` or a `dk_test_` key. Default: CreateApiKeyRequestMode.LIVE.
        budget (float | Unset): Sets the tenant's credit budget as well.
    """

    tenant_id: str | Unset = UNSET
    name: str | Unset = UNSET
    scopes: list[ApiKeyScope] | Unset = UNSET
    mode: CreateApiKeyRequestMode | Unset = CreateApiKeyRequestMode.LIVE
    budget: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        name = self.name

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = []
            for scopes_item_data in self.scopes:
                scopes_item = scopes_item_data.value
                scopes.append(scopes_item)

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        budget = self.budget

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if name is not UNSET:
            field_dict["name"] = name
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if mode is not UNSET:
            field_dict["mode"] = mode
        if budget is not UNSET:
            field_dict["budget"] = budget

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tenant_id = d.pop("tenant_id", UNSET)

        name = d.pop("name", UNSET)

        _scopes = d.pop("scopes", UNSET)
        scopes: list[ApiKeyScope] | Unset = UNSET
        if _scopes is not UNSET:
            scopes = []
            for scopes_item_data in _scopes:
                scopes_item = ApiKeyScope(scopes_item_data)

                scopes.append(scopes_item)

        _mode = d.pop("mode", UNSET)
        mode: CreateApiKeyRequestMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = CreateApiKeyRequestMode(_mode)

        budget = d.pop("budget", UNSET)

        create_api_key_request = cls(
            tenant_id=tenant_id,
            name=name,
            scopes=scopes,
            mode=mode,
            budget=budget,
        )

        return create_api_key_request
