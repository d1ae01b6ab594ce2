"""Artifact downloads that only ever leave a file behind when its sha256 matches the server's."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path
from typing import Self

import httpx

from ._errors import ChecksumMismatchError

CHUNK = 1 << 20


def target_path(destination: str | os.PathLike[str], response: httpx.Response, format_: str) -> Path:
    """`destination` itself, or a file inside it named by Content-Disposition when it is a folder."""
    path = Path(destination)
    if not path.is_dir():
        return path
    disposition = response.headers.get("content-disposition", "")
    match = re.search(r"filename\*=UTF-8''([^;]+)|filename=\"?([^\";]+)\"?", disposition, re.IGNORECASE)
    name = (match.group(1) or match.group(2)) if match else format_
    # basename: a file name from the server must not climb out of the chosen folder.
    return path / os.path.basename(name)


class VerifiedFile:
    """Writes into a temporary file beside the target, hashing as it goes; `commit` renames it into
    place when the hash matches and deletes it otherwise, as does leaving the block without commit."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self._partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
        self._hash = hashlib.sha256()
        self._file = self._partial.open("wb")
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self._hash.update(chunk)
        self._file.write(chunk)
        self.size += len(chunk)

    def commit(self, expected: str, request_id: str | None) -> str:
        self._file.close()
        actual = self._hash.hexdigest()
        if actual != expected.lower():
            raise ChecksumMismatchError(expected, actual, request_id)
        os.replace(self._partial, self.target)
        return actual

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()
        self._partial.unlink(missing_ok=True)
