"""OpenAI-compatible (legacy) text completions and reference 004's batches: `client.completions`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, Unpack, overload

from .._core import AsyncCore, JsonBody, SyncCore, given
from .._generated_gaps import provide_missing_models
from .._streaming import AsyncStream, Stream, not_an_event_stream
from ..generated.api.inference import create_completion, create_completion_batch
from ..generated.models import Completion, CompletionBatch, StreamOptionsType0
from .chat import streamed_request

provide_missing_models()

__all__ = ["AsyncCompletions", "CompletionBatchParams", "CompletionParams", "Completions"]

PATH = "/v1/completions"

Prompt = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


class _Sampling(TypedDict, total=False):
    model: str
    max_tokens: int
    temperature: float
    top_p: float
    n: int
    stop: str | Sequence[str]
    seed: int
    tenant_id: str


class CompletionParams(_Sampling, total=False):
    """The optional fields of a completion request; any other keyword is sent as given (a 400 naming it)."""

    stream_options: StreamOptionsType0 | Mapping[str, Any]
    logprobs: int
    user: str


class CompletionBatchParams(_Sampling, total=False):
    """The optional fields of a batch request (`n` completions per prompt, `seed` + k for completion k)."""


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    fields = dict(given(fields))
    query = {"tenant_id": fields.pop("tenant_id")} if "tenant_id" in fields else {}
    return fields, query


class Completions:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    @overload
    def create(
        self, *, prompt: Prompt, stream: Literal[True], **params: Unpack[CompletionParams]
    ) -> Stream[Completion]: ...
    @overload
    def create(
        self, *, prompt: Prompt, stream: Literal[False] = False, **params: Unpack[CompletionParams]
    ) -> Completion: ...
    def create(self, *, prompt: Prompt, stream: bool = False, **params: Any) -> Completion | Stream[Completion]:
        """Continues `prompt` (a string, strings, token ids or lists of token ids: a choice each) as it
        is, with no chat template; with `stream=True` a `Stream` of `Completion` chunks ending at
        `data: [DONE]`, as `chat.completions.create` streams."""
        fields, query = _split({**params, "prompt": prompt, **({"stream": True} if stream else {})})
        if not stream:
            return self._core.call(create_completion, body=JsonBody(fields), **query)
        response = self._core.stream("POST", PATH, **streamed_request(JsonBody(fields), query))
        if (error := not_an_event_stream(response)) is not None:
            response.close()
            raise error
        return Stream(response, Completion.from_dict)

    def batch(self, *, prompts: Sequence[str], **params: Unpack[CompletionBatchParams]) -> CompletionBatch:
        """Completes every prompt (`n` completions each) in shared decode batches: a choice per prompt and
        sample, in prompt order, each with its `prompt_index` (`index` = `prompt_index` × `n` + k)."""
        fields, query = _split({**params, "prompts": prompts})
        return self._core.call(create_completion_batch, body=JsonBody(fields), **query)


class AsyncCompletions:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    @overload
    async def create(
        self, *, prompt: Prompt, stream: Literal[True], **params: Unpack[CompletionParams]
    ) -> AsyncStream[Completion]: ...
    @overload
    async def create(
        self, *, prompt: Prompt, stream: Literal[False] = False, **params: Unpack[CompletionParams]
    ) -> Completion: ...
    async def create(
        self, *, prompt: Prompt, stream: bool = False, **params: Any
    ) -> Completion | AsyncStream[Completion]:
        fields, query = _split({**params, "prompt": prompt, **({"stream": True} if stream else {})})
        if not stream:
            return await self._core.call(create_completion, body=JsonBody(fields), **query)
        response = await self._core.stream("POST", PATH, **streamed_request(JsonBody(fields), query))
        if (error := not_an_event_stream(response)) is not None:
            await response.aclose()
            raise error
        return AsyncStream(response, Completion.from_dict)

    async def batch(self, *, prompts: Sequence[str], **params: Unpack[CompletionBatchParams]) -> CompletionBatch:
        fields, query = _split({**params, "prompts": prompts})
        return await self._core.call(create_completion_batch, body=JsonBody(fields), **query)
