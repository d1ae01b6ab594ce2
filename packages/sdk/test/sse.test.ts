import { describe, expect, it } from 'vitest';
import { parseServerSentEvents, type ServerSentEvent } from '../src/core/sse.js';

/** A stream that delivers `text` in the given chunk sizes, to exercise boundaries. */
function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function parse(text: string, size = 1024): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseServerSentEvents(chunked(text, size))) events.push(event);
  return events;
}

describe('parseServerSentEvents', () => {
  const text =
    ': keep-alive\nid: 1\nevent: snapshot\ndata: {"a":\ndata: 1}\n\nid: 2\ndata: é\r\n\r\nretry: 3000\nevent: x\n\n';
  const expected = [
    { event: 'snapshot', data: '{"a":\n1}', id: '1', retry: undefined },
    { event: 'message', data: 'é', id: '2', retry: undefined },
  ];

  it('parses fields, multi-line data, comments and CRLF', async () => {
    expect(await parse(text)).toEqual(expected);
  });

  it('gives the same events whatever the chunk boundaries, even inside a character or a CRLF', async () => {
    for (const size of [1, 2, 3, 7]) expect(await parse(text, size)).toEqual(expected);
  });

  it('keeps the last id for events that send none, and drops an unterminated final event', async () => {
    expect(await parse('id: 9\ndata: a\n\ndata: b\n\ndata: cut')).toEqual([
      { event: 'message', data: 'a', id: '9', retry: undefined },
      { event: 'message', data: 'b', id: '9', retry: undefined },
    ]);
  });

  it('hands out no more events once the signal aborts, even those of a chunk already read', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const reason = new Error('stop');
    const reading = (async () => {
      for await (const event of parseServerSentEvents(
        chunked('data: 1\n\ndata: 2\n\ndata: 3\n\n', 1024),
        controller.signal,
      )) {
        seen.push(event.data);
        controller.abort(reason);
      }
    })();
    await expect(reading).rejects.toBe(reason);
    expect(seen).toEqual(['1']);
  });
});
