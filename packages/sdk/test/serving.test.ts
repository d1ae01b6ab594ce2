// Chat completions against the real reference server (apps/server, built): the model a fine-tuning
// job produced answers at once, whole and streamed (the same greedy text, the usage chunk last,
// `data: [DONE]` at the end), a stream stops when its signal aborts, and refusals are the SDK's
// errors. Skipped when the server is not built, except in CI, where that is a failure.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  BadRequestError,
  type ChatCompletionChunk,
  Distillery,
  NotFoundError,
} from '../src/index.js';
import { serverCli, startReferenceServer } from './reference-server.js';

const missing = existsSync(serverCli)
  ? null
  : 'apps/server/dist/cli.js is missing: `npm run build -w @distillery/server`';
if (missing && process.env.CI) throw new Error(`${missing} (CI is set)`);

let work: string;
let server: Awaited<ReturnType<typeof startReferenceServer>> | undefined;
let client: Distillery;
let model: string;
const messages = [{ role: 'user' as const, content: 'Subject: Cheap meds online' }];

describe.skipIf(missing !== null)('serving on the real server', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'distillery-serving-'));
    server = await startReferenceServer(work);
    client = new Distillery({ baseUrl: server.url, maxRetries: 0 });
    const rows = Array.from({ length: 16 }, (_, i) => ({
      prompt: `Subject: ${i % 2 ? 'Cheap meds online' : 'Meeting notes'} #${i}`,
      label: i % 2 ? 'spam' : 'ham',
    }));
    const dataset = await client.datasets.upload({ name: 'sdk serving mail', file: rows });
    const tuning = await client.fineTuning.jobs.create({
      name: 'sdk serving',
      base_model: 'distillery-nano',
      training_dataset: dataset.id,
      hyperparameters: { epochs: 1, batch_size: 8, seq_len: 32 },
    });
    const done = await client.fineTuning.jobs.waitForCompletion(tuning.id, { pollInterval: 500 });
    model = done.result_model as string;
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('answers the same greedy text whole and streamed, with the usage chunk last', async () => {
    const asked = { model, messages, max_tokens: 5, temperature: 0 };
    const whole = await client.chat.completions.create(asked);
    expect(whole).toMatchObject({ object: 'chat.completion', model });
    expect(whole.requestId).toMatch(/^req_/);
    expect(whole.usage.completion_tokens).toBeGreaterThanOrEqual(1);
    expect(whole.usage.completion_tokens).toBeLessThanOrEqual(5);

    const stream = await client.chat.completions.create({
      ...asked,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      whole.choices[0]?.message.content,
    );
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe(whole.choices[0]?.finish_reason);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });

    const text = await client.completions.create({ model, prompt: 'Subject: Cheap', max_tokens: 3 });
    expect(text.choices[0]?.finish_reason).toMatch(/^(stop|length)$/);
    const { data } = await client.embeddings.create({ model, input: ['spam', 'ham'] });
    expect(data).toHaveLength(2);
    const recent = await client.stats.recentRequests({ limit: 4 });
    expect(recent.data.map((r) => r.endpoint)).toEqual([
      'embeddings',
      'completions',
      'chat.completions',
      'chat.completions',
    ]);
    expect((await client.stats.decode()).models.map((m) => m.model)).toContain(model);
  }, 120_000);

  it('stops a stream when its signal aborts', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model, messages, max_tokens: 64, temperature: 0.9, seed: 1, stream: true },
      { signal: controller.signal },
    );
    let read = 0;
    const error = await (async () => {
      for await (const _ of stream) if (++read === 1) controller.abort();
    })().catch((e: unknown) => e);
    expect(read).toBe(1);
    expect(error).toBeInstanceOf(APIUserAbortError);
  }, 120_000);

  it('refuses a preset with BadRequestError naming model, an unknown model with NotFoundError', async () => {
    await expect(
      client.chat.completions.create({ model: 'distillery-nano', messages }),
    ).rejects.toMatchObject({
      constructor: BadRequestError,
      param: 'model',
      type: 'invalid_request_error',
    });
    await expect(
      client.chat.completions.create({ model: 'local/nope', messages, stream: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
  }, 60_000);
});
