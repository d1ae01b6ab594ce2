from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.embedding_request_encoding_format import EmbeddingRequestEncodingFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmbeddingRequest")


@_attrs_define
class EmbeddingRequest:
    """
    Attributes:
        input_ (list[int | list[int] | str] | str): A string, an array of strings, an array of token ids or an array of
            arrays of token ids
            (at most 256 strings or arrays); an array mixing these kinds is a 400 naming it.
        model (str | Unset): A servable model id of the tenant as `GET /v1/models` lists it (`local/…`; the id without
            `local/` works too). Optional: without it, the server's `DISTILLERY_SERVING_DEFAULT_MODEL`,
            else the tenant's only servable model.
        encoding_format (EmbeddingRequestEncodingFormat | Unset): Default `float`.
        user (str | Unset):
    """

    input_: list[int | list[int] | str] | str
    model: str | Unset = UNSET
    encoding_format: EmbeddingRequestEncodingFormat | Unset = UNSET
    user: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        input_: list[int | list[int] | str] | str
        if isinstance(self.input_, list):
            input_ = []
            for componentsschemas_completion_prompt_type_1_item_data in self.input_:
                componentsschemas_completion_prompt_type_1_item: int | list[int] | str
                if isinstance(
                    componentsschemas_completion_prompt_type_1_item_data, list
                ):
                    componentsschemas_completion_prompt_type_1_item = (
                        componentsschemas_completion_prompt_type_1_item_data
                    )

                else:
                    componentsschemas_completion_prompt_type_1_item = (
                        componentsschemas_completion_prompt_type_1_item_data
                    )
                input_.append(componentsschemas_completion_prompt_type_1_item)

        else:
            input_ = self.input_

        model = self.model

        encoding_format: str | Unset = UNSET
        if not isinstance(self.encoding_format, Unset):
            encoding_format = self.encoding_format.value

        user = self.user

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "input": input_,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if encoding_format is not UNSET:
            field_dict["encoding_format"] = encoding_format
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_input_(data: object) -> list[int | list[int] | str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_completion_prompt_type_1 = []
                _componentsschemas_completion_prompt_type_1 = data
                for (
                    componentsschemas_completion_prompt_type_1_item_data
                ) in _componentsschemas_completion_prompt_type_1:

                    def _parse_componentsschemas_completion_prompt_type_1_item(
                        data: object,
                    ) -> int | list[int] | str:
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            componentsschemas_completion_prompt_type_1_item_type_2 = (
                                cast(list[int], data)
                            )

                            return (
                                componentsschemas_completion_prompt_type_1_item_type_2
                            )
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(int | list[int] | str, data)

                    componentsschemas_completion_prompt_type_1_item = (
                        _parse_componentsschemas_completion_prompt_type_1_item(
                            componentsschemas_completion_prompt_type_1_item_data
                        )
                    )

                    componentsschemas_completion_prompt_type_1.append(
                        componentsschemas_completion_prompt_type_1_item
                    )

                return componentsschemas_completion_prompt_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int | list[int] | str] | str, data)

        input_ = _parse_input_(d.pop("input"))

        model = d.pop("model", UNSET)

        _encoding_format = d.pop("encoding_format", UNSET)
        encoding_format: EmbeddingRequestEncodingFormat | Unset
        if isinstance(_encoding_format, Unset):
            encoding_format = UNSET
        else:
            encoding_format = EmbeddingRequestEncodingFormat(_encoding_format)

        user = d.pop("user", UNSET)

        embedding_request = cls(
            input_=input_,
            model=model,
            encoding_format=encoding_format,
            user=user,
        )

        return embedding_request
