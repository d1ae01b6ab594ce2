// Leaving a stream must close its connection, so that the server stops decoding for nobody. MSW tees
// mocked bodies, so this is checked against a real HTTP server on loopback, which sees the socket close.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIUserAbortError, Distillery } from '../src/index.js';

const chunk = (content: string) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-req_1',
    object: 'chat.completion.chunk',
    created: 1776603000,
    model: 'local/ft-spam-teacher',
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    usage: null,
  })}\n\n`;

/** Connections closed by the client before the server ended them. */
let closedEarly = 0;
let opened = 0;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  opened++;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_1' });
  // A token every 10 ms, never ending: only the client can close it.
  let n = 0;
  const timer = setInterval(() => res.write(chunk(`t${n++} `)), 10);
  res.on('close', () => {
    clearInterval(timer);
    closedEarly++;
  });
});
let client: Distillery;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new Distillery({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const messages = [{ role: 'user' as const, content: 'Hello' }];

describe('a chat completion stream', () => {
  it('closes its connection when the signal aborts', async () => {
    const before = closedEarly;
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { messages, stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    const failure = await (async () => {
      for await (const _ of stream) if (++seen === 3) controller.abort();
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(APIUserAbortError);
    await expect.poll(() => closedEarly).toBe(before + 1);
  });

  it('closes its connection when the loop is left early, or on close()', async () => {
    const before = closedEarly;
    for await (const c of await client.chat.completions.create({ messages, stream: true })) {
      expect(c.choices[0]?.delta.content).toBe('t0 ');
      break;
    }
    await expect.poll(() => closedEarly).toBe(before + 1);
    const unread = await client.chat.completions.create({ messages, stream: true });
    unread.close();
    await expect.poll(() => closedEarly).toBe(before + 2);
    expect(opened).toBeGreaterThanOrEqual(3);
  });
});
