from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.fine_tuning_job_list import FineTuningJobList
from ...models.job_status import JobStatus
from ...models.list_fine_tuning_jobs_sort import ListFineTuningJobsSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tenant_id: str | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    base_model: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: ListFineTuningJobsSort | Unset = ListFineTuningJobsSort.CREATED_ATDESC,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["base_model"] = base_model

    params["search"] = search

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/fine-tuning/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FineTuningJobList | None:
    if response.status_code == 200:
        response_200 = FineTuningJobList.from_dict(response.json())

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
) -> Response[ErrorResponse | FineTuningJobList]:
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
    base_model: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: ListFineTuningJobsSort | Unset = ListFineTuningJobsSort.CREATED_ATDESC,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[ErrorResponse | FineTuningJobList]:
    """List fine-tuning jobs

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        base_model (str | Unset):
        search (str | Unset):
        sort (ListFineTuningJobsSort | Unset):  Default: ListFineTuningJobsSort.CREATED_ATDESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FineTuningJobList]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        status=status,
        base_model=base_model,
        search=search,
        sort=sort,
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
    base_model: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: ListFineTuningJobsSort | Unset = ListFineTuningJobsSort.CREATED_ATDESC,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> ErrorResponse | FineTuningJobList | None:
    """List fine-tuning jobs

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        base_model (str | Unset):
        search (str | Unset):
        sort (ListFineTuningJobsSort | Unset):  Default: ListFineTuningJobsSort.CREATED_ATDESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FineTuningJobList
    """

    return sync_detailed(
        client=client,
        tenant_id=tenant_id,
        status=status,
        base_model=base_model,
        search=search,
        sort=sort,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    status: JobStatus | Unset = UNSET,
    base_model: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: ListFineTuningJobsSort | Unset = ListFineTuningJobsSort.CREATED_ATDESC,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[ErrorResponse | FineTuningJobList]:
    """List fine-tuning jobs

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        base_model (str | Unset):
        search (str | Unset):
        sort (ListFineTuningJobsSort | Unset):  Default: ListFineTuningJobsSort.CREATED_ATDESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FineTuningJobList]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        status=status,
        base_model=base_model,
        search=search,
        sort=sort,
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
    base_model: str | Unset = UNSET,
    search: str | Unset = UNSET,
    sort: ListFineTuningJobsSort | Unset = ListFineTuningJobsSort.CREATED_ATDESC,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> ErrorResponse | FineTuningJobList | None:
    """List fine-tuning jobs

    Args:
        tenant_id (str | Unset):
        status (JobStatus | Unset): `pending` → `running` → `completed` | `failed` | `cancelled`.
            `training` is a legacy alias of
            `running` from the reference API: accepted as a filter, never returned by this server.
        base_model (str | Unset):
        search (str | Unset):
        sort (ListFineTuningJobsSort | Unset):  Default: ListFineTuningJobsSort.CREATED_ATDESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FineTuningJobList
    """

    return (
        await asyncio_detailed(
            client=client,
            tenant_id=tenant_id,
            status=status,
            base_model=base_model,
            search=search,
            sort=sort,
            limit=limit,
            offset=offset,
        )
    ).parsed
