from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distillation_config import DistillationConfig
    from ..models.metadata import Metadata


T = TypeVar("T", bound="CreateDistillationJobRequest")


@_attrs_define
class CreateDistillationJobRequest:
    """A distillation job to create.

    Attributes:
        config (DistillationConfig): What to distil and how. Unknown fields and out-of-range values are a 400
            `invalid_config`
            naming the field. Responses return it with every default filled in.
        tenant_id (str | Unset): Workspace; defaults to the key's tenant (`default` in loopback mode).
        name (str | Unset): Human label.
        description (str | Unset):
        metadata (Metadata | Unset): Your key-value pairs, returned unchanged.
        webhook_url (str | Unset): Receives signed job events (see `webhooks`). An `http` or `https` URL whose host the
            server's operator allows: loopback, private, link-local, unique-local and unspecified
            addresses are refused (400 `invalid_request` naming `webhook_url`) unless allowed.
    """

    config: DistillationConfig
    tenant_id: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    metadata: Metadata | Unset = UNSET
    webhook_url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        config = self.config.to_dict()

        tenant_id = self.tenant_id

        name = self.name

        description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "config": config,
            }
        )
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distillation_config import DistillationConfig
        from ..models.metadata import Metadata

        d = dict(src_dict)
        config = DistillationConfig.from_dict(d.pop("config"))

        tenant_id = d.pop("tenant_id", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        webhook_url = d.pop("webhook_url", UNSET)

        create_distillation_job_request = cls(
            config=config,
            tenant_id=tenant_id,
            name=name,
            description=description,
            metadata=metadata,
            webhook_url=webhook_url,
        )

        return create_distillation_job_request
