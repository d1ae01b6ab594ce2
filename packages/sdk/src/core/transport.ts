import type { paths } from '@distillery/openapi';
import type { Client } from 'openapi-fetch';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  DistilleryError,
  errorFromResponse,
} from './errors.js';
import { createClient } from './openapi-fetch.js';
import type { RequestOptions, ResolvedOptions } from './options.js';
import { isRetryableStatus, retryDelayMs } from './retry-policy.js';
import { sleep } from './sleep.js';

export type ApiClient = Client<paths>;

/** setTimeout overflows above this and would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every request goes through `send`: openapi-fetch builds the typed `Request`, this retries it with
 * back-off, applies the timeout and turns error responses into typed errors. Because openapi-fetch
 * builds the request once, headers such as `Idempotency-Key` are identical on every retry.
 */
export class Transport {
  readonly api: ApiClient;

  constructor(readonly options: ResolvedOptions) {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.defaultHeaders };
    if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
    this.api = createClient<paths>({ baseUrl: options.baseUrl, headers });
  }

  /** The openapi-fetch call options that route one call through `send` with these overrides. */
  init(options: RequestOptions = {}, headers: Record<string, string> = {}) {
    return {
      fetch: (request: Request) => this.send(request, options),
      headers: { ...options.headers, ...headers },
    };
  }

  /** `tenant_id` for operations that accept it, when the client names one. */
  tenant(): { tenant_id?: string } {
    return this.options.tenantId === undefined ? {} : { tenant_id: this.options.tenantId };
  }

  async send(request: Request, options: RequestOptions): Promise<Response> {
    const maxRetries = options.maxRetries ?? this.options.maxRetries;
    const timeout = options.timeout ?? this.options.timeout;
    const { signal } = options;
    const { logger } = this.options;
    for (let retry = 0; ; retry++) {
      const retriesLeft = retry < maxRetries;
      // Keep the original unread so that a later retry can clone it again.
      const attemptRequest = retriesLeft ? request.clone() : request;
      logger?.debug?.(`${request.method} ${request.url}`, { attempt: retry + 1 });
      let response: Response;
      try {
        response = await this.attempt(attemptRequest, timeout, signal);
      } catch (error) {
        if (!(error instanceof APIConnectionError) || !retriesLeft) throw error;
        await this.backOff(retry, undefined, signal, `${error.message}`);
        continue;
      }
      if (response.ok) return response;
      if (!retriesLeft || !isRetryableStatus(response.status)) throw await errorFromResponse(response);
      // Not awaited: some fetch implementations settle cancel() only once the body ends.
      void response.body?.cancel().catch(() => undefined);
      await this.backOff(retry, response.headers, signal, `HTTP ${response.status}`);
    }
  }

  private async attempt(request: Request, timeout: number, signal: AbortSignal | undefined) {
    const timeoutController = new AbortController();
    const timer =
      timeout > 0 && timeout <= MAX_TIMER_MS
        ? setTimeout(
            () => timeoutController.abort(new APITimeoutError(`Request timed out after ${timeout} ms`)),
            timeout,
          )
        : undefined;
    // The caller's signal stays linked after the headers arrive, so it can also stop a streamed body.
    const linked = signal ? AbortSignal.any([signal, timeoutController.signal]) : timeoutController.signal;
    try {
      return await this.options.fetch(new Request(request, { signal: linked }));
    } catch (error) {
      if (signal?.aborted) throw new APIUserAbortError('Request aborted', { cause: signal.reason });
      if (timeoutController.signal.aborted) throw timeoutController.signal.reason;
      throw new APIConnectionError(`Connection error: ${messageOf(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  private async backOff(
    retry: number,
    headers: Headers | undefined,
    signal: AbortSignal | undefined,
    why: string,
  ) {
    const delay = retryDelayMs(retry, headers);
    this.options.logger?.warn?.(`Retrying in ${Math.round(delay)} ms after ${why}`, { retry: retry + 1 });
    try {
      await sleep(delay, signal);
    } catch (reason) {
      throw new APIUserAbortError('Request aborted during retry back-off', { cause: reason });
    }
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

export type WithRequestId<T> = T & {
  /** The response's `x-request-id`, not enumerable so that it stays out of JSON.stringify. */
  readonly requestId: string | undefined;
};

export function withRequestId<T extends object>(data: T, response: Response): WithRequestId<T> {
  Object.defineProperty(data, 'requestId', {
    value: response.headers.get('x-request-id') ?? undefined,
    enumerable: false,
    configurable: true,
  });
  return data as WithRequestId<T>;
}

/** The parsed body of a successful openapi-fetch call, with its request id. */
export function unwrap<T>(result: { data?: T; response: Response }): WithRequestId<NonNullable<T>> {
  if (result.data === undefined || result.data === null) {
    throw new DistilleryError(`Expected a response body from ${result.response.url}`, {
      status: result.response.status,
      requestId: result.response.headers.get('x-request-id') ?? undefined,
    });
  }
  return withRequestId(result.data as NonNullable<T> & object, result.response);
}

/** What a call with an empty (204) answer resolves to. */
export interface Acknowledgement {
  readonly requestId: string | undefined;
}

export function acknowledgement(response: Response): Acknowledgement {
  return { requestId: response.headers.get('x-request-id') ?? undefined };
}
