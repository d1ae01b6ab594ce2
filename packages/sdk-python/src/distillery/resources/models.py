"""Models held by the server: `client.models`."""

from __future__ import annotations

from .._core import AsyncCore, SyncCore
from ..generated.api.models import get_model, list_models
from ..generated.models import Model


class Models:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def list(self) -> list[Model]:
        """Presets, teacher endpoints, fine-tuned and distilled models (one unpaginated list)."""
        return self._core.call(list_models).data

    def get(self, model_id: str) -> Model:
        """`model_id` as listed, provider prefix included (`local/ft-spam-teacher`)."""
        return self._core.call(get_model, model_id=model_id)


class AsyncModels:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def list(self) -> list[Model]:
        return (await self._core.call(list_models)).data

    async def get(self, model_id: str) -> Model:
        return await self._core.call(get_model, model_id=model_id)
