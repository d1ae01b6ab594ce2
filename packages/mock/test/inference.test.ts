import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer();

// biome-ignore lint/suspicious/noExplicitAny: bodies are read loosely here; the harness checks them against the spec
type Json = Record<string, any>;

/** Imports a GGUF file (a plausible small Llama to the mock): a model the tenant can serve. */
async function importModel(name = 'tiny-q8_0.gguf'): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob(['GGUF weights']), name);
  const { status, body } = await apiJson<{ id: string }>('/v1/models', { method: 'POST', body: form });
  expect(status).toBe(201);
  return body.id;
}

const chat = (json: Json) => apiJson<Json>('/v1/chat/completions', { method: 'POST', json });
const messages = [{ role: 'user', content: 'Subject: Meeting notes from Tuesday' }];

/** The `data:` payloads of an event stream, `[DONE]` kept as a string. */
async function events(response: Response): Promise<Array<Json | string>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b) => b.replace(/^data: /, ''))
    .map((d) => (d === '[DONE]' ? d : JSON.parse(d)));
}

describe('which model answers', () => {
  it('an id the tenant does not have is a 404 with OpenAI’s type, a preset a 400 naming model', async () => {
    const missing = await chat({ model: 'local/nope', messages });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'model_not_found',
      type: 'not_found_error',
      param: 'model',
    });
    const preset = await chat({ model: 'distillery-nano', messages });
    expect(preset.status).toBe(400);
    expect(preset.body.error).toMatchObject({ type: 'invalid_request_error', param: 'model' });
    expect(preset.body.error.message).toContain('preset');
    expect((await chat({ model: 'openai/gpt-4o', messages })).status).toBe(404);
  });

  it('without model, the tenant’s only servable model; with none or several, a 400 naming model', async () => {
    expect((await chat({ messages })).body.error).toMatchObject({ code: 'invalid_request', param: 'model' });
    const id = await importModel();
    const only = await chat({ messages });
    expect(only.status).toBe(200);
    expect(only.body.model).toBe(id);
    await importModel('other.gguf');
    expect((await chat({ messages })).body.error.message).toContain('2 models to serve');
  });

  it('an id without local/ names the same model; another tenant’s model is a 404', async () => {
    const id = await importModel();
    expect((await chat({ model: id.replace(/^local\//, ''), messages })).body.model).toBe(id);
    const other = await apiJson<Json>('/v1/chat/completions?tenant_id=acme', {
      method: 'POST',
      json: { model: id, messages },
    });
    expect(other.status).toBe(404);
  });

  it('needs the inference scope', async () => {
    const created = await apiJson<{ key: string }>('/v1/keys', {
      method: 'POST',
      json: { tenant_id: 'default', scopes: ['models:read'] },
    });
    const refused = await apiJson<Json>('/v1/chat/completions', {
      method: 'POST',
      json: { messages },
      headers: { authorization: `Bearer ${created.body.key}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', type: 'permission_error' });
  });
});

describe('chat completions', () => {
  it('answer the same text for the same request, with usage summed over the choices', async () => {
    const model = await importModel();
    const first = await chat({ model, messages, temperature: 0, n: 3 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'chat.completion',
      model,
      id: expect.stringMatching(/^chatcmpl-req_/),
    });
    const texts = first.body.choices.map((c: Json) => c.message.content);
    expect(new Set(texts).size).toBe(1); // greedy: every choice the same
    expect(texts[0]).toMatch(/^[A-Z][a-z]+( [a-z]+)+\.$/);
    expect((await chat({ model, messages, temperature: 0 })).body.choices[0].message.content).toBe(texts[0]);
    const { usage } = first.body;
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    // Each choice's words, plus the end token of a reply that finished by itself.
    expect(usage.completion_tokens).toBe(3 * (texts[0].split(' ').length + 1));
    expect(first.body.choices.map((c: Json) => c.finish_reason)).toEqual(['stop', 'stop', 'stop']);
  });

  it('sample choice k with seed + k: choices differ, and the same seed repeats them', async () => {
    const model = await importModel();
    const asked = { model, messages, temperature: 0.8, n: 4, seed: 7 };
    const a = (await chat(asked)).body.choices.map((c: Json) => c.message.content);
    expect(new Set(a).size).toBeGreaterThan(1);
    expect((await chat(asked)).body.choices.map((c: Json) => c.message.content)).toEqual(a);
    // Choice 1 of seed 7 is choice 0 of seed 8.
    expect((await chat({ ...asked, n: 1, seed: 8 })).body.choices[0].message.content).toBe(a[1]);
  });

  it('stop at max_tokens (length) or before a stop string (stop)', async () => {
    const model = await importModel();
    server.mock.scenarios.nextCompletion('spam and more spam and eggs');
    const cut = await chat({ model, messages, max_completion_tokens: 3 });
    expect(cut.body.choices[0]).toMatchObject({
      message: { content: 'spam and more' },
      finish_reason: 'length',
    });
    expect(cut.body.usage.completion_tokens).toBe(3);
    server.mock.scenarios.nextCompletion('spam and more spam and eggs');
    const stopped = await chat({ model, messages, stop: [' eggs', 'more'] });
    expect(stopped.body.choices[0]).toMatchObject({
      message: { content: 'spam and ' },
      finish_reason: 'stop',
    });
    expect(stopped.body.usage.completion_tokens).toBe(3);
    server.mock.scenarios.nextCompletion('ham');
    const whole = await chat({ model, messages });
    expect(whole.body.choices[0]).toMatchObject({ message: { content: 'ham' }, finish_reason: 'stop' });
    expect(whole.body.usage.completion_tokens).toBe(2);
  });

  it('refuse max_tokens and max_completion_tokens that disagree, and top_logprobs without logprobs', async () => {
    const model = await importModel();
    const both = await chat({ model, messages, max_tokens: 4, max_completion_tokens: 5 });
    expect(both.body.error).toMatchObject({ param: 'max_tokens' });
    expect((await chat({ model, messages, top_logprobs: 2 })).body.error).toMatchObject({
      param: 'top_logprobs',
    });
    const unknown = await chat({ model, messages, frequency_penalty: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('frequency_penalty');
  });

  it('answer logprobs with the likeliest alternatives', async () => {
    const model = await importModel();
    const { body } = await chat({ model, messages, logprobs: true, top_logprobs: 2, max_tokens: 3 });
    const content = body.choices[0].logprobs.content;
    expect(content).toHaveLength(3);
    expect(content.map((e: Json) => e.token).join('')).toBe(body.choices[0].message.content);
    for (const e of content) {
      expect(e.top_logprobs).toHaveLength(2);
      expect(e.top_logprobs[0]).toMatchObject({ token: e.token, logprob: e.logprob });
      expect(e.logprob).toBeLessThanOrEqual(0);
    }
  });

  it('stream chunks whose deltas are the completion, the usage chunk just before [DONE]', async () => {
    const model = await importModel();
    const asked = { model, messages, n: 2, temperature: 0.5, seed: 3 };
    const whole = (await chat(asked)).body;
    const response = await api('/v1/chat/completions', {
      method: 'POST',
      json: { ...asked, stream: true, stream_options: { include_usage: true } },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const read = await events(response);
    expect(read.at(-1)).toBe('[DONE]');
    const chunks = read.slice(0, -1) as Json[];
    expect(chunks.slice(0, 2).map((c) => c.choices[0].delta)).toEqual([
      { role: 'assistant', content: '' },
      { role: 'assistant', content: '' },
    ]);
    const usageChunk = chunks.at(-1) as Json;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual(whole.usage);
    expect(chunks.slice(0, -1).every((c) => c.usage === null && c.object === 'chat.completion.chunk')).toBe(
      true,
    );
    for (const index of [0, 1]) {
      const mine = chunks.filter((c) => c.choices[0]?.index === index);
      expect(mine.map((c) => c.choices[0].delta.content ?? '').join('')).toBe(
        whole.choices[index].message.content,
      );
      expect(mine.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    }
  });

  it('stream without usage when not asked for it', async () => {
    const model = await importModel();
    const read = await events(
      await api('/v1/chat/completions', { method: 'POST', json: { model, messages, stream: true } }),
    );
    expect(read.at(-1)).toBe('[DONE]');
    expect((read.slice(0, -1) as Json[]).every((c) => c.choices.length === 1 && !('usage' in c))).toBe(true);
  });

  it('end a stream with an error event when asked to fail it', async () => {
    const model = await importModel();
    server.mock.scenarios.failNextStream({ afterChunks: 2, code: 'timeout' });
    const read = await events(
      await api('/v1/chat/completions', { method: 'POST', json: { model, messages, stream: true } }),
    );
    expect(read).toHaveLength(3);
    expect(read.at(-1)).toMatchObject({ error: { code: 'timeout', type: 'server_error', status: 504 } });
    const [recent] = (await apiJson<Json>('/v1/stats/recent-requests?limit=1')).body.data;
    expect(recent).toMatchObject({ status: 200, stream: true, error_code: 'timeout' });
  });

  it('refuse a conversation longer than the model’s context, naming messages', async () => {
    const model = await importModel();
    const long = [{ role: 'user', content: 'word '.repeat(2100) }];
    const { status, body } = await chat({ model, messages: long });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ param: 'messages' });
  });
});

describe('completions', () => {
  it('continue each prompt n times, choice index prompt × n + k', async () => {
    const model = await importModel();
    const { body } = await apiJson<Json>('/v1/completions', {
      method: 'POST',
      json: { model, prompt: ['The quick brown fox', 'Once upon a time'], n: 2, temperature: 0 },
    });
    expect(body.object).toBe('text_completion');
    expect(body.choices.map((c: Json) => c.index)).toEqual([0, 1, 2, 3]);
    expect(body.choices[0].text).toBe(body.choices[1].text);
    expect(body.choices[0].text).not.toBe(body.choices[2].text);
    expect(body.choices[0].text).toMatch(/^ [a-z]/); // continues the prompt
    expect(body.usage.prompt_tokens).toBe(5 + 5);
  });

  it('take token ids, refuse a mix of kinds, and default max_tokens to 16', async () => {
    const model = await importModel();
    const ids = await apiJson<Json>('/v1/completions', {
      method: 'POST',
      json: { model, prompt: [504, 2365, 6354] },
    });
    expect(ids.body.usage.prompt_tokens).toBe(3);
    const mixed = await apiJson<Json>('/v1/completions', {
      method: 'POST',
      json: { model, prompt: ['a', 5] },
    });
    expect(mixed.body.error).toMatchObject({ code: 'invalid_request', param: 'prompt' });
    server.mock.scenarios.nextCompletion(' a'.repeat(40));
    const long = await apiJson<Json>('/v1/completions', { method: 'POST', json: { model, prompt: 'x' } });
    expect(long.body.choices[0]).toMatchObject({ finish_reason: 'length' });
    expect(long.body.usage.completion_tokens).toBe(16);
  });

  it('answer the legacy logprobs object, and stream chunks that add up to the text', async () => {
    const model = await importModel();
    const asked = { model, prompt: 'The quick brown fox', max_tokens: 4, logprobs: 2 };
    const whole = (await apiJson<Json>('/v1/completions', { method: 'POST', json: asked })).body;
    const lp = whole.choices[0].logprobs;
    expect(lp.tokens.join('')).toBe(whole.choices[0].text);
    expect(lp.text_offset[0]).toBe('The quick brown fox'.length);
    expect(Object.keys(lp.top_logprobs[0])).toHaveLength(2);
    const read = await events(
      await api('/v1/completions', {
        method: 'POST',
        json: { ...asked, stream: true, stream_options: { include_usage: true } },
      }),
    );
    const chunks = read.slice(0, -2) as Json[];
    expect(chunks.map((c) => c.choices[0].text).join('')).toBe(whole.choices[0].text);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('length');
    expect((read.at(-2) as Json).usage).toEqual(whole.usage);
  });

  it('batch: a choice per prompt and sample with its prompt_index, repeatable with a seed', async () => {
    const model = await importModel();
    const asked = { model, prompts: ['Name a warm color.', 'Name a cool color.'], n: 2, seed: 7 };
    const { status, body } = await apiJson<Json>('/v1/completions/batch', { method: 'POST', json: asked });
    expect(status).toBe(200);
    expect(body.choices.map((c: Json) => [c.index, c.prompt_index])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    expect(
      (await apiJson<Json>('/v1/completions/batch', { method: 'POST', json: asked })).body.choices,
    ).toEqual(body.choices);
  });
});

describe('embeddings', () => {
  it('answer a vector of the model’s width per input, the same for the same input', async () => {
    const model = await importModel();
    const asked = { model, input: ['Cheap meds online', 'Meeting notes from Tuesday'] };
    const { body } = await apiJson<Json>('/v1/embeddings', { method: 'POST', json: asked });
    const width = (await apiJson<Json>(`/v1/models/${encodeURIComponent(model)}`)).body.architecture.d_model;
    expect(body.data.map((d: Json) => [d.index, d.embedding.length])).toEqual([
      [0, width],
      [1, width],
    ]);
    expect(body.data[0].embedding).not.toEqual(body.data[1].embedding);
    const again = await apiJson<Json>('/v1/embeddings', {
      method: 'POST',
      json: { model, input: 'Cheap meds online' },
    });
    expect(again.body.data[0].embedding).toEqual(body.data[0].embedding);
    expect(body.usage).toEqual({ prompt_tokens: 4 + 5, total_tokens: 4 + 5 });
  });

  it('answer little-endian float32 in base64 when asked, and refuse an empty input', async () => {
    const model = await importModel();
    const floats = await apiJson<Json>('/v1/embeddings', { method: 'POST', json: { model, input: 'hello' } });
    const base64 = await apiJson<Json>('/v1/embeddings', {
      method: 'POST',
      json: { model, input: 'hello', encoding_format: 'base64' },
    });
    const bytes = Uint8Array.from(atob(base64.body.data[0].embedding), (c) => c.charCodeAt(0));
    expect([...new Float32Array(bytes.buffer)]).toEqual(floats.body.data[0].embedding.map(Math.fround));
    const empty = await apiJson<Json>('/v1/embeddings', {
      method: 'POST',
      json: { model, input: ['a', ''] },
    });
    expect(empty.body.error).toMatchObject({ code: 'invalid_request', param: 'input' });
  });
});

describe('serving statistics', () => {
  it('count tokens and requests, list the tenant’s loaded models and its recent requests newest first', async () => {
    const model = await importModel();
    const empty = (await apiJson<Json>('/v1/stats/decode')).body;
    expect(empty).toMatchObject({ generated_tokens: 0, requests: 0, models: [] });
    expect(empty.time_to_first_token_ms).toEqual({ p50: null, p90: null, p99: null, samples: 0 });
    const a = (await chat({ model, messages, n: 2, temperature: 0.7 })).body;
    await chat({ model: 'local/nope', messages });
    const streamed = await api('/v1/completions', {
      method: 'POST',
      json: { model, prompt: 'x', stream: true },
    });
    await streamed.text();
    const stats = (await apiJson<Json>('/v1/stats/decode')).body;
    expect(stats.requests).toBe(2); // a refused request is not counted, as on the server
    expect(stats.generated_tokens).toBeGreaterThanOrEqual(a.usage.completion_tokens);
    expect(stats.tokens_per_second).toBeGreaterThan(0);
    expect(stats.time_to_first_token_ms.samples).toBe(2);
    expect(stats.models).toHaveLength(1);
    expect(stats.models[0]).toMatchObject({ model, max_batch: 16, max_batch_size: 2 });
    expect(stats.memory.used_bytes).toBe(stats.models[0].weights_bytes + stats.models[0].kv_cache_bytes);

    const recent = (await apiJson<Json>('/v1/stats/recent-requests')).body.data;
    expect(recent.map((r: Json) => [r.endpoint, r.status, r.stream, r.error_code])).toEqual([
      ['completions', 200, true, null],
      ['chat.completions', 200, false, null],
    ]);
    expect(recent[1]).toMatchObject({
      n: 2,
      temperature: 0.7,
      finish_reasons: ['stop', 'stop'],
      completion_tokens: a.usage.completion_tokens,
      request_id: a.id.replace(/^chatcmpl-/, ''),
    });
    expect((await apiJson<Json>('/v1/stats/recent-requests?limit=1')).body.data).toHaveLength(1);
    expect((await apiJson<Json>('/v1/stats/recent-requests?tenant_id=acme')).body.data).toEqual([]);
    expect((await apiJson<Json>('/v1/stats/recent-requests?limit=0')).status).toBe(400);
  });

  it('/v1/config reports how the mock serves', async () => {
    const { body } = await apiJson<Json>('/v1/config');
    expect(body.serving).toMatchObject({ max_batch: 16, max_context: 2048 });
  });
});
