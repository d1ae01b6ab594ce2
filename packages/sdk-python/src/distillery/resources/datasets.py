"""JSONL datasets: `client.datasets`."""

from __future__ import annotations

import os
from pathlib import Path

from .._core import AsyncCore, SyncCore, new_idempotency_key
from .._errors import DistilleryError
from .._pagination import AsyncPaginator, Page
from ..generated.api.datasets import delete_dataset, get_dataset, list_datasets, upload_dataset
from ..generated.models import Dataset, DatasetUpload


def _upload(file: str | os.PathLike[str] | bytes, name: str | None) -> DatasetUpload:
    """A path is read and names the dataset by default; bytes are the JSONL itself."""
    if isinstance(file, bytes):
        if not name:
            raise ValueError("name is required when uploading bytes")
        return DatasetUpload(file=file.decode("utf-8"), name=name)
    path = Path(file)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DistilleryError(
            f"Cannot read dataset file {os.fspath(file)}: {reason}", code="file_unreadable", param="file"
        ) from error
    # The generator sends the `file` part as text (the schema declares a string), which the API accepts.
    return DatasetUpload(file=text, name=name or path.stem)


class Datasets:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def upload(self, file: str | os.PathLike[str] | bytes, *, name: str | None = None) -> Dataset:
        """Uploads JSONL rows (`{"prompt", "completion"?, "label"?}` or `{"messages"}`); a bad row is a
        BadRequestError whose `param` names its line."""
        return self._core.call(upload_dataset, body=_upload(file, name), idempotency_key=new_idempotency_key())

    def list(self, *, search: str | None = None, page_size: int | None = None) -> Page[Dataset]:
        """The first page of datasets; iterating it yields every dataset. `page_size` is the API's `limit`."""
        return Page(
            lambda offset: self._core.call(list_datasets, offset=offset, search=search, limit=page_size), "datasets"
        )

    def get(self, dataset_id: str) -> Dataset:
        return self._core.call(get_dataset, dataset_id=dataset_id)

    def delete(self, dataset_id: str) -> None:
        self._core.call(delete_dataset, dataset_id=dataset_id)


class AsyncDatasets:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    async def upload(self, file: str | os.PathLike[str] | bytes, *, name: str | None = None) -> Dataset:
        return await self._core.call(
            upload_dataset, body=_upload(file, name), idempotency_key=new_idempotency_key()
        )

    def list(self, *, search: str | None = None, page_size: int | None = None) -> AsyncPaginator[Dataset]:
        return AsyncPaginator(
            lambda offset: self._core.call(list_datasets, offset=offset, search=search, limit=page_size), "datasets"
        )

    async def get(self, dataset_id: str) -> Dataset:
        return await self._core.call(get_dataset, dataset_id=dataset_id)

    async def delete(self, dataset_id: str) -> None:
        await self._core.call(delete_dataset, dataset_id=dataset_id)
