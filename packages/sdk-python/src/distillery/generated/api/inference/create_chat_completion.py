from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_completion import ChatCompletion
from ...models.chat_completion_request import ChatCompletionRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ChatCompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["tenant_id"] = tenant_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/chat/completions",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChatCompletion | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ChatCompletion.from_dict(response.json())

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
) -> Response[ChatCompletion | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> Response[ChatCompletion | ErrorResponse]:
    """Create a chat completion

     OpenAI-compatible chat completions from a model of the tenant (the `openai` clients work
    unchanged with their base URL at this server's `/v1` and a key with the `inference` scope).
    The conversation is rendered with the model's own `chat_template` when it has one (Jinja,
    as transformers renders it with `add_generation_prompt`), else with the engine's default:
    `bos`, the turns one per line (a user turn as it is, any other as `role: content`), `sep`,
    the layout that models fine-tuned here on `{messages}` rows were trained on.

    Concurrent requests for one model are decoded together, one batch per decode step
    (continuous batching); a client that disconnects frees its place at once. With
    `stream: true` the answer is Server-Sent Events of `chat.completion.chunk` objects ending
    with `data: [DONE]`; with `stream_options.include_usage` a last chunk before `[DONE]` has
    empty `choices` and the `usage`. An error after the stream started arrives as one event
    `data: {"error": {…}}` before the stream ends.

    `model` is any servable model id the tenant sees in `GET /v1/models` (fine-tuned, distilled
    and imported models, `local/…`); a preset has no weights and is a 400 naming `model`, an id
    the tenant does not have (another tenant's included) a 404. Without `model`, the server's
    `DISTILLERY_SERVING_DEFAULT_MODEL`, else the tenant's only servable model, is used.
    A prompt longer than the model's context is a 400 naming `messages`; generation stops at
    the context (`finish_reason: length`). Any field this server does not implement is a 400
    naming it.

    Args:
        tenant_id (str | Unset):
        body (ChatCompletionRequest): OpenAI's chat completion request, the fields this server
            implements. `null` is the same as
            leaving a field out. Any other field is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletion | ErrorResponse]
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
    body: ChatCompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> ChatCompletion | ErrorResponse | None:
    """Create a chat completion

     OpenAI-compatible chat completions from a model of the tenant (the `openai` clients work
    unchanged with their base URL at this server's `/v1` and a key with the `inference` scope).
    The conversation is rendered with the model's own `chat_template` when it has one (Jinja,
    as transformers renders it with `add_generation_prompt`), else with the engine's default:
    `bos`, the turns one per line (a user turn as it is, any other as `role: content`), `sep`,
    the layout that models fine-tuned here on `{messages}` rows were trained on.

    Concurrent requests for one model are decoded together, one batch per decode step
    (continuous batching); a client that disconnects frees its place at once. With
    `stream: true` the answer is Server-Sent Events of `chat.completion.chunk` objects ending
    with `data: [DONE]`; with `stream_options.include_usage` a last chunk before `[DONE]` has
    empty `choices` and the `usage`. An error after the stream started arrives as one event
    `data: {"error": {…}}` before the stream ends.

    `model` is any servable model id the tenant sees in `GET /v1/models` (fine-tuned, distilled
    and imported models, `local/…`); a preset has no weights and is a 400 naming `model`, an id
    the tenant does not have (another tenant's included) a 404. Without `model`, the server's
    `DISTILLERY_SERVING_DEFAULT_MODEL`, else the tenant's only servable model, is used.
    A prompt longer than the model's context is a 400 naming `messages`; generation stops at
    the context (`finish_reason: length`). Any field this server does not implement is a 400
    naming it.

    Args:
        tenant_id (str | Unset):
        body (ChatCompletionRequest): OpenAI's chat completion request, the fields this server
            implements. `null` is the same as
            leaving a field out. Any other field is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletion | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        tenant_id=tenant_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChatCompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> Response[ChatCompletion | ErrorResponse]:
    """Create a chat completion

     OpenAI-compatible chat completions from a model of the tenant (the `openai` clients work
    unchanged with their base URL at this server's `/v1` and a key with the `inference` scope).
    The conversation is rendered with the model's own `chat_template` when it has one (Jinja,
    as transformers renders it with `add_generation_prompt`), else with the engine's default:
    `bos`, the turns one per line (a user turn as it is, any other as `role: content`), `sep`,
    the layout that models fine-tuned here on `{messages}` rows were trained on.

    Concurrent requests for one model are decoded together, one batch per decode step
    (continuous batching); a client that disconnects frees its place at once. With
    `stream: true` the answer is Server-Sent Events of `chat.completion.chunk` objects ending
    with `data: [DONE]`; with `stream_options.include_usage` a last chunk before `[DONE]` has
    empty `choices` and the `usage`. An error after the stream started arrives as one event
    `data: {"error": {…}}` before the stream ends.

    `model` is any servable model id the tenant sees in `GET /v1/models` (fine-tuned, distilled
    and imported models, `local/…`); a preset has no weights and is a 400 naming `model`, an id
    the tenant does not have (another tenant's included) a 404. Without `model`, the server's
    `DISTILLERY_SERVING_DEFAULT_MODEL`, else the tenant's only servable model, is used.
    A prompt longer than the model's context is a 400 naming `messages`; generation stops at
    the context (`finish_reason: length`). Any field this server does not implement is a 400
    naming it.

    Args:
        tenant_id (str | Unset):
        body (ChatCompletionRequest): OpenAI's chat completion request, the fields this server
            implements. `null` is the same as
            leaving a field out. Any other field is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletion | ErrorResponse]
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
    body: ChatCompletionRequest,
    tenant_id: str | Unset = UNSET,
) -> ChatCompletion | ErrorResponse | None:
    """Create a chat completion

     OpenAI-compatible chat completions from a model of the tenant (the `openai` clients work
    unchanged with their base URL at this server's `/v1` and a key with the `inference` scope).
    The conversation is rendered with the model's own `chat_template` when it has one (Jinja,
    as transformers renders it with `add_generation_prompt`), else with the engine's default:
    `bos`, the turns one per line (a user turn as it is, any other as `role: content`), `sep`,
    the layout that models fine-tuned here on `{messages}` rows were trained on.

    Concurrent requests for one model are decoded together, one batch per decode step
    (continuous batching); a client that disconnects frees its place at once. With
    `stream: true` the answer is Server-Sent Events of `chat.completion.chunk` objects ending
    with `data: [DONE]`; with `stream_options.include_usage` a last chunk before `[DONE]` has
    empty `choices` and the `usage`. An error after the stream started arrives as one event
    `data: {"error": {…}}` before the stream ends.

    `model` is any servable model id the tenant sees in `GET /v1/models` (fine-tuned, distilled
    and imported models, `local/…`); a preset has no weights and is a 400 naming `model`, an id
    the tenant does not have (another tenant's included) a 404. Without `model`, the server's
    `DISTILLERY_SERVING_DEFAULT_MODEL`, else the tenant's only servable model, is used.
    A prompt longer than the model's context is a 400 naming `messages`; generation stops at
    the context (`finish_reason: length`). Any field this server does not implement is a 400
    naming it.

    Args:
        tenant_id (str | Unset):
        body (ChatCompletionRequest): OpenAI's chat completion request, the fields this server
            implements. `null` is the same as
            leaving a field out. Any other field is a 400 naming it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletion | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            tenant_id=tenant_id,
        )
    ).parsed
