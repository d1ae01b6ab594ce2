"""Every exception this SDK raises, named as in the TypeScript SDK so that the three SDKs read alike."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


class DistilleryError(Exception):
    """Base of every error this SDK raises: ``except distillery.DistilleryError``."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        param: str | None = None,
        request_id: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: HTTP status, when the error came from a response.
        self.status = status
        #: Machine-readable code from the error envelope, e.g. ``invalid_config``.
        self.code = code
        #: The field, parameter or header at fault, e.g. ``config.bond_beta`` or ``line 17``.
        self.param = param
        #: The response's ``x-request-id``: quote it when reporting a problem.
        self.request_id = request_id
        self.details = dict(details) if details else None


class APIError(DistilleryError):
    """The server answered with a 4xx or 5xx. Subclasses name the status family."""

    status: int

    def __init__(
        self, message: str, *, status: int, headers: Mapping[str, str], type: str | None = None, **fields: Any
    ) -> None:
        super().__init__(message, status=status, **fields)
        #: Response headers, e.g. ``RateLimit-Remaining``.
        self.headers = headers
        #: OpenAI's error type for the status (``invalid_request_error``, ``not_found_error``…), when sent.
        self.type = type


class BadRequestError(APIError): ...


class AuthenticationError(APIError): ...


class InsufficientCreditsError(APIError): ...


class PermissionDeniedError(APIError): ...


class NotFoundError(APIError): ...


class ConflictError(APIError): ...


class PayloadTooLargeError(APIError): ...


class UnprocessableEntityError(APIError): ...


class RateLimitError(APIError): ...


class InternalServerError(APIError): ...


class APIConnectionError(DistilleryError):
    """The request never got a response (DNS, refused connection, reset socket), even after retries."""


class APITimeoutError(APIConnectionError):
    """No response within the client's timeout, even after retries."""


class JobFailedError(DistilleryError):
    """A job waited on ended ``failed``; ``code`` and the message come from ``job.error``."""

    def __init__(self, job: Any) -> None:
        # Generated models mark absent fields with a falsy Unset sentinel, so `or` covers absent and null.
        error = job.error or None
        reason = f"{error.code}: {error.message}" if error else "no error reported"
        phase = (error.phase if error else None) or job.phase
        super().__init__(
            f"Job {job.id} failed in phase {_value(phase)} ({reason})",
            code=error.code if error else None,
        )
        self.job = job


class JobCancelledError(DistilleryError):
    """A job waited on ended ``cancelled``."""

    def __init__(self, job: Any) -> None:
        super().__init__(f"Job {job.id} was cancelled in phase {_value(job.phase)}", code="job_cancelled")
        self.job = job


class WaitTimeoutError(DistilleryError, TimeoutError):
    """``wait_for_completion`` ran past its ``timeout``; ``job`` is the last state seen."""

    def __init__(self, job: Any, timeout: float) -> None:
        super().__init__(
            f"Job {job.id} is still {_value(job.status)} ({_value(job.phase)}) after {timeout:g} s",
            code="wait_timeout",
        )
        self.job = job
        self.timeout = timeout


class ChecksumMismatchError(DistilleryError):
    """A downloaded artifact's sha256 differs from the server's; nothing was written."""

    def __init__(self, expected: str, actual: str, request_id: str | None) -> None:
        super().__init__(
            f"Artifact checksum mismatch: expected sha256 {expected}, got {actual}",
            code="checksum_mismatch",
            request_id=request_id,
        )
        self.expected = expected
        self.actual = actual


class WebhookVerificationError(DistilleryError):
    """A webhook's signature, timestamp or headers did not verify."""


_CLASS_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_from_response(status: int, headers: Mapping[str, str], content: bytes) -> APIError:
    """The typed error for a 4xx/5xx from its ``{"error": {...}}`` envelope, tolerating any other body."""
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    envelope = body.get("error") if isinstance(body, dict) else None
    if not isinstance(envelope, dict):
        envelope = {}
    text = content.decode("utf-8", "replace").strip()[:500]
    message = envelope.get("message") or text or f"HTTP {status}"
    cls = InternalServerError if status >= 500 else _CLASS_BY_STATUS.get(status, APIError)
    return cls(
        f"{status} {message}",
        status=status,
        headers=headers,
        code=envelope.get("code"),
        param=envelope.get("param"),
        details=envelope.get("details"),
        request_id=envelope.get("request_id") or headers.get("x-request-id"),
        type=envelope.get("type"),
    )


def _value(member: Any) -> str:
    return str(getattr(member, "value", member))
