"""OpenAI-compatible embeddings: `client.embeddings`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .._core import AsyncCore, JsonBody, SyncCore, given
from ..generated.api.inference import create_embeddings
from ..generated.models import EmbeddingList

__all__ = ["AsyncEmbeddings", "Embeddings"]

Input = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


def _request(input: Input, model: str | None, encoding_format: str | None, user: str | None) -> JsonBody:
    return JsonBody(given({"model": model, "input": input, "encoding_format": encoding_format, "user": user}))


class Embeddings:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def create(
        self,
        *,
        input: Input,
        model: str | None = None,
        encoding_format: Literal["float", "base64"] | None = None,
        user: str | None = None,
        tenant_id: str | None = None,
    ) -> EmbeddingList:
        """One vector of the model's width per input (a string, strings, token ids or lists of token ids),
        in order: the mean over its tokens of the model's last hidden state. With
        `encoding_format="base64"` each `embedding` is the base64 of its little-endian float32 values."""
        body = _request(input, model, encoding_format, user)
        return self._core.call(create_embeddings, body=body, tenant_id=tenant_id)


class AsyncEmbeddings:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def create(
        self,
        *,
        input: Input,
        model: str | None = None,
        encoding_format: Literal["float", "base64"] | None = None,
        user: str | None = None,
        tenant_id: str | None = None,
    ) -> EmbeddingList:
        body = _request(input, model, encoding_format, user)
        return await self._core.call(create_embeddings, body=body, tenant_id=tenant_id)
