/**
 * The TypeScript SDK's serving methods against the mock, as a consumer's test uses them: chat
 * completions (whole and streamed, aborted, failing mid-stream), completions, batches, embeddings
 * and the serving statistics, every response checked against the spec by the harness.
 */
import {
  APIUserAbortError,
  type ChatCompletionChunk,
  Distillery,
  InternalServerError,
  NotFoundError,
} from '@distillery/sdk';
import { describe, expect, it } from 'vitest';
import { useMockServer } from './support/harness';

const server = useMockServer();

// The client binds fetch when constructed, so construct it after MSW has patched fetch.
const client = () => new Distillery({ baseUrl: 'http://localhost:8000', maxRetries: 0 });

/** A model of the tenant to serve: a fine-tuned one, trained on the mock's clock. */
async function fineTunedModel(sdk: Distillery): Promise<string> {
  const dataset = await sdk.datasets.upload({
    name: 'mail',
    file: [
      { prompt: 'Subject: Cheap meds online', label: 'spam' },
      { prompt: 'Subject: Meeting notes from Tuesday', label: 'ham' },
    ],
  });
  const job = await sdk.fineTuning.jobs.create({
    name: 'spam teacher',
    base_model: 'distillery-nano',
    training_dataset: dataset.id,
  });
  server.mock.runUntilIdle();
  const done = await sdk.fineTuning.jobs.get(job.id);
  expect(done.status).toBe('completed');
  return done.result_model as string;
}

const messages = [{ role: 'user' as const, content: 'Subject: Cheap meds online, no prescription' }];

describe('chat completions through the SDK', () => {
  it('answers a completion of the fine-tuned model, and streams the same text', async () => {
    const sdk = client();
    const model = await fineTunedModel(sdk);
    const whole = await sdk.chat.completions.create({ model, messages, temperature: 0, max_tokens: 6 });
    expect(whole.model).toBe(model);
    expect(whole.requestId).toMatch(/^req_/);
    const content = whole.choices[0]?.message.content ?? '';
    expect(content.split(' ')).toHaveLength(whole.usage.completion_tokens);

    const stream = await sdk.chat.completions.create({
      model,
      messages,
      temperature: 0,
      max_tokens: 6,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(content);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe(whole.choices[0]?.finish_reason);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });
  });

  it('answers scripted replies, cut at a stop string', async () => {
    const sdk = client();
    const model = await fineTunedModel(sdk);
    server.mock.scenarios.nextCompletion('spam, because it sells pills', 'ham');
    const { choices } = await sdk.chat.completions.create({ model, messages, n: 2, stop: ',' });
    expect(choices.map((c) => [c.message.content, c.finish_reason])).toEqual([
      ['spam', 'stop'],
      ['ham', 'stop'],
    ]);
  });

  it('surfaces an error after the stream started as InternalServerError', async () => {
    const sdk = client();
    const model = await fineTunedModel(sdk);
    server.mock.scenarios.failNextStream({ afterChunks: 2, code: 'overloaded' });
    const stream = await sdk.chat.completions.create({ model, messages, stream: true });
    const seen: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 503,
      code: 'overloaded',
      type: 'server_error',
      requestId: stream.requestId,
    });
  });

  it('stops reading when the signal aborts', async () => {
    const sdk = client();
    const model = await fineTunedModel(sdk);
    const controller = new AbortController();
    const stream = await sdk.chat.completions.create(
      { model, messages, stream: true },
      { signal: controller.signal },
    );
    let read = 0;
    const error = await (async () => {
      for await (const _ of stream) if (++read === 2) controller.abort();
    })().catch((e: unknown) => e);
    expect(read).toBe(2);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('refuses a model the tenant does not hold with NotFoundError', async () => {
    const error = await client()
      .chat.completions.create({ model: 'local/nope', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'model_not_found', type: 'not_found_error', param: 'model' });
  });
});

describe('completions, embeddings and stats through the SDK', () => {
  it('completes, batches, embeds, and then reports it all', async () => {
    const sdk = client();
    const model = await fineTunedModel(sdk);
    const text = await sdk.completions.create({ model, prompt: 'The quick brown fox', max_tokens: 4 });
    expect(text.choices[0]).toMatchObject({ index: 0, finish_reason: 'length' });
    const streamed = await sdk.completions.create({
      model,
      prompt: 'The quick brown fox',
      max_tokens: 4,
      stream: true,
    });
    let joined = '';
    for await (const chunk of streamed) joined += chunk.choices[0]?.text ?? '';
    expect(joined).toBe(text.choices[0]?.text);

    const batch = await sdk.completions.batch({
      model,
      prompts: ['Name a warm color.', 'Name a cool color.'],
      seed: 7,
    });
    expect(batch.choices.map((c) => c.prompt_index)).toEqual([0, 1]);

    const embeddings = await sdk.embeddings.create({ model, input: ['Cheap meds', 'Meeting notes'] });
    const width = (await sdk.models.get(model)).architecture?.d_model;
    expect(embeddings.data.map((d) => (d.embedding as number[]).length)).toEqual([width, width]);

    const recent = await sdk.stats.recentRequests({ limit: 3 });
    expect(recent.data.map((r) => r.endpoint)).toEqual(['embeddings', 'completions.batch', 'completions']);
    const decode = await sdk.stats.decode();
    expect(decode.requests).toBe(4);
    expect(decode.models.map((m) => m.model)).toEqual([model]);
  });
});
