import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIUserAbortError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type Completion,
  DistilleryError,
  InternalServerError,
  NotFoundError,
} from '../src/index.js';
import { BASE_URL } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const completion: ChatCompletion = {
  id: 'chatcmpl-req_8f2c1d9a7b3e',
  object: 'chat.completion',
  created: 1776603000,
  model: 'local/ft-spam-teacher',
  system_fingerprint: null,
  choices: [
    { index: 0, message: { role: 'assistant', content: 'spam' }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 14, completion_tokens: 2, total_tokens: 16 },
};

const chunk = (choices: ChatCompletionChunk['choices'], usage: ChatCompletionChunk['usage'] = null) => ({
  id: 'chatcmpl-req_8f2c1d9a7b3e',
  object: 'chat.completion.chunk' as const,
  created: 1776603000,
  model: 'local/ft-spam-teacher',
  system_fingerprint: null,
  choices,
  usage,
});

const chunks: ChatCompletionChunk[] = [
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
  chunk([{ index: 0, delta: { content: 'ham' }, logprobs: null, finish_reason: null }]),
  chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
  chunk([], { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 }),
];

const sse = (events: unknown[]) =>
  events.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`).join('');

const messages = [{ role: 'user' as const, content: 'Subject: Meeting notes from Tuesday' }];

/** An event-stream response that sends `text` in pieces, recording whether the client cancelled it. */
function streamed(pieces: string[], state: { cancelled: boolean } = { cancelled: false }, hold = false) {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i < pieces.length) {
        controller.enqueue(encoder.encode(pieces[i++]));
        return;
      }
      // Holds the connection open after the last piece, as a server still decoding would.
      if (hold) return new Promise<void>(() => undefined);
      controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return new HttpResponse(body, {
    headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_8f2c1d9a7b3e' },
  });
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe('chat.completions.create', () => {
  it('posts the request and answers the completion with its request id', async () => {
    let received: { body: unknown; accept: string | null; query: string } | undefined;
    server.use(
      http.post(`${BASE_URL}/v1/chat/completions`, async ({ request }) => {
        received = {
          body: await request.json(),
          accept: request.headers.get('accept'),
          query: new URL(request.url).search,
        };
        return HttpResponse.json(completion, { headers: { 'x-request-id': 'req_8f2c1d9a7b3e' } });
      }),
    );
    const answer = await testClient().chat.completions.create({
      model: 'local/ft-spam-teacher',
      messages,
      max_tokens: 8,
      temperature: 0,
    });
    expect(answer.choices[0]?.message.content).toBe('spam');
    expect(answer.usage.total_tokens).toBe(16);
    expect(answer.requestId).toBe('req_8f2c1d9a7b3e');
    expect(received).toEqual({
      body: { model: 'local/ft-spam-teacher', messages, max_tokens: 8, temperature: 0 },
      accept: 'application/json',
      query: '',
    });
  });

  it('acts on the client’s tenant', async () => {
    let query = '';
    server.use(
      http.post(`${BASE_URL}/v1/chat/completions`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json(completion);
      }),
    );
    await testClient({ tenantId: 'acme' }).chat.completions.create({ messages });
    expect(query).toBe('?tenant_id=acme');
  });

  it('streams typed chunks up to data: [DONE], the usage chunk last', async () => {
    let accept: string | null = null;
    server.use(
      http.post(`${BASE_URL}/v1/chat/completions`, ({ request }) => {
        accept = request.headers.get('accept');
        // Split mid-event, and something after [DONE] that must never be read as a chunk.
        const text = sse([...chunks, '[DONE]', { not: 'a chunk' }]);
        return streamed([text.slice(0, 37), text.slice(37, 300), text.slice(300)]);
      }),
    );
    const stream = await testClient().chat.completions.create({
      model: 'local/ft-spam-teacher',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(stream.requestId).toBe('req_8f2c1d9a7b3e');
    const read = await collect(stream);
    expect(read).toEqual(chunks);
    expect(accept).toBe('text/event-stream');
    expect(read.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('ham');
    expect(read.at(-1)?.usage?.total_tokens).toBe(14);
    await expect(collect(stream)).rejects.toThrow('already been read');
  });

  it('throws an error event sent after the stream started as the SDK’s error for its status', async () => {
    const error = {
      error: {
        code: 'timeout',
        type: 'server_error',
        message: 'Generation took longer than 600 s and was stopped',
        status: 504,
        request_id: 'req_8f2c1d9a7b3e',
      },
    };
    server.use(
      http.post(`${BASE_URL}/v1/chat/completions`, () => streamed([sse([chunks[0], chunks[1], error])])),
    );
    const stream = await testClient().chat.completions.create({ messages, stream: true });
    const seen: ChatCompletionChunk[] = [];
    const failure = await (async () => {
      for await (const c of stream) seen.push(c);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(failure).toBeInstanceOf(InternalServerError);
    expect(failure).toMatchObject({
      status: 504,
      code: 'timeout',
      type: 'server_error',
      requestId: 'req_8f2c1d9a7b3e',
      message: '504 Generation took longer than 600 s and was stopped',
    });
  });

  it('throws APIConnectionError when the stream ends before [DONE]', async () => {
    server.use(http.post(`${BASE_URL}/v1/chat/completions`, () => streamed([sse(chunks.slice(0, 2))])));
    const stream = await testClient().chat.completions.create({ messages, stream: true });
    await expect(collect(stream)).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('rejects with APIUserAbortError when the signal aborts mid-stream', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/chat/completions`, () =>
        streamed([sse(chunks.slice(0, 2))], undefined, true),
      ),
    );
    const controller = new AbortController();
    const stream = await testClient().chat.completions.create(
      { messages, stream: true },
      { signal: controller.signal },
    );
    const seen: ChatCompletionChunk[] = [];
    const failure = await (async () => {
      for await (const c of stream) {
        seen.push(c);
        if (seen.length === 2) controller.abort(new Error('user pressed stop'));
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(failure).toBeInstanceOf(APIUserAbortError);
    expect((failure as APIUserAbortError).cause).toEqual(new Error('user pressed stop'));
  });

  it('throws the error of a refused request before any stream starts', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/chat/completions`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'model_not_found',
              type: 'not_found_error',
              message: 'No model local/nope',
              status: 404,
              param: 'model',
              request_id: 'req_1',
            },
          },
          { status: 404 },
        ),
      ),
    );
    const failure = await testClient()
      .chat.completions.create({ model: 'local/nope', messages, stream: true })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure).toMatchObject({ code: 'model_not_found', type: 'not_found_error', param: 'model' });
  });

  it('refuses a JSON answer to a streamed request', async () => {
    server.use(http.post(`${BASE_URL}/v1/chat/completions`, () => HttpResponse.json(completion)));
    const failure = await testClient()
      .chat.completions.create({ messages, stream: true })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DistilleryError);
    expect(failure).toMatchObject({ code: 'stream_unavailable' });
  });
});

describe('completions', () => {
  const text: Completion = {
    id: 'cmpl-req_8f2c1d9a7b3e',
    object: 'text_completion',
    created: 1776603000,
    model: 'local/mdl_7k2m9x4q1c8v',
    system_fingerprint: null,
    choices: [{ index: 0, text: ' jumps over the lazy dog.', logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 4, completion_tokens: 7, total_tokens: 11 },
  };

  it('create answers the completion, or streams its chunks', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE_URL}/v1/completions`, async ({ request }) => {
        const body = (await request.json()) as { stream?: boolean };
        bodies.push(body);
        if (!body.stream) return HttpResponse.json(text);
        const piece = (t: string, finish: 'length' | null) => ({
          ...text,
          choices: [{ index: 0, text: t, logprobs: null, finish_reason: finish }],
          usage: null,
        });
        return streamed([sse([piece(' jumps', null), piece('', 'length'), '[DONE]'])]);
      }),
    );
    const client = testClient();
    const answer = await client.completions.create({
      model: 'local/mdl_7k2m9x4q1c8v',
      prompt: 'The quick brown fox',
    });
    expect(answer.choices[0]?.text).toBe(' jumps over the lazy dog.');
    const stream = await client.completions.create({ prompt: [504, 2365], max_tokens: 1, stream: true });
    const read = await collect(stream);
    expect(read.map((c) => c.choices[0]?.finish_reason)).toEqual([null, 'length']);
    expect(bodies[1]).toEqual({ prompt: [504, 2365], max_tokens: 1, stream: true });
  });

  it('batch posts the prompts and answers a choice per prompt', async () => {
    let body: unknown;
    server.use(
      http.post(`${BASE_URL}/v1/completions/batch`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({
          id: 'cmpl-req_8f2c1d9a7b3e',
          object: 'text_completion',
          created: 1776603000,
          model: 'local/ft-colours',
          system_fingerprint: null,
          choices: [
            { index: 0, prompt_index: 0, text: ' Orange.', logprobs: null, finish_reason: 'stop' },
            { index: 1, prompt_index: 1, text: ' Teal.', logprobs: null, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 14, completion_tokens: 6, total_tokens: 20 },
        });
      }),
    );
    const batch = await testClient().completions.batch({
      prompts: ['Name a warm color.', 'Name a cool color.'],
      max_tokens: 32,
      seed: 7,
    });
    expect(batch.choices.map((c) => [c.prompt_index, c.text, c.logprobs])).toEqual([
      [0, ' Orange.', null],
      [1, ' Teal.', null],
    ]);
    expect(body).toEqual({ prompts: ['Name a warm color.', 'Name a cool color.'], max_tokens: 32, seed: 7 });
  });
});

