from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.artifact_format import ArtifactFormat
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    format_: ArtifactFormat,
    *,
    tenant_id: str | Unset = UNSET,
    range_: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(range_, Unset):
        headers["Range"] = range_

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/distillation/{job_id}/artifacts/{format_}/download".format(
            job_id=quote(str(job_id), safe=""),
            format_=quote(str(format_), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
        return response_200

    if response.status_code == 206:
        response_206 = cast(str, response.content)
        return response_206

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

    if response.status_code == 416:
        response_416 = ErrorResponse.from_dict(response.json())

        return response_416

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
) -> Response[ErrorResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    format_: ArtifactFormat,
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    range_: str | Unset = UNSET,
) -> Response[ErrorResponse | str]:
    """Download an artifact

     Streams the file. Supports HTTP range requests; `x-checksum-sha256` carries the file's sha256.

    Args:
        job_id (str):
        format_ (ArtifactFormat): An exported file's format.
        tenant_id (str | Unset):
        range_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | str]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        format_=format_,
        tenant_id=tenant_id,
        range_=range_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    format_: ArtifactFormat,
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    range_: str | Unset = UNSET,
) -> ErrorResponse | str | None:
    """Download an artifact

     Streams the file. Supports HTTP range requests; `x-checksum-sha256` carries the file's sha256.

    Args:
        job_id (str):
        format_ (ArtifactFormat): An exported file's format.
        tenant_id (str | Unset):
        range_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | str
    """

    return sync_detailed(
        job_id=job_id,
        format_=format_,
        client=client,
        tenant_id=tenant_id,
        range_=range_,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    format_: ArtifactFormat,
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    range_: str | Unset = UNSET,
) -> Response[ErrorResponse | str]:
    """Download an artifact

     Streams the file. Supports HTTP range requests; `x-checksum-sha256` carries the file's sha256.

    Args:
        job_id (str):
        format_ (ArtifactFormat): An exported file's format.
        tenant_id (str | Unset):
        range_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | str]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        format_=format_,
        tenant_id=tenant_id,
        range_=range_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    format_: ArtifactFormat,
    *,
    client: AuthenticatedClient,
    tenant_id: str | Unset = UNSET,
    range_: str | Unset = UNSET,
) -> ErrorResponse | str | None:
    """Download an artifact

     Streams the file. Supports HTTP range requests; `x-checksum-sha256` carries the file's sha256.

    Args:
        job_id (str):
        format_ (ArtifactFormat): An exported file's format.
        tenant_id (str | Unset):
        range_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | str
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            format_=format_,
            client=client,
            tenant_id=tenant_id,
            range_=range_,
        )
    ).parsed
