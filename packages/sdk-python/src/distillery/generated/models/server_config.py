from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.server_config_auth_mode import ServerConfigAuthMode
from ..models.server_config_default_backend import ServerConfigDefaultBackend
from ..models.server_config_storage import ServerConfigStorage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.server_config_job_defaults import ServerConfigJobDefaults
    from ..models.server_config_limits import ServerConfigLimits
    from ..models.server_config_serving import ServerConfigServing
    from ..models.server_config_teacher_providers import ServerConfigTeacherProviders


T = TypeVar("T", bound="ServerConfig")


@_attrs_define
class ServerConfig:
    """What the server runs with, secrets excluded.

    Attributes:
        version (str):
        auth_mode (ServerConfigAuthMode): `loopback`: no key configured, loopback clients only.
        storage (ServerConfigStorage):
        default_backend (ServerConfigDefaultBackend):
        teacher_providers (ServerConfigTeacherProviders):
        limits (ServerConfigLimits):
        job_defaults (ServerConfigJobDefaults | Unset): Defaults filled into distillation configs.
        serving (ServerConfigServing | Unset): How inference is served (`POST /v1/chat/completions` and the rest).
    """

    version: str
    auth_mode: ServerConfigAuthMode
    storage: ServerConfigStorage
    default_backend: ServerConfigDefaultBackend
    teacher_providers: ServerConfigTeacherProviders
    limits: ServerConfigLimits
    job_defaults: ServerConfigJobDefaults | Unset = UNSET
    serving: ServerConfigServing | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        auth_mode = self.auth_mode.value

        storage = self.storage.value

        default_backend = self.default_backend.value

        teacher_providers = self.teacher_providers.to_dict()

        limits = self.limits.to_dict()

        job_defaults: dict[str, Any] | Unset = UNSET
        if not isinstance(self.job_defaults, Unset):
            job_defaults = self.job_defaults.to_dict()

        serving: dict[str, Any] | Unset = UNSET
        if not isinstance(self.serving, Unset):
            serving = self.serving.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "auth_mode": auth_mode,
                "storage": storage,
                "default_backend": default_backend,
                "teacher_providers": teacher_providers,
                "limits": limits,
            }
        )
        if job_defaults is not UNSET:
            field_dict["job_defaults"] = job_defaults
        if serving is not UNSET:
            field_dict["serving"] = serving

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.server_config_job_defaults import ServerConfigJobDefaults
        from ..models.server_config_limits import ServerConfigLimits
        from ..models.server_config_serving import ServerConfigServing
        from ..models.server_config_teacher_providers import (
            ServerConfigTeacherProviders,
        )

        d = dict(src_dict)
        version = d.pop("version")

        auth_mode = ServerConfigAuthMode(d.pop("auth_mode"))

        storage = ServerConfigStorage(d.pop("storage"))

        default_backend = ServerConfigDefaultBackend(d.pop("default_backend"))

        teacher_providers = ServerConfigTeacherProviders.from_dict(
            d.pop("teacher_providers")
        )

        limits = ServerConfigLimits.from_dict(d.pop("limits"))

        _job_defaults = d.pop("job_defaults", UNSET)
        job_defaults: ServerConfigJobDefaults | Unset
        if isinstance(_job_defaults, Unset):
            job_defaults = UNSET
        else:
            job_defaults = ServerConfigJobDefaults.from_dict(_job_defaults)

        _serving = d.pop("serving", UNSET)
        serving: ServerConfigServing | Unset
        if isinstance(_serving, Unset):
            serving = UNSET
        else:
            serving = ServerConfigServing.from_dict(_serving)

        server_config = cls(
            version=version,
            auth_mode=auth_mode,
            storage=storage,
            default_backend=default_backend,
            teacher_providers=teacher_providers,
            limits=limits,
            job_defaults=job_defaults,
            serving=serving,
        )

        server_config.additional_properties = d
        return server_config

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
