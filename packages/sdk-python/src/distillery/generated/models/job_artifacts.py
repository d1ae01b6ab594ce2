from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact import Artifact
    from ..models.job_artifacts_gguf_paths import JobArtifactsGgufPaths


T = TypeVar("T", bound="JobArtifacts")


@_attrs_define
class JobArtifacts:
    """A job's exported files (paths are `null` until written).

    Attributes:
        adapter_path (None | str): Folder with the Hugging Face export.
        gguf_paths (JobArtifactsGgufPaths): GGUF file per quantization type.
        tokenizer_path (None | str):
        config_path (None | str):
        job_id (str | Unset):
        safetensors_path (None | str | Unset):
        artifacts (list[Artifact] | Unset):
    """

    adapter_path: None | str
    gguf_paths: JobArtifactsGgufPaths
    tokenizer_path: None | str
    config_path: None | str
    job_id: str | Unset = UNSET
    safetensors_path: None | str | Unset = UNSET
    artifacts: list[Artifact] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        adapter_path: None | str
        adapter_path = self.adapter_path

        gguf_paths = self.gguf_paths.to_dict()

        tokenizer_path: None | str
        tokenizer_path = self.tokenizer_path

        config_path: None | str
        config_path = self.config_path

        job_id = self.job_id

        safetensors_path: None | str | Unset
        if isinstance(self.safetensors_path, Unset):
            safetensors_path = UNSET
        else:
            safetensors_path = self.safetensors_path

        artifacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.artifacts, Unset):
            artifacts = []
            for artifacts_item_data in self.artifacts:
                artifacts_item = artifacts_item_data.to_dict()
                artifacts.append(artifacts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "adapter_path": adapter_path,
                "gguf_paths": gguf_paths,
                "tokenizer_path": tokenizer_path,
                "config_path": config_path,
            }
        )
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if safetensors_path is not UNSET:
            field_dict["safetensors_path"] = safetensors_path
        if artifacts is not UNSET:
            field_dict["artifacts"] = artifacts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.artifact import Artifact
        from ..models.job_artifacts_gguf_paths import JobArtifactsGgufPaths

        d = dict(src_dict)

        def _parse_adapter_path(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        adapter_path = _parse_adapter_path(d.pop("adapter_path"))

        gguf_paths = JobArtifactsGgufPaths.from_dict(d.pop("gguf_paths"))

        def _parse_tokenizer_path(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tokenizer_path = _parse_tokenizer_path(d.pop("tokenizer_path"))

        def _parse_config_path(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        config_path = _parse_config_path(d.pop("config_path"))

        job_id = d.pop("job_id", UNSET)

        def _parse_safetensors_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safetensors_path = _parse_safetensors_path(d.pop("safetensors_path", UNSET))

        _artifacts = d.pop("artifacts", UNSET)
        artifacts: list[Artifact] | Unset = UNSET
        if _artifacts is not UNSET:
            artifacts = []
            for artifacts_item_data in _artifacts:
                artifacts_item = Artifact.from_dict(artifacts_item_data)

                artifacts.append(artifacts_item)

        job_artifacts = cls(
            adapter_path=adapter_path,
            gguf_paths=gguf_paths,
            tokenizer_path=tokenizer_path,
            config_path=config_path,
            job_id=job_id,
            safetensors_path=safetensors_path,
            artifacts=artifacts,
        )

        job_artifacts.additional_properties = d
        return job_artifacts

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
