"""Python client for the Distillery API.

    from distillery import Distillery
    client = Distillery()  # DISTILLERY_BASE_URL / DISTILLERY_API_KEY, else http://localhost:8000
    job = client.jobs.create(config={"teacher_model": "local/ft-spam-teacher", "student_model": "distillery-micro"})
    job = client.jobs.wait_for_completion(job.id)

Request and response types are the generated models in `distillery.types`.
"""

from . import webhooks
from ._client import AsyncDistillery, Distillery
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ChecksumMismatchError,
    ConflictError,
    DistilleryError,
    InsufficientCreditsError,
    InternalServerError,
    JobCancelledError,
    JobFailedError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WaitTimeoutError,
    WebhookVerificationError,
)
from ._version import __version__
from ._pagination import AsyncPage, AsyncPaginator, Page
from ._streaming import AsyncStream, Stream
from .resources.artifacts import DownloadedArtifact

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncDistillery",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "ChecksumMismatchError",
    "ConflictError",
    "Distillery",
    "DistilleryError",
    "DownloadedArtifact",
    "InsufficientCreditsError",
    "InternalServerError",
    "JobCancelledError",
    "JobFailedError",
    "NotFoundError",
    "Page",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "Stream",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "WebhookVerificationError",
    "__version__",
    "webhooks",
]
