from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.recent_request_list import RecentRequestList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tenant_id: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats/recent-requests",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RecentRequestList | None:
    if response.status_code == 200:
        response_200 = RecentRequestList.from_dict(response.json())

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
) -> Response[ErrorResponse | RecentRequestList]:
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
    limit: int | Unset = 50,
) -> Response[ErrorResponse | RecentRequestList]:
    """Recent inference requests

     The tenant's latest inference requests, newest first, from a bounded in-memory ring (the
    last 256 of the server; a restart empties it): what was asked of which model, how it
    ended, its token counts and timings. Prompts and completions are not kept.

    Args:
        tenant_id (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RecentRequestList]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ErrorResponse | RecentRequestList | None:
    """Recent inference requests

     The tenant's latest inference requests, newest first, from a bounded in-memory ring (the
    last 256 of the server; a restart empties it): what was asked of which model, how it
    ended, its token counts and timings. Prompts and completions are not kept.

    Args:
        tenant_id (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RecentRequestList
    """

    return sync_detailed(
        client=client,
        tenant_id=tenant_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ErrorResponse | RecentRequestList]:
    """Recent inference requests

     The tenant's latest inference requests, newest first, from a bounded in-memory ring (the
    last 256 of the server; a restart empties it): what was asked of which model, how it
    ended, its token counts and timings. Prompts and completions are not kept.

    Args:
        tenant_id (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RecentRequestList]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ErrorResponse | RecentRequestList | None:
    """Recent inference requests

     The tenant's latest inference requests, newest first, from a bounded in-memory ring (the
    last 256 of the server; a restart empties it): what was asked of which model, how it
    ended, its token counts and timings. Prompts and completions are not kept.

    Args:
        tenant_id (str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RecentRequestList
    """

    return (
        await asyncio_detailed(
            client=client,
            tenant_id=tenant_id,
            limit=limit,
        )
    ).parsed
