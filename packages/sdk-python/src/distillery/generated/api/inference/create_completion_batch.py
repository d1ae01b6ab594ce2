from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.completion_batch import CompletionBatch
from ...models.completion_batch_request import CompletionBatchRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CompletionBatchRequest,
    tenant_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/completions/batch",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CompletionBatch | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CompletionBatch.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = ErrorResponse.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CompletionBatch | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CompletionBatchRequest,
    tenant_id: str | Unset = UNSET,
) -> Response[CompletionBatch | ErrorResponse]:
    """Complete many prompts at once

     Reference 004's batch generation for rollouts: every prompt (`n` completions each) is queued
    at once and decoded in shared batches; the answer is OpenAI's choices payload with each
    choice's `prompt_index`, choices in prompt order (`index` = `prompt_index` × `n` + k). With
    a `seed`, completion k of every prompt is sampled with seed + k, so a batch is repeatable.
    The prompts are continued as `POST /v1/completions` continues a string.

    Args:
        tenant_id (str | Unset):
        body (CompletionBatchRequest): Reference 004's batch request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompletionBatch | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        tenant_id=tenant_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CompletionBatchRequest,
    tenant_id: str | Unset = UNSET,
) -> CompletionBatch | ErrorResponse | None:
    """Complete many prompts at once

     Reference 004's batch generation for rollouts: every prompt (`n` completions each) is queued
    at once and decoded in shared batches; the answer is OpenAI's choices payload with each
    choice's `prompt_index`, choices in prompt order (`index` = `prompt_index` × `n` + k). With
    a `seed`, completion k of every prompt is sampled with seed + k, so a batch is repeatable.
    The prompts are continued as `POST /v1/completions` continues a string.

    Args:
        tenant_id (str | Unset):
        body (CompletionBatchRequest): Reference 004's batch request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompletionBatch | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        tenant_id=tenant_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CompletionBatchRequest,
    tenant_id: str | Unset = UNSET,
) -> Response[CompletionBatch | ErrorResponse]:
    """Complete many prompts at once

     Reference 004's batch generation for rollouts: every prompt (`n` completions each) is queued
    at once and decoded in shared batches; the answer is OpenAI's choices payload with each
    choice's `prompt_index`, choices in prompt order (`index` = `prompt_index` × `n` + k). With
    a `seed`, completion k of every prompt is sampled with seed + k, so a batch is repeatable.
    The prompts are continued as `POST /v1/completions` continues a string.

    Args:
        tenant_id (str | Unset):
        body (CompletionBatchRequest): Reference 004's batch request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompletionBatch | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        tenant_id=tenant_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CompletionBatchRequest,
    tenant_id: str | Unset = UNSET,
) -> CompletionBatch | ErrorResponse | None:
    """Complete many prompts at once

     Reference 004's batch generation for rollouts: every prompt (`n` completions each) is queued
    at once and decoded in shared batches; the answer is OpenAI's choices payload with each
    choice's `prompt_index`, choices in prompt order (`index` = `prompt_index` × `n` + k). With
    a `seed`, completion k of every prompt is sampled with seed + k, so a batch is repeatable.
    The prompts are continued as `POST /v1/completions` continues a string.

    Args:
        tenant_id (str | Unset):
        body (CompletionBatchRequest): Reference 004's batch request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompletionBatch | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            tenant_id=tenant_id,
        )
    ).parsed
