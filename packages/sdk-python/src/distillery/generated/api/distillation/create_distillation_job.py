from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_distillation_job_request import CreateDistillationJobRequest
from ...models.distillation_job import DistillationJob
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateDistillationJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/distillation",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DistillationJob | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = DistillationJob.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DistillationJob | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateDistillationJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[DistillationJob | ErrorResponse]:
    """Create a distillation job

     Creates a distillation job and queues it. Returns at once with `status: pending` and
    `phase: initializing`; the engine runs the job asynchronously. Defaults are filled into
    `config` in the response.

    Args:
        idempotency_key (str | Unset):
        body (CreateDistillationJobRequest): A distillation job to create.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistillationJob | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateDistillationJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> DistillationJob | ErrorResponse | None:
    """Create a distillation job

     Creates a distillation job and queues it. Returns at once with `status: pending` and
    `phase: initializing`; the engine runs the job asynchronously. Defaults are filled into
    `config` in the response.

    Args:
        idempotency_key (str | Unset):
        body (CreateDistillationJobRequest): A distillation job to create.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistillationJob | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateDistillationJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[DistillationJob | ErrorResponse]:
    """Create a distillation job

     Creates a distillation job and queues it. Returns at once with `status: pending` and
    `phase: initializing`; the engine runs the job asynchronously. Defaults are filled into
    `config` in the response.

    Args:
        idempotency_key (str | Unset):
        body (CreateDistillationJobRequest): A distillation job to create.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistillationJob | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateDistillationJobRequest,
    idempotency_key: str | Unset = UNSET,
) -> DistillationJob | ErrorResponse | None:
    """Create a distillation job

     Creates a distillation job and queues it. Returns at once with `status: pending` and
    `phase: initializing`; the engine runs the job asynchronously. Defaults are filled into
    `config` in the response.

    Args:
        idempotency_key (str | Unset):
        body (CreateDistillationJobRequest): A distillation job to create.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistillationJob | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
