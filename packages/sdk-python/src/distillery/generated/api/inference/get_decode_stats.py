from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.decode_stats import DecodeStats
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tenant_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats/decode",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DecodeStats | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DecodeStats.from_dict(response.json())

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
) -> Response[DecodeStats | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
) -> Response[DecodeStats | ErrorResponse]:
    """Decode statistics

     Live serving figures: generated tokens per second over the last minute, time to first
    token and inter-token latency percentiles, queue depth and batch sizes, server-wide; and
    per loaded model of the tenant, its decoder's state (sequences decoding and queued, the
    last and largest batch of a decode step, steps and tokens) and memory. Other tenants'
    models are counted in the server-wide figures only.

    Args:
        tenant_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DecodeStats | ErrorResponse]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
) -> DecodeStats | ErrorResponse | None:
    """Decode statistics

     Live serving figures: generated tokens per second over the last minute, time to first
    token and inter-token latency percentiles, queue depth and batch sizes, server-wide; and
    per loaded model of the tenant, its decoder's state (sequences decoding and queued, the
    last and largest batch of a decode step, steps and tokens) and memory. Other tenants'
    models are counted in the server-wide figures only.

    Args:
        tenant_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DecodeStats | ErrorResponse
    """

    return sync_detailed(
        client=client,
        tenant_id=tenant_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
) -> Response[DecodeStats | ErrorResponse]:
    """Decode statistics

     Live serving figures: generated tokens per second over the last minute, time to first
    token and inter-token latency percentiles, queue depth and batch sizes, server-wide; and
    per loaded model of the tenant, its decoder's state (sequences decoding and queued, the
    last and largest batch of a decode step, steps and tokens) and memory. Other tenants'
    models are counted in the server-wide figures only.

    Args:
        tenant_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DecodeStats | ErrorResponse]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
) -> DecodeStats | ErrorResponse | None:
    """Decode statistics

     Live serving figures: generated tokens per second over the last minute, time to first
    token and inter-token latency percentiles, queue depth and batch sizes, server-wide; and
    per loaded model of the tenant, its decoder's state (sequences decoding and queued, the
    last and largest batch of a decode step, steps and tokens) and memory. Other tenants'
    models are counted in the server-wide figures only.

    Args:
        tenant_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DecodeStats | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            tenant_id=tenant_id,
        )
    ).parsed
