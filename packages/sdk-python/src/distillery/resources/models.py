"""Models held by the server: `client.models`."""

from __future__ import annotations

from .._core import AsyncCore, SyncCore
from .._pagination import AsyncPaginator, Page
from ..generated.api.models import get_model, list_models
from ..generated.models import Model


class Models:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def list(self) -> Page[Model]:
        """Presets, teacher endpoints, fine-tuned and distilled models as one `Page` (the API does not
        paginate it); `items` is the OpenAI-style `data`, which stays readable on the page."""
        return Page(lambda _offset: self._core.call(list_models), "data")

    def get(self, model_id: str) -> Model:
        """`model_id` as listed, provider prefix included (`local/ft-spam-teacher`)."""
        return self._core.call(get_model, model_id=model_id)


class AsyncModels:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    def list(self) -> AsyncPaginator[Model]:
        return AsyncPaginator(lambda _offset: self._core.call(list_models), "data")

    async def get(self, model_id: str) -> Model:
        return await self._core.call(get_model, model_id=model_id)
