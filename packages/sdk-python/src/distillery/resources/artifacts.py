"""A distillation job's exported files: `client.artifacts`."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .._core import AsyncCore, SyncCore, connection_errors
from .._download import CHUNK, VerifiedFile, target_path
from .._errors import DistilleryError
from .._pagination import AsyncPage, AsyncPaginator, Page
from ..generated.api.distillation import download_distillation_artifact, list_distillation_artifacts
from ..generated.models import Artifact, ArtifactFormat


@dataclass(frozen=True)
class DownloadedArtifact:
    """An artifact saved to disk after its sha256 matched."""

    path: str
    size_bytes: int
    checksum_sha256: str
    request_id: str | None


def _checksum_of(artifacts: Page[Artifact] | AsyncPage[Artifact], format_: ArtifactFormat) -> str:
    for artifact in artifacts.items:
        if artifact.format_ == format_:
            return artifact.checksum_sha256
    raise DistilleryError(f"The server reported no sha256 for the {format_} artifact", code="checksum_missing")


class Artifacts:
    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def list(self, job_id: str) -> Page[Artifact]:
        """The job's artifacts (format, size, sha256, download URL) as one `Page`; the API's other
        fields (`gguf_paths`, `adapter_path`, `artifacts`…) stay readable on it."""
        return Page(lambda _offset: self._core.call(list_distillation_artifacts, job_id=job_id), "artifacts")

    def download(
        self, job_id: str, format: str | ArtifactFormat, path: str | os.PathLike[str]
    ) -> DownloadedArtifact:
        """Streams the artifact to `path` (a file, or a folder to put it in under the server's file name)
        and checks its sha256 against the download's `x-checksum-sha256`, or, when the server sends none,
        the artifact's `checksum_sha256` from `list`. On a mismatch it raises ChecksumMismatchError and
        leaves nothing behind: the bytes go to a temporary file renamed into place once verified."""
        format_ = ArtifactFormat(format)
        request = download_distillation_artifact._get_kwargs(job_id, format_)
        http = self._core.client.get_httpx_client()
        with connection_errors(), http.stream(**request) as response:
            expected = response.headers.get("x-checksum-sha256") or _checksum_of(self.list(job_id), format_)
            request_id = response.headers.get("x-request-id")
            with VerifiedFile(target_path(path, response, format_.value)) as file:
                for chunk in response.iter_bytes(CHUNK):
                    file.write(chunk)
                checksum = file.commit(expected, request_id)
        return DownloadedArtifact(str(file.target), file.size, checksum, request_id)


class AsyncArtifacts:
    def __init__(self, core: AsyncCore) -> None:
        self._core = core

    def list(self, job_id: str) -> AsyncPaginator[Artifact]:
        return AsyncPaginator(lambda _offset: self._core.call(list_distillation_artifacts, job_id=job_id), "artifacts")

    async def download(
        self, job_id: str, format: str | ArtifactFormat, path: str | os.PathLike[str]
    ) -> DownloadedArtifact:
        format_ = ArtifactFormat(format)
        request = download_distillation_artifact._get_kwargs(job_id, format_)
        http = self._core.client.get_async_httpx_client()
        with connection_errors():
            async with http.stream(**request) as response:
                expected = response.headers.get("x-checksum-sha256") or _checksum_of(
                    await self.list(job_id), format_
                )
                request_id = response.headers.get("x-request-id")
                with VerifiedFile(target_path(path, response, format_.value)) as file:
                    async for chunk in response.aiter_bytes(CHUNK):
                        file.write(chunk)
                    checksum = file.commit(expected, request_id)
        return DownloadedArtifact(str(file.target), file.size, checksum, request_id)