describe('embeddings and serving stats', () => {
  it('embeddings.create answers a vector per input', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/embeddings`, () =>
        HttpResponse.json({
          object: 'list',
          model: 'local/mdl_7k2m9x4q1c8v',
          data: [{ object: 'embedding', index: 0, embedding: [0.0132, -0.4471, 0.2208, 0.0915] }],
          usage: { prompt_tokens: 4, total_tokens: 4 },
        }),
      ),
    );
    const list = await testClient().embeddings.create({ input: 'Cheap meds online' });
    expect(list.data[0]?.embedding).toHaveLength(4);
  });

  it('stats.decode and stats.recentRequests read /v1/stats/…', async () => {
    let query = '';
    server.use(
      http.get(`${BASE_URL}/v1/stats/decode`, () =>
        HttpResponse.json({
          window_seconds: 60,
          tokens_per_second: 0,
          generated_tokens: 0,
          requests: 0,
          time_to_first_token_ms: { p50: null, p90: null, p99: null, samples: 0 },
          inter_token_latency_ms: { p50: null, p90: null, p99: null, samples: 0 },
          active_sequences: 0,
          queued_sequences: 0,
          last_batch_size: 0,
          max_batch_size: 0,
          memory: { budget_bytes: 4294967296, used_bytes: 0 },
          models: [],
        }),
      ),
      http.get(`${BASE_URL}/v1/stats/recent-requests`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({ object: 'list', data: [] });
      }),
    );
    const client = testClient();
    expect((await client.stats.decode()).memory.budget_bytes).toBe(4294967296);
    expect((await client.stats.recentRequests({ limit: 5 })).data).toEqual([]);
    expect(query).toBe('?limit=5');
  });
});
