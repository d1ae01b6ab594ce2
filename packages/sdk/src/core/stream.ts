import { APIConnectionError, APIUserAbortError, DistilleryError, errorFromBody } from './errors.js';
import { parseServerSentEvents } from './sse.js';

/**
 * The chunks of a streamed completion (`stream: true`), read as they arrive: `for await` over it.
 * It ends at the server's `data: [DONE]`; an `{"error": …}` event the server sends once the
 * stream has started is thrown as the SDK's error of its status (`InternalServerError` for a
 * 5xx…), a connection that drops before `[DONE]` as `APIConnectionError`, and the request's
 * `signal` aborting as `APIUserAbortError`. Leaving the loop early (`break`, `return`, a throw)
 * or calling `close()` closes the connection, which stops the server's decoding of it.
 */
export class Stream<Chunk> implements AsyncIterable<Chunk> {
  /** The response's `x-request-id`: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** The response, whose body this stream reads. */
  readonly response: Response;
  readonly #body: ReadableStream<Uint8Array>;
  readonly #signal: AbortSignal | undefined;
  #consumed = false;

  constructor(response: Response, body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined) {
    this.response = response;
    this.requestId = response.headers.get('x-request-id') ?? undefined;
    this.#body = body;
    this.#signal = signal;
  }

  /** Closes a stream that will not be read (or not to its end). */
  close(): void {
    if (!this.#consumed) void this.#body.cancel().catch(() => undefined);
    this.#consumed = true;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Chunk> {
    if (this.#consumed) throw new DistilleryError('This stream has already been read');
    this.#consumed = true;
    const signal = this.#signal;
    try {
      for await (const message of parseServerSentEvents(this.#body, signal)) {
        if (message.data === '[DONE]') return;
        if (message.data === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(message.data);
        } catch (cause) {
          throw new DistilleryError(`A stream event is not JSON: ${message.data.slice(0, 200)}`, {
            requestId: this.requestId,
            cause,
          });
        }
        if (isErrorEvent(parsed)) {
          const status = typeof parsed.error.status === 'number' ? parsed.error.status : 500;
          throw errorFromBody(status, this.response.headers, parsed, message.data);
        }
        yield parsed as Chunk;
      }
    } catch (error) {
      if (signal?.aborted) throw new APIUserAbortError('Request aborted', { cause: signal.reason });
      if (error instanceof DistilleryError) throw error;
      throw new APIConnectionError(`The stream broke off: ${messageOf(error)}`, { cause: error });
    }
    if (signal?.aborted) throw new APIUserAbortError('Request aborted', { cause: signal.reason });
    throw new APIConnectionError('The stream ended before data: [DONE]', { requestId: this.requestId });
  }
}

function isErrorEvent(value: unknown): value is { error: { status?: unknown } } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Wraps a successful `stream: true` response, refusing anything that is not an event stream. */
export function completionStream<Chunk>(
  response: Response,
  body: ReadableStream<Uint8Array> | null | undefined,
  signal: AbortSignal | undefined,
): Stream<Chunk> {
  const type = response.headers.get('content-type') ?? '';
  if (!body || !type.includes('text/event-stream')) {
    void body?.cancel().catch(() => undefined);
    throw new DistilleryError(`Expected text/event-stream from ${response.url}, got ${type || 'no body'}`, {
      code: 'stream_unavailable',
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  return new Stream<Chunk>(response, body, signal);
}
