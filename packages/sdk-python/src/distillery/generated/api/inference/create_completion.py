from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.completion import Completion
from ...models.completion_request import CompletionRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/completions",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Completion | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = Completion.from_dict(response.json())

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
) -> Response[Completion | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> Response[Completion | ErrorResponse]:
    """Create a completion

     OpenAI-compatible (legacy) text completions: the prompt is continued as it is, with no chat
    template. `prompt` is a string, an array of strings (a choice each, `index` in order), an
    array of token ids or an array of such arrays. A string is encoded as the model's tokenizer
    does with its special tokens (a model trained here: its `bos`, then the text). Streaming,
    batching, limits and errors as `POST /v1/chat/completions`; `logprobs` (0 to 5) answers the
    legacy `logprobs` object.

    Args:
        tenant_id (str | Unset):
        body (CompletionRequest): OpenAI's (legacy) completion request, the fields this server
            implements; any other is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Completion | ErrorResponse]
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
    body: CompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> Completion | ErrorResponse | None:
    """Create a completion

     OpenAI-compatible (legacy) text completions: the prompt is continued as it is, with no chat
    template. `prompt` is a string, an array of strings (a choice each, `index` in order), an
    array of token ids or an array of such arrays. A string is encoded as the model's tokenizer
    does with its special tokens (a model trained here: its `bos`, then the text). Streaming,
    batching, limits and errors as `POST /v1/chat/completions`; `logprobs` (0 to 5) answers the
    legacy `logprobs` object.

    Args:
        tenant_id (str | Unset):
        body (CompletionRequest): OpenAI's (legacy) completion request, the fields this server
            implements; any other is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Completion | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        tenant_id=tenant_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> Response[Completion | ErrorResponse]:
    """Create a completion

     OpenAI-compatible (legacy) text completions: the prompt is continued as it is, with no chat
    template. `prompt` is a string, an array of strings (a choice each, `index` in order), an
    array of token ids or an array of such arrays. A string is encoded as the model's tokenizer
    does with its special tokens (a model trained here: its `bos`, then the text). Streaming,
    batching, limits and errors as `POST /v1/chat/completions`; `logprobs` (0 to 5) answers the
    legacy `logprobs` object.

    Args:
        tenant_id (str | Unset):
        body (CompletionRequest): OpenAI's (legacy) completion request, the fields this server
            implements; any other is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Completion | ErrorResponse]
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
    body: CompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> Completion | ErrorResponse | None:
    """Create a completion

     OpenAI-compatible (legacy) text completions: the prompt is continued as it is, with no chat
    template. `prompt` is a string, an array of strings (a choice each, `index` in order), an
    array of token ids or an array of such arrays. A string is encoded as the model's tokenizer
    does with its special tokens (a model trained here: its `bos`, then the text). Streaming,
    batching, limits and errors as `POST /v1/chat/completions`; `logprobs` (0 to 5) answers the
    legacy `logprobs` object.

    Args:
        tenant_id (str | Unset):
        body (CompletionRequest): OpenAI's (legacy) completion request, the fields this server
            implements; any other is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Completion | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            tenant_id=tenant_id,
        )
    ).parsed
