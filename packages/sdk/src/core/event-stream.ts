import type { JobEvent } from '../types.js';
import { DistilleryError } from './errors.js';
import { parseServerSentEvents } from './sse.js';

/** A job's live events (`snapshot`, `status`, `phase`, `progress`, `results`), ending when the job does. */
export class JobEventStream implements AsyncIterable<JobEvent> {
  /** Id of the last event read: pass it as `lastEventId` to resume after a disconnect. */
  lastEventId: string | undefined;
  readonly requestId: string | undefined;
  readonly #body: ReadableStream<Uint8Array>;
  readonly #signal: AbortSignal | undefined;
  #consumed = false;

  constructor(
    response: Response,
    body: ReadableStream<Uint8Array>,
    lastEventId: string | undefined,
    signal: AbortSignal | undefined,
  ) {
    this.requestId = response.headers.get('x-request-id') ?? undefined;
    this.lastEventId = lastEventId;
    this.#body = body;
    this.#signal = signal;
  }

  /** Closes a stream that will not be read. Leaving a `for await` over it early closes it too. */
  close(): void {
    if (!this.#consumed) void this.#body.cancel().catch(() => undefined);
    this.#consumed = true;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<JobEvent> {
    if (this.#consumed) throw new DistilleryError('This event stream has already been read');
    this.#consumed = true;
    for await (const message of parseServerSentEvents(this.#body, this.#signal)) {
      this.lastEventId = message.id;
      if (message.data === '') continue;
      yield JSON.parse(message.data) as JobEvent;
    }
  }
}

/** Wraps a successful events response, refusing anything that is not an event stream. */
export function jobEventStream(
  response: Response,
  body: ReadableStream<Uint8Array> | null | undefined,
  lastEventId: string | undefined,
  signal: AbortSignal | undefined,
): JobEventStream {
  const type = response.headers.get('content-type') ?? '';
  if (!body || !type.includes('text/event-stream')) {
    void body?.cancel().catch(() => undefined);
    throw new DistilleryError(`Expected text/event-stream from ${response.url}, got ${type || 'no body'}`, {
      code: 'events_unavailable',
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  return new JobEventStream(response, body, lastEventId, signal);
}
