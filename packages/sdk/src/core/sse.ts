/** One Server-Sent Event, as the HTML living standard's parser dispatches it. */
export interface ServerSentEvent {
  /** The `event` field; `message` when absent. */
  event: string;
  data: string;
  /** The `id` field of this event, or the last id seen before it. */
  id: string | undefined;
  /** The `retry` field in milliseconds, when sent. */
  retry: number | undefined;
}

/**
 * Parses a `text/event-stream` body into events, chunk by chunk, without buffering the whole stream.
 * Stops with the signal's reason when it aborts, even if the fetch implementation does not end the body
 * and even with events of a chunk already read still to hand out.
 */
export async function* parseServerSentEvents(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let lastEventId: string | undefined;
  let event = '';
  let data: string[] = [];
  let retry: number | undefined;

  const processLine = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      if (data.length === 0) {
        event = '';
        return undefined;
      }
      const dispatched = { event: event || 'message', data: data.join('\n'), id: lastEventId, retry };
      event = '';
      data = [];
      retry = undefined;
      return dispatched;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    return undefined;
  };

  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);

  try {
    for (;;) {
      const { done, value } = await (signal ? Promise.race([reader.read(), aborted]) : reader.read());
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A trailing '\r' may be the first half of a '\r\n' split across chunks: keep it for the next one.
      const lines = buffer.split(done ? /\r\n|\n|\r/ : /\r\n|\n|\r(?!$)/);
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        const dispatched = processLine(line);
        // Events already received are not handed out once the signal has aborted.
        if (signal?.aborted) throw signal.reason;
        if (dispatched) yield dispatched;
      }
      if (done) return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    void reader.cancel().catch(() => undefined);
  }
}
