from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_kind import ModelKind
from ..models.model_tokenizer_type import ModelTokenizerType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_architecture import ModelArchitecture
    from ..models.model_source import ModelSource


T = TypeVar("T", bound="Model")


@_attrs_define
class Model:
    """A model known to this server, OpenAI-style.

    Attributes:
        id (str):
        object_ (Literal['model']):
        created (int): Unix seconds.
        owned_by (str): `distillery` for presets, else the owning tenant or the provider.
        kind (ModelKind): `imported`: a pretrained checkpoint registered with `POST /v1/models`.
        name (str | Unset): The name given at import (by default the folder's, file's or URL's last part).
        parameters (int | None | Unset):
        context_length (int | Unset): Longest sequence the model takes, in tokens.
        base_model (str | Unset):
        source_job_id (None | str | Unset): The job that produced it.
        architecture (ModelArchitecture | Unset): Shape of a Llama-style decoder.
        dtype (str | Unset): Weight type of the checkpoint as imported: `F32`, `F16` or `BF16` for safetensors, the
            GGUF file type for GGUF (`F16`, `Q8_0`, `Q4_K`, …). Models trained here are `F32`.
        vocab_size (int | Unset):
        tokenizer_type (ModelTokenizerType | Unset): `byte-level-bpe` (GPT-2, Llama 3 and SmolLM pre-tokenizers, and
            every model trained here)
            or `sentencepiece-bpe` (SentencePiece-style BPE with byte fallback: Llama 2, TinyLlama, Mistral).
        chat_template (bool | Unset): Whether the model carries its own chat template.
        source (ModelSource | Unset): Where an imported model came from.
    """

    id: str
    object_: Literal["model"]
    created: int
    owned_by: str
    kind: ModelKind
    name: str | Unset = UNSET
    parameters: int | None | Unset = UNSET
    context_length: int | Unset = UNSET
    base_model: str | Unset = UNSET
    source_job_id: None | str | Unset = UNSET
    architecture: ModelArchitecture | Unset = UNSET
    dtype: str | Unset = UNSET
    vocab_size: int | Unset = UNSET
    tokenizer_type: ModelTokenizerType | Unset = UNSET
    chat_template: bool | Unset = UNSET
    source: ModelSource | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        owned_by = self.owned_by

        kind = self.kind.value

        name = self.name

        parameters: int | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        else:
            parameters = self.parameters

        context_length = self.context_length

        base_model = self.base_model

        source_job_id: None | str | Unset
        if isinstance(self.source_job_id, Unset):
            source_job_id = UNSET
        else:
            source_job_id = self.source_job_id

        architecture: dict[str, Any] | Unset = UNSET
        if not isinstance(self.architecture, Unset):
            architecture = self.architecture.to_dict()

        dtype = self.dtype

        vocab_size = self.vocab_size

        tokenizer_type: str | Unset = UNSET
        if not isinstance(self.tokenizer_type, Unset):
            tokenizer_type = self.tokenizer_type.value

        chat_template = self.chat_template

        source: dict[str, Any] | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "owned_by": owned_by,
                "kind": kind,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if context_length is not UNSET:
            field_dict["context_length"] = context_length
        if base_model is not UNSET:
            field_dict["base_model"] = base_model
        if source_job_id is not UNSET:
            field_dict["source_job_id"] = source_job_id
        if architecture is not UNSET:
            field_dict["architecture"] = architecture
        if dtype is not UNSET:
            field_dict["dtype"] = dtype
        if vocab_size is not UNSET:
            field_dict["vocab_size"] = vocab_size
        if tokenizer_type is not UNSET:
            field_dict["tokenizer_type"] = tokenizer_type
        if chat_template is not UNSET:
            field_dict["chat_template"] = chat_template
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_architecture import ModelArchitecture
        from ..models.model_source import ModelSource

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["model"], d.pop("object"))
        if object_ != "model":
            raise ValueError(f"object must match const 'model', got '{object_}'")

        created = d.pop("created")

        owned_by = d.pop("owned_by")

        kind = ModelKind(d.pop("kind"))

        name = d.pop("name", UNSET)

        def _parse_parameters(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        context_length = d.pop("context_length", UNSET)

        base_model = d.pop("base_model", UNSET)

        def _parse_source_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_job_id = _parse_source_job_id(d.pop("source_job_id", UNSET))

        _architecture = d.pop("architecture", UNSET)
        architecture: ModelArchitecture | Unset
        if isinstance(_architecture, Unset):
            architecture = UNSET
        else:
            architecture = ModelArchitecture.from_dict(_architecture)

        dtype = d.pop("dtype", UNSET)

        vocab_size = d.pop("vocab_size", UNSET)

        _tokenizer_type = d.pop("tokenizer_type", UNSET)
        tokenizer_type: ModelTokenizerType | Unset
        if isinstance(_tokenizer_type, Unset):
            tokenizer_type = UNSET
        else:
            tokenizer_type = ModelTokenizerType(_tokenizer_type)

        chat_template = d.pop("chat_template", UNSET)

        _source = d.pop("source", UNSET)
        source: ModelSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = ModelSource.from_dict(_source)

        model = cls(
            id=id,
            object_=object_,
            created=created,
            owned_by=owned_by,
            kind=kind,
            name=name,
            parameters=parameters,
            context_length=context_length,
            base_model=base_model,
            source_job_id=source_job_id,
            architecture=architecture,
            dtype=dtype,
            vocab_size=vocab_size,
            tokenizer_type=tokenizer_type,
            chat_template=chat_template,
            source=source,
        )

        model.additional_properties = d
        return model

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
