from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.model import Model
from ...models.model_import_request import ModelImportRequest
from ...models.model_import_upload import ModelImportUpload
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ModelImportUpload | ModelImportRequest | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/models",
        "params": params,
    }

    if isinstance(body, ModelImportUpload):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, ModelImportRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Model | None:
    if response.status_code == 201:
        response_201 = Model.from_dict(response.json())

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
) -> Response[ErrorResponse | Model]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ModelImportUpload | ModelImportRequest | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | Model]:
    """Import a pretrained model

     Registers a pretrained Llama-family checkpoint so that it can be used wherever a model id is
    (`teacher_model`, `student_model`, `base_model`) as the `id` this answers, `local/mdl_…`.

    * **A Hugging Face folder** as `multipart/form-data`: one `file` part per file, each part's
      filename its path in the folder (`config.json`, `model.safetensors` or the shards with
      `model.safetensors.index.json`, `tokenizer.json`, and optionally `tokenizer_config.json`
      and `generation_config.json`). Safetensors weights are F32, F16 or BF16.
    * **One archive**: a single `file` part holding a tar or tar.gz of that folder (recognised by
      its content, not its name). Members must be plain files or folders with relative paths: an
      absolute path, a `..` component, a link or a device is a 400 naming the member.
    * **A GGUF file**: a single `file` part (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K).
    * **A URL**: `application/json` with `source_url`, fetched by the server. Only hosts that the
      operator lists in `DISTILLERY_IMPORT_HOSTS` may be fetched (none by default); any other is
      a 400 naming `source_url`. The URL must serve a GGUF file or a tar(.gz) archive.

    Anything the server cannot import (a truncated or inconsistent safetensors file, a config
    of another architecture, an unsupported tokenizer, a bad archive member) is a 400
    `invalid_request` whose message names the file and field at fault; a body or download over
    the server's limit (`limits.max_import_bytes` in `GET /v1/config`) is a 413. Either way
    nothing is stored. The call returns once the model is converted and stored.

    Args:
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (ModelImportUpload): A multipart model upload: the files of a Hugging Face folder,
            each part named by its path
            in the folder; or one tar / tar.gz archive of that folder; or one GGUF file.
        body (ModelImportRequest): A model for the server to fetch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Model]
    """

    kwargs = _get_kwargs(
        body=body,
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
    body: ModelImportUpload | ModelImportRequest | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | Model | None:
    """Import a pretrained model

     Registers a pretrained Llama-family checkpoint so that it can be used wherever a model id is
    (`teacher_model`, `student_model`, `base_model`) as the `id` this answers, `local/mdl_…`.

    * **A Hugging Face folder** as `multipart/form-data`: one `file` part per file, each part's
      filename its path in the folder (`config.json`, `model.safetensors` or the shards with
      `model.safetensors.index.json`, `tokenizer.json`, and optionally `tokenizer_config.json`
      and `generation_config.json`). Safetensors weights are F32, F16 or BF16.
    * **One archive**: a single `file` part holding a tar or tar.gz of that folder (recognised by
      its content, not its name). Members must be plain files or folders with relative paths: an
      absolute path, a `..` component, a link or a device is a 400 naming the member.
    * **A GGUF file**: a single `file` part (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K).
    * **A URL**: `application/json` with `source_url`, fetched by the server. Only hosts that the
      operator lists in `DISTILLERY_IMPORT_HOSTS` may be fetched (none by default); any other is
      a 400 naming `source_url`. The URL must serve a GGUF file or a tar(.gz) archive.

    Anything the server cannot import (a truncated or inconsistent safetensors file, a config
    of another architecture, an unsupported tokenizer, a bad archive member) is a 400
    `invalid_request` whose message names the file and field at fault; a body or download over
    the server's limit (`limits.max_import_bytes` in `GET /v1/config`) is a 413. Either way
    nothing is stored. The call returns once the model is converted and stored.

    Args:
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (ModelImportUpload): A multipart model upload: the files of a Hugging Face folder,
            each part named by its path
            in the folder; or one tar / tar.gz archive of that folder; or one GGUF file.
        body (ModelImportRequest): A model for the server to fetch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Model
    """

    return sync_detailed(
        client=client,
        body=body,
        tenant_id=tenant_id,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ModelImportUpload | ModelImportRequest | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | Model]:
    """Import a pretrained model

     Registers a pretrained Llama-family checkpoint so that it can be used wherever a model id is
    (`teacher_model`, `student_model`, `base_model`) as the `id` this answers, `local/mdl_…`.

    * **A Hugging Face folder** as `multipart/form-data`: one `file` part per file, each part's
      filename its path in the folder (`config.json`, `model.safetensors` or the shards with
      `model.safetensors.index.json`, `tokenizer.json`, and optionally `tokenizer_config.json`
      and `generation_config.json`). Safetensors weights are F32, F16 or BF16.
    * **One archive**: a single `file` part holding a tar or tar.gz of that folder (recognised by
      its content, not its name). Members must be plain files or folders with relative paths: an
      absolute path, a `..` component, a link or a device is a 400 naming the member.
    * **A GGUF file**: a single `file` part (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K).
    * **A URL**: `application/json` with `source_url`, fetched by the server. Only hosts that the
      operator lists in `DISTILLERY_IMPORT_HOSTS` may be fetched (none by default); any other is
      a 400 naming `source_url`. The URL must serve a GGUF file or a tar(.gz) archive.

    Anything the server cannot import (a truncated or inconsistent safetensors file, a config
    of another architecture, an unsupported tokenizer, a bad archive member) is a 400
    `invalid_request` whose message names the file and field at fault; a body or download over
    the server's limit (`limits.max_import_bytes` in `GET /v1/config`) is a 413. Either way
    nothing is stored. The call returns once the model is converted and stored.

    Args:
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (ModelImportUpload): A multipart model upload: the files of a Hugging Face folder,
            each part named by its path
            in the folder; or one tar / tar.gz archive of that folder; or one GGUF file.
        body (ModelImportRequest): A model for the server to fetch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Model]
    """

    kwargs = _get_kwargs(
        body=body,
        tenant_id=tenant_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ModelImportUpload | ModelImportRequest | Unset = UNSET,
    tenant_id: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | Model | None:
    """Import a pretrained model

     Registers a pretrained Llama-family checkpoint so that it can be used wherever a model id is
    (`teacher_model`, `student_model`, `base_model`) as the `id` this answers, `local/mdl_…`.

    * **A Hugging Face folder** as `multipart/form-data`: one `file` part per file, each part's
      filename its path in the folder (`config.json`, `model.safetensors` or the shards with
      `model.safetensors.index.json`, `tokenizer.json`, and optionally `tokenizer_config.json`
      and `generation_config.json`). Safetensors weights are F32, F16 or BF16.
    * **One archive**: a single `file` part holding a tar or tar.gz of that folder (recognised by
      its content, not its name). Members must be plain files or folders with relative paths: an
      absolute path, a `..` component, a link or a device is a 400 naming the member.
    * **A GGUF file**: a single `file` part (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K).
    * **A URL**: `application/json` with `source_url`, fetched by the server. Only hosts that the
      operator lists in `DISTILLERY_IMPORT_HOSTS` may be fetched (none by default); any other is
      a 400 naming `source_url`. The URL must serve a GGUF file or a tar(.gz) archive.

    Anything the server cannot import (a truncated or inconsistent safetensors file, a config
    of another architecture, an unsupported tokenizer, a bad archive member) is a 400
    `invalid_request` whose message names the file and field at fault; a body or download over
    the server's limit (`limits.max_import_bytes` in `GET /v1/config`) is a 413. Either way
    nothing is stored. The call returns once the model is converted and stored.

    Args:
        tenant_id (str | Unset):
        idempotency_key (str | Unset):
        body (ModelImportUpload): A multipart model upload: the files of a Hugging Face folder,
            each part named by its path
            in the folder; or one tar / tar.gz archive of that folder; or one GGUF file.
        body (ModelImportRequest): A model for the server to fetch.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Model
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            tenant_id=tenant_id,
            idempotency_key=idempotency_key,
        )
    ).parsed
