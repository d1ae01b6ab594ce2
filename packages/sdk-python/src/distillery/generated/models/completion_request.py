from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stream_options_type_0 import StreamOptionsType0


T = TypeVar("T", bound="CompletionRequest")


@_attrs_define
class CompletionRequest:
    """OpenAI's (legacy) completion request, the fields this server implements; any other is a 400 naming it.

    Attributes:
        prompt (list[int | list[int] | str] | str): A string, an array of strings, an array of token ids or an array of
            arrays of token ids
            (at most 256 strings or arrays); an array mixing these kinds is a 400 naming it.
        model (str | Unset): A servable model id of the tenant as `GET /v1/models` lists it (`local/…`; the id without
            `local/` works too). Optional: without it, the server's `DISTILLERY_SERVING_DEFAULT_MODEL`,
            else the tenant's only servable model.
        max_tokens (int | None | Unset): Tokens to generate at most, default 16.
        temperature (float | None | Unset):
        top_p (float | None | Unset):
        n (int | None | Unset):
        stream (bool | None | Unset):
        stream_options (None | StreamOptionsType0 | Unset):
        stop (list[str] | None | str | Unset): Up to 4 strings; generation stops before the first of them, which is left
            out of the text.
        seed (int | None | Unset):
        logprobs (int | None | Unset): The log-probability of each token and of that many likeliest alternatives.
        user (str | Unset):
    """

    prompt: list[int | list[int] | str] | str
    model: str | Unset = UNSET
    max_tokens: int | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    n: int | None | Unset = UNSET
    stream: bool | None | Unset = UNSET
    stream_options: None | StreamOptionsType0 | Unset = UNSET
    stop: list[str] | None | str | Unset = UNSET
    seed: int | None | Unset = UNSET
    logprobs: int | None | Unset = UNSET
    user: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.stream_options_type_0 import StreamOptionsType0

        prompt: list[int | list[int] | str] | str
        if isinstance(self.prompt, list):
            prompt = []
            for componentsschemas_completion_prompt_type_1_item_data in self.prompt:
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
                prompt.append(componentsschemas_completion_prompt_type_1_item)

        else:
            prompt = self.prompt

        model = self.model

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        stream: bool | None | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        stream_options: dict[str, Any] | None | Unset
        if isinstance(self.stream_options, Unset):
            stream_options = UNSET
        elif isinstance(self.stream_options, StreamOptionsType0):
            stream_options = self.stream_options.to_dict()
        else:
            stream_options = self.stream_options

        stop: list[str] | None | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        logprobs: int | None | Unset
        if isinstance(self.logprobs, Unset):
            logprobs = UNSET
        else:
            logprobs = self.logprobs

        user = self.user

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if n is not UNSET:
            field_dict["n"] = n
        if stream is not UNSET:
            field_dict["stream"] = stream
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if stop is not UNSET:
            field_dict["stop"] = stop
        if seed is not UNSET:
            field_dict["seed"] = seed
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stream_options_type_0 import StreamOptionsType0

        d = dict(src_dict)

        def _parse_prompt(data: object) -> list[int | list[int] | str] | str:
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

        prompt = _parse_prompt(d.pop("prompt"))

        model = d.pop("model", UNSET)

        def _parse_max_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_tokens = _parse_max_tokens(d.pop("max_tokens", UNSET))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        def _parse_top_p(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        top_p = _parse_top_p(d.pop("top_p", UNSET))

        def _parse_n(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        n = _parse_n(d.pop("n", UNSET))

        def _parse_stream(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stream = _parse_stream(d.pop("stream", UNSET))

        def _parse_stream_options(data: object) -> None | StreamOptionsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_stream_options_type_0 = StreamOptionsType0.from_dict(
                    data
                )

                return componentsschemas_stream_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StreamOptionsType0 | Unset, data)

        stream_options = _parse_stream_options(d.pop("stream_options", UNSET))

        def _parse_stop(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_stop_sequences_type_1 = cast(list[str], data)

                return componentsschemas_stop_sequences_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        stop = _parse_stop(d.pop("stop", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        def _parse_logprobs(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        logprobs = _parse_logprobs(d.pop("logprobs", UNSET))

        user = d.pop("user", UNSET)

        completion_request = cls(
            prompt=prompt,
            model=model,
            max_tokens=max_tokens,
            temperature=temperature,
            top_p=top_p,
            n=n,
            stream=stream,
            stream_options=stream_options,
            stop=stop,
            seed=seed,
            logprobs=logprobs,
            user=user,
        )

        return completion_request
