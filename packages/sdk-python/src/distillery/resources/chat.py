"""OpenAI-compatible chat completions of the tenant's models: `client.chat.completions`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, Unpack, overload

from .._core import AsyncCore, JsonBody, SyncCore, given
from .._streaming import AsyncStream, Stream, not_an_event_stream
from ..generated.api.inference import create_chat_completion
from ..generated.models import ChatCompletion, ChatCompletionChunk, ChatMessage, StreamOptionsType0

__all__ = ["AsyncChat", "AsyncChatCompletions", "Chat", "ChatCompletionParams", "ChatCompletions"]

PATH = "/v1/chat/completions"


class ChatCompletionParams(TypedDict, total=False):
    """The optional fields of a chat completion request, as the spec names them; any other keyword is
    sent as given, and the server answers it with a 400 naming it."""

    model: str
    max_completion_tokens: int
    max_tokens: int
    temperature: float
    top_p: float
    n: int
    stream_options: StreamOptionsType0 | Mapping[str, Any]
    stop: str | Sequence[str]
    seed: int
    logprobs: bool
    top_logprobs: int
    user: str
    tenant_id: str


Messages = Sequence[ChatMessage | Mapping[str, Any]]


def request(messages: Messages, stream: bool, params: Mapping[str, Any]) -> tuple[JsonBody, dict[str, Any]]:
    """The body as written (unknown keys included) and the query (`tenant_id`)."""
    fields = dict(given(dict(params)))
    query = {"tenant_id": fields.pop("tenant_id")} if "tenant_id" in fields else {}
    body = {**fields, "messages": messages, **({"stream": True} if stream else {})}
    return JsonBody(body), query


def streamed_request(body: JsonBody, query: dict[str, Any]) -> dict[str, Any]:
    return {"json": body.to_dict(), "params": query, "headers": {"Accept": "text/event-stream"}}


class ChatCompletions:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    @overload
    def create(
        self, *, messages: Messages, stream: Literal[True], **params: Unpack[ChatCompletionParams]
    ) -> Stream[ChatCompletionChunk]: ...
    @overload
    def create(
        self, *, messages: Messages, stream: Literal[False] = False, **params: Unpack[ChatCompletionParams]
    ) -> ChatCompletion: ...
    def create(
        self, *, messages: Messages, stream: bool = False, **params: Any
    ) -> ChatCompletion | Stream[ChatCompletionChunk]:
        """A chat completion of `model` (an id of `client.models.list()`, `local/…`); with
        `stream=True` a `Stream` of `ChatCompletionChunk`s ending at the server's `data: [DONE]`
        (with `stream_options={"include_usage": True}` the last chunk has empty `choices` and the
        `usage`). Use the stream in a `with` block, or leave its loop, to close the connection early."""
        body, query = request(messages, stream, params)
        if not stream:
            return self._core.call(create_chat_completion, body=body, **query)
        response = self._core.stream("POST", PATH, **streamed_request(body, query))
        if (error := not_an_event_stream(response)) is not None:
            response.close()
            raise error
        return Stream(response, ChatCompletionChunk.from_dict)


class AsyncChatCompletions:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    @overload
    async def create(
        self, *, messages: Messages, stream: Literal[True], **params: Unpack[ChatCompletionParams]
    ) -> AsyncStream[ChatCompletionChunk]: ...
    @overload
    async def create(
        self, *, messages: Messages, stream: Literal[False] = False, **params: Unpack[ChatCompletionParams]
    ) -> ChatCompletion: ...
    async def create(
        self, *, messages: Messages, stream: bool = False, **params: Any
    ) -> ChatCompletion | AsyncStream[ChatCompletionChunk]:
        body, query = request(messages, stream, params)
        if not stream:
            return await self._core.call(create_chat_completion, body=body, **query)
        response = await self._core.stream("POST", PATH, **streamed_request(body, query))
        if (error := not_an_event_stream(response)) is not None:
            await response.aclose()
            raise error
        return AsyncStream(response, ChatCompletionChunk.from_dict)


class Chat:
    """`client.chat.completions`."""

    def __init__(self, core: SyncCore) -> None:
        self.completions = ChatCompletions(core)


class AsyncChat:
    def __init__(self, core: AsyncCore) -> None:
        self.completions = AsyncChatCompletions(core)
