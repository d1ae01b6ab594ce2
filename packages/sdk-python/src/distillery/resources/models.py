"""Models held by the server: `client.models`."""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Union

from .._core import AsyncCore, SyncCore, new_idempotency_key
from .._errors import DistilleryError
from .._pagination import AsyncPaginator, Page
from ..generated.api.models import delete_model, get_model, list_models
from ..generated.models import Model

#: What a file of an import may be: its bytes, a binary file object, or a path to read.
FileContent = Union[bytes, IO[bytes], str, "os.PathLike[str]"]

#: An import waits for the upload and the conversion: an hour for the answer.
IMPORT_READ_TIMEOUT = 3600.0

_EXTENSION = re.compile(r"(\.tar\.gz|\.tgz|\.tar|\.gguf)$", re.IGNORECASE)


def _name_of(path: str) -> str | None:
    return _EXTENSION.sub("", os.path.basename(path.rstrip("/\\"))) or None


def _unreadable(path: Any, error: OSError | str) -> DistilleryError:
    reason = error if isinstance(error, str) else (error.strerror or str(error))
    return DistilleryError(f"Cannot read model {os.fspath(path)}: {reason}", code="file_unreadable", param="path")


def _open(path: Path, stack: contextlib.ExitStack) -> IO[bytes]:
    try:
        return stack.enter_context(path.open("rb"))
    except OSError as error:
        raise _unreadable(path, error) from error


def _folder_parts(path: Path, stack: contextlib.ExitStack) -> list[tuple[str, IO[bytes]]]:
    """A folder's files by their paths in it (hidden ones left out), or one file by its name."""
    try:
        if path.is_file():
            return [(path.name, _open(path, stack))]
        if not path.is_dir():
            raise _unreadable(path, "no such file or folder")
        parts = []
        for file in sorted(path.rglob("*")):
            relative = file.relative_to(path)
            if any(part.startswith(".") for part in relative.parts) or not file.is_file():
                continue
            parts.append((relative.as_posix(), _open(file, stack)))
    except OSError as error:
        raise _unreadable(path, error) from error
    if not parts:
        raise _unreadable(path, "the folder has no files")
    return parts


def _content(content: FileContent, stack: contextlib.ExitStack) -> IO[bytes]:
    if isinstance(content, bytes):
        return io.BytesIO(content)
    if isinstance(content, (str, os.PathLike)):
        return _open(Path(content), stack)
    return content


def _request(
    path: str | os.PathLike[str] | None,
    files: Mapping[str, FileContent] | None,
    archive: bytes | IO[bytes] | None,
    source_url: str | None,
    name: str | None,
    stack: contextlib.ExitStack,
) -> dict[str, Any]:
    """The keyword arguments of the POST: JSON for `source_url`, else one multipart `file` part per file."""
    sources = {"path": path, "files": files, "archive": archive, "source_url": source_url}
    given = [key for key, value in sources.items() if value is not None]
    if len(given) != 1:
        message = (
            f"models.import_ takes one of path, files, archive or source_url, got {' and '.join(given)}"
            if given
            else "models.import_ needs path, files, archive or source_url"
        )
        raise DistilleryError(message, param=given[1] if len(given) > 1 else "path")
    headers = {"Idempotency-Key": new_idempotency_key()}
    if source_url is not None:
        return {"json": {"source_url": source_url, **({"name": name} if name else {})}, "headers": headers}
    if path is not None:
        parts = _folder_parts(Path(path), stack)
        name = name or _name_of(os.fspath(path))
    elif archive is not None:
        filename = os.path.basename(str(getattr(archive, "name", "") or "model"))
        parts = [(filename, _content(archive, stack))]
        name = name or (_name_of(filename) if filename != "model" else None)
    else:
        parts = [(rel, _content(content, stack)) for rel, content in (files or {}).items()]
        if not parts:
            raise DistilleryError("models.import_: files is empty", param="files")
    return {
        "files": [("file", (rel, handle, "application/octet-stream")) for rel, handle in parts],
        "data": {"name": name} if name else {},
        "headers": headers,
    }


def _timeout(core: SyncCore | AsyncCore) -> Any:
    import httpx

    client = core.client.get_httpx_client() if isinstance(core, SyncCore) else core.client.get_async_httpx_client()
    base = client.timeout
    return httpx.Timeout(base.connect, read=max(base.read or 0, IMPORT_READ_TIMEOUT), write=base.write, pool=base.pool)


class Models:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def list(self) -> Page[Model]:
        """Presets, teacher endpoints, fine-tuned, distilled and imported models as one `Page` (the API
        does not paginate it); `items` is the OpenAI-style `data`, which stays readable on the page."""
        return Page(lambda _offset: self._core.call(list_models), "data")

    def get(self, model_id: str) -> Model:
        """`model_id` as listed, provider prefix included (`local/ft-spam-teacher`)."""
        return self._core.call(get_model, model_id=model_id)

    def import_(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        files: Mapping[str, FileContent] | None = None,
        archive: bytes | IO[bytes] | None = None,
        source_url: str | None = None,
        name: str | None = None,
    ) -> Model:
        """Imports a pretrained Llama-family checkpoint; the model's `id` (`local/mdl_…`) then names it as a
        teacher, student or base model. Exactly one of: `path` (a Hugging Face folder, a `.gguf`, a
        `.tar` / `.tar.gz`), `files` (paths in the folder → bytes, binary files or paths), `archive` (one
        tar, tar.gz or GGUF as bytes or a binary file) or `source_url` (fetched by the server from a host
        its operator allows). A checkpoint the server cannot import is a BadRequestError whose message
        names the file and field; files are streamed from disk and closed afterwards."""
        with contextlib.ExitStack() as stack:
            kwargs = _request(path, files, archive, source_url, name, stack)
            response = self._core.request("POST", "/v1/models", timeout=_timeout(self._core), **kwargs)
            return Model.from_dict(response.json())

    def delete(self, model_id: str) -> None:
        """Deletes an imported, fine-tuned or distilled model of the tenant (not a preset)."""
        self._core.call(delete_model, model_id=model_id)


class AsyncModels:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    def list(self) -> AsyncPaginator[Model]:
        return AsyncPaginator(lambda _offset: self._core.call(list_models), "data")

    async def get(self, model_id: str) -> Model:
        return await self._core.call(get_model, model_id=model_id)

    async def import_(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        files: Mapping[str, FileContent] | None = None,
        archive: bytes | IO[bytes] | None = None,
        source_url: str | None = None,
        name: str | None = None,
    ) -> Model:
        with contextlib.ExitStack() as stack:
            kwargs = _request(path, files, archive, source_url, name, stack)
            response = await self._core.request("POST", "/v1/models", timeout=_timeout(self._core), **kwargs)
            return Model.from_dict(response.json())

    async def delete(self, model_id: str) -> None:
        await self._core.call(delete_model, model_id=model_id)
