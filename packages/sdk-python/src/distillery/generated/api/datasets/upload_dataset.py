from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dataset import Dataset
from ...models.dataset_upload import DatasetUpload
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DatasetUpload,
    name: str | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["name"] = name

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/datasets",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Dataset | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = Dataset.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

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
) -> Response[Dataset | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DatasetUpload,
    name: str | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Dataset | ErrorResponse]:
    """Upload a dataset

     Uploads a JSONL file: one JSON object a line, either `{"prompt", "completion"?, "label"?}` or
    `{"messages": [{"role", "content"}]}`. Send it as the raw body (`application/x-ndjson`, with the
    `name` query parameter) or as `multipart/form-data` with a `file` part. A bad row is a 400
    whose `param` names its line, e.g. `line 17`; nothing is stored then.

    Args:
        name (str | Unset):
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (DatasetUpload): A multipart dataset upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Dataset | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        tenant_id=tenant_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: DatasetUpload,
    name: str | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Dataset | ErrorResponse | None:
    """Upload a dataset

     Uploads a JSONL file: one JSON object a line, either `{"prompt", "completion"?, "label"?}` or
    `{"messages": [{"role", "content"}]}`. Send it as the raw body (`application/x-ndjson`, with the
    `name` query parameter) or as `multipart/form-data` with a `file` part. A bad row is a 400
    whose `param` names its line, e.g. `line 17`; nothing is stored then.

    Args:
        name (str | Unset):
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (DatasetUpload): A multipart dataset upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Dataset | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        name=name,
        tenant_id=tenant_id,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DatasetUpload,
    name: str | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Dataset | ErrorResponse]:
    """Upload a dataset

     Uploads a JSONL file: one JSON object a line, either `{"prompt", "completion"?, "label"?}` or
    `{"messages": [{"role", "content"}]}`. Send it as the raw body (`application/x-ndjson`, with the
    `name` query parameter) or as `multipart/form-data` with a `file` part. A bad row is a 400
    whose `param` names its line, e.g. `line 17`; nothing is stored then.

    Args:
        name (str | Unset):
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (DatasetUpload): A multipart dataset upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Dataset | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        tenant_id=tenant_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DatasetUpload,
    name: str | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Dataset | ErrorResponse | None:
    """Upload a dataset

     Uploads a JSONL file: one JSON object a line, either `{"prompt", "completion"?, "label"?}` or
    `{"messages": [{"role", "content"}]}`. Send it as the raw body (`application/x-ndjson`, with the
    `name` query parameter) or as `multipart/form-data` with a `file` part. A bad row is a 400
    whose `param` names its line, e.g. `line 17`; nothing is stored then.

    Args:
        name (str | Unset):
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (DatasetUpload): A multipart dataset upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Dataset | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            name=name,
            tenant_id=tenant_id,
            idempotency_key=idempotency_key,
        )
    ).parsed
