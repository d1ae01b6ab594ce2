import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.distillation_job_list import DistillationJobList
from ...models.error_response import ErrorResponse
from ...models.job_status import JobStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tenant_id: str | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    params["search"] = search

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/distillation",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DistillationJobList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DistillationJobList.from_dict(response.json())

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
) -> Response[DistillationJobList | ErrorResponse]:
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
    status: JobStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[DistillationJobList | ErrorResponse]:
    """List distillation jobs

     Newest first. Filter by status, creation time or a text search on name and description.

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        since (datetime.datetime | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistillationJobList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        status=status,
        since=since,
        search=search,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> DistillationJobList | ErrorResponse | None:
    """List distillation jobs

     Newest first. Filter by status, creation time or a text search on name and description.

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        since (datetime.datetime | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistillationJobList | ErrorResponse
    """

    return sync_detailed(
        client=client,
        tenant_id=tenant_id,
        status=status,
        since=since,
        search=search,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[DistillationJobList | ErrorResponse]:
    """List distillation jobs

     Newest first. Filter by status, creation time or a text search on name and description.

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        since (datetime.datetime | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistillationJobList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        status=status,
        since=since,
        search=search,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> DistillationJobList | ErrorResponse | None:
    """List distillation jobs

     Newest first. Filter by status, creation time or a text search on name and description.

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        since (datetime.datetime | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistillationJobList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            tenant_id=tenant_id,
            status=status,
            since=since,
            search=search,
            limit=limit,
            offset=offset,
        )
    ).parsed
