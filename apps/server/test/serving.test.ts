// Serving (POST /v1/chat/completions and the rest) against the real server: the official openai
// clients for Node and Python, unchanged; greedy decoding against the engine's own; concurrent
// streams decoded in shared batches; disconnects; bad requests; tenants.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, generate, loadModel, Rng } from '@distillery/engine';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, client, removeDir, startServer, type TestServer, tempDir, until } from './support/harness.ts';

const FIXTURE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'packages',
  'engine',
  'test',
  'fixtures',
  'import',
);
const PY = join(import.meta.dirname, 'openai-py');
const RATE_LIMIT = 40;

let server: TestServer;
let base: string;
/** Keys of tenant acme by use (each has its own rate-limit window), and of tenant globex. */
const keys: Record<string, string> = {};
let model: string;

function createKey(dataDir: string, name: string, tenant: string, scopes?: string): string {
  const made = cli([
    'keys',
    'create',
    '--data-dir',
    dataDir,
    '--tenant',
    tenant,
    '--name',
    name,
    ...(scopes ? ['--scopes', scopes] : []),
  ]);
  if (made.status !== 0) throw new Error(`keys create failed:\n${made.stderr}`);
  return JSON.parse(made.stdout).key;
}

/** The engine's import fixture (a two-layer SmolLM-style checkpoint with a chat template) as a folder upload. */
function fixtureForm(): FormData {
  const form = new FormData();
  form.append('name', 'tiny-smollm');
  for (const f of [
    'config.json',
    'model.safetensors',
    'tokenizer.json',
    'tokenizer_config.json',
    'generation_config.json',
  ])
    form.append('file', new File([readFileSync(join(FIXTURE, 'smollm-f32', f))], f));
  return form;
}

const openai = (key: string, options: { maxRetries?: number } = {}) =>
  new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: options.maxRetries ?? 0 });

/** A raw streaming request: its events' data, in order. */
async function streamEvents(
  key: string,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<string[]> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await res.text();
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .trim()
    .split('\n\n')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      return event.slice('data: '.length);
    });
}

beforeAll(async () => {
  const venv = spawnSync('bash', [join(PY, 'venv.sh')], { encoding: 'utf8' });
  if (venv.status !== 0) throw new Error(`installing the openai Python client failed:\n${venv.stderr}`);
  const dataDir = tempDir();
  for (const name of [
    'node',
    'python',
    'limited',
    'limitedPython',
    'misc',
    'concurrent',
    'disconnect',
    'deleter',
  ])
    keys[name] = createKey(dataDir, name, 'acme');
  keys.readOnly = createKey(dataDir, 'read-only', 'acme', 'models:read');
  keys.globex = createKey(dataDir, 'globex', 'globex');
  server = await startServer({
    dataDir,
    args: ['--no-worker'],
    env: { DISTILLERY_RATE_LIMIT: String(RATE_LIMIT), DISTILLERY_SERVING_MAX_BATCH: '16' },
  });
  base = server.url;
  const res = await fetch(`${base}/v1/models`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.misc}` },
    body: fixtureForm(),
  });
  const imported = await res.json();
  expect(res.status, JSON.stringify(imported)).toBe(201);
  model = imported.id;
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('serving, OpenAI-compatible', () => {
  it("GET /v1/models answers OpenAI's list shape, our fields beside", async () => {
    const list = await client(base, keys.misc)('GET', '/v1/models');
    expect(list.json.object).toBe('list');
    const served = list.json.data.find((m: { id: string }) => m.id === model);
    expect(served).toMatchObject({
      object: 'model',
      owned_by: 'acme',
      kind: 'imported',
      chat_template: true,
    });
    expect(Number.isInteger(served.created)).toBe(true);
  });

  it('the official openai npm client works unchanged: models, chat (plain and streamed), completions, embeddings, errors', async () => {
    const ai = openai(keys.node as string);
    const ids = [];
    for await (const m of ai.models.list()) ids.push(m.id);
    expect(ids).toContain(model);

    const messages = [{ role: 'user' as const, content: 'Is this mail spam? Subject: cheap meds' }];
    const chat = await ai.chat.completions.create({ model, messages, max_tokens: 6, temperature: 0 });
    expect(chat.object).toBe('chat.completion');
    expect(chat.choices[0]?.message.role).toBe('assistant');
    expect(typeof chat.choices[0]?.message.content).toBe('string');
    expect(['stop', 'length']).toContain(chat.choices[0]?.finish_reason);
    expect(chat.usage?.total_tokens).toBe(
      (chat.usage?.prompt_tokens ?? 0) + (chat.usage?.completion_tokens ?? 0),
    );

    const stream = await ai.chat.completions.create({
      model,
      messages,
      max_tokens: 6,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const streamed = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    // Greedy, so the stream says what the plain answer said.
    expect(streamed).toBe(chat.choices[0]?.message.content);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(chat.usage);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);

    const completion = await ai.completions.create({
      model,
      prompt: 'The quick brown fox',
      max_tokens: 5,
      temperature: 0,
    });
    expect(completion.object).toBe('text_completion');
    expect(typeof completion.choices[0]?.text).toBe('string');
    expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(5);

    // The client asks for base64 and decodes it.
    const embedded = await ai.embeddings.create({ model, input: ['Cheap meds online', 'Meeting notes'] });
    expect(embedded.data.map((e) => e.embedding.length)).toEqual([64, 64]);
    expect(embedded.data[0]?.embedding.every(Number.isFinite)).toBe(true);
    expect(embedded.data[0]?.embedding).not.toEqual(embedded.data[1]?.embedding);
    const floats = await ai.embeddings.create({
      model,
      input: 'Cheap meds online',
      encoding_format: 'float',
    });
    expect(floats.data[0]?.embedding).toEqual(embedded.data[0]?.embedding.map((x) => Math.fround(x)));

    const unknown = await ai.chat.completions
      .create({ model: 'local/mdl_nothere', messages })
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({
      status: 404,
      code: 'model_not_found',
      type: 'not_found_error',
      param: 'model',
    });
    const otherTenant = await openai(keys.globex as string)
      .chat.completions.create({ model, messages })
      .catch((e) => e);
    expect(otherTenant).toBeInstanceOf(OpenAI.NotFoundError);

    const unknownField = await ai.chat.completions
      .create({ model, messages, adapters: [{ name: 'default', scale: 0.7 }] } as never)
      .catch((e) => e);
    expect(unknownField).toBeInstanceOf(OpenAI.BadRequestError);
    expect(unknownField).toMatchObject({ param: 'adapters', type: 'invalid_request_error' });

    const badKey = await openai(`dk_live_${'x'.repeat(32)}`)
      .models.list()
      .catch((e) => e);
    expect(badKey).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(badKey).toMatchObject({ status: 401, type: 'authentication_error' });

    const limited = openai(keys.limited as string);
    let refusal: unknown;
    for (let i = 0; i <= RATE_LIMIT && !refusal; i++)
      refusal = await limited.models.list().then(
        () => undefined,
        (e) => e,
      );
    expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refusal).toMatchObject({ status: 429, type: 'rate_limit_error' });
  });

  it('the official openai Python client works unchanged', () => {
    const run = spawnSync(join(PY, '.venv', 'bin', 'python'), [join(PY, 'check.py')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BASE_URL: `${base}/v1`,
        API_KEY: keys.python,
        LIMITED_KEY: keys.limitedPython,
        MODEL: model,
      },
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const seen = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    expect(seen.models).toContain(model);
    expect(seen.chat).toMatchObject({ object: 'chat.completion', role: 'assistant' });
    expect(seen.stream.content).toBe(seen.chat.content);
    expect(seen.stream.finish_reasons).toEqual([seen.chat.finish_reason]);
    // include_usage: the last chunk before [DONE] has no choices and the usage; no other has usage.
    expect(seen.stream.last_choices).toBe(0);
    expect(seen.stream.last_usage).toEqual(seen.chat.usage);
    expect(seen.stream.usage_before_last.every((u: boolean) => !u)).toBe(true);
    expect(seen.completion).toMatchObject({ object: 'text_completion', text_is_str: true });
    expect(seen.embeddings).toEqual({ count: 2, dims: [64, 64], finite: true, differ: true });
    expect(seen.not_found).toMatchObject({ class: 'NotFoundError', status: 404, code: 'model_not_found' });
    expect(seen.bad_request).toMatchObject({ class: 'BadRequestError', status: 400, param: 'n' });
    expect(seen.authentication).toMatchObject({ class: 'AuthenticationError', status: 401 });
    expect(seen.rate_limited).toMatchObject({ class: 'RateLimitError', status: 429, code: 'rate_limited' });
  }, 300_000);

  it("greedy decoding through the server equals the engine's own greedy generation, prompts decoded together", async () => {
    const dir = join(server.dataDir, 'models', 'acme', model.replace(/^local\//, ''));
    const backend = await createBackend('cpu');
    const { model: engineModel, tokenizer } = await loadModel(dir, backend);
    const prompts = [
      [1, 17, 300, 42],
      [1, 5],
      [1, 900, 901, 902, 903, 904, 905],
      [1, 64, 128, 256],
    ];
    const call = client(base, keys.misc);
    const answers = await Promise.all(
      prompts.map((prompt) =>
        call('POST', '/v1/completions', { model, prompt, max_tokens: 12, temperature: 0 }),
      ),
    );
    for (const [i, prompt] of prompts.entries()) {
      const [own] = await generate(engineModel, [prompt], {
        maxNewTokens: 12,
        temperature: 0,
        stopTokens: [tokenizer.eos],
        rng: new Rng(0),
      });
      expect(answers[i]?.status).toBe(200);
      expect(answers[i]?.json.choices[0].text).toBe(tokenizer.decode(own?.tokens ?? []));
      expect(answers[i]?.json.choices[0].finish_reason).toBe(
        (own?.tokens.length ?? 0) < 12 ? 'stop' : 'length',
      );
    }
    engineModel.destroy();
    backend.destroy();
  });

  it("greedy decoding of the imported checkpoint equals transformers' generate on the same prompts", async () => {
    // reference.json: transformers' model.generate(do_sample=False) from the folder as saved, run
    // without an eos stop; the server stops at eos, so the comparison ends where transformers' first
    // eos was.
    const ref = JSON.parse(readFileSync(join(FIXTURE, 'smollm-f32', 'reference.json'), 'utf8')) as {
      special_token_ids: { eos_token: number };
      prompts: { ids: number[]; greedy_f64: number[]; greedy_f64_first_eos?: number | null }[];
    };
    const dir = join(server.dataDir, 'models', 'acme', model.replace(/^local\//, ''));
    const backend = await createBackend('cpu');
    const { model: engineModel, tokenizer } = await loadModel(dir, backend);
    const call = client(base, keys.misc);
    for (const p of ref.prompts) {
      const eos = p.greedy_f64.indexOf(ref.special_token_ids.eos_token);
      const want = eos < 0 ? p.greedy_f64 : p.greedy_f64.slice(0, eos);
      const r = await call('POST', '/v1/completions', {
        model,
        prompt: p.ids,
        max_tokens: p.greedy_f64.length,
        temperature: 0,
      });
      expect(r.status).toBe(200);
      expect(r.json.choices[0].text).toBe(tokenizer.decode(want));
      expect(r.json.choices[0].finish_reason).toBe(eos < 0 ? 'length' : 'stop');
    }
    engineModel.destroy();
    backend.destroy();
  });

  it('16 concurrent streaming requests to one model are decoded in shared batches', async () => {
    const key = keys.concurrent as string;
    const streams = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        streamEvents(key, '/v1/chat/completions', {
          model,
          messages: [{ role: 'user', content: `Mail number ${i}: is it spam?` }],
          max_tokens: 128,
          temperature: 0.8,
          seed: i,
          stream: true,
          stream_options: { include_usage: true },
        }),
      ),
    );
    for (const events of streams) {
      expect(events.at(-1)).toBe('[DONE]');
      const usage = JSON.parse(events.at(-2) as string);
      expect(usage.choices).toEqual([]);
      expect(usage.usage.completion_tokens).toBeGreaterThan(0);
    }
    const stats = await client(base, key)('GET', '/v1/stats/decode');
    expect(stats.status).toBe(200);
    const served = stats.json.models.find((m: { model: string }) => m.model === model);
    expect(served.max_batch).toBe(16);
    // Several sequences in one forward pass: continuous batching, not one request at a time.
    expect(served.max_batch_size).toBeGreaterThan(1);
    expect(stats.json.max_batch_size).toBeGreaterThan(1);
    expect(stats.json.generated_tokens).toBeGreaterThan(16);
    expect(stats.json.inter_token_latency_ms.samples).toBeGreaterThan(0);
    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    const value = (name: string) => Number(metrics.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);
    expect(value('distillery_serving_batch_size_max')).toBeGreaterThan(1);
    expect(value('distillery_serving_generated_tokens_total')).toBeGreaterThan(16);
    expect(value('distillery_serving_queue_depth')).toBe(0);
    expect(metrics).toContain('distillery_serving_time_to_first_token_seconds_count');
    // Nothing in /metrics, which anyone may read, names a model or a tenant.
    expect(metrics).not.toContain(model);
  });

  it('a client that disconnects frees its slots at once', async () => {
    const key = keys.disconnect as string;
    const decode = async () => (await client(base, key)('GET', '/v1/stats/decode')).json;
    const before = (await decode()).generated_tokens;
    // 64 sequences of up to 200 tokens: many decode steps of work, far more than the wait below.
    const controller = new AbortController();
    const res = await fetch(`${base}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model, prompt: 'Once upon a time', max_tokens: 200, n: 64, stream: true }),
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const busy = await decode();
    expect(busy.active_sequences).toBeGreaterThan(0);
    controller.abort();
    const aborted = performance.now();
    await until(
      async () => {
        const stats = await decode();
        return stats.active_sequences === 0 && stats.queued_sequences === 0 ? true : undefined;
      },
      30_000,
      20,
    );
    const freedMs = performance.now() - aborted;
    expect(freedMs).toBeLessThan(5_000);
    // The queued sequences never ran: far fewer tokens than the request asked for.
    expect((await decode()).generated_tokens - before).toBeLessThan((64 * 200) / 2);
    const recent = await client(base, key)('GET', '/v1/stats/recent-requests?limit=3');
    const record = recent.json.data.find((r: { n: number }) => r.n === 64);
    expect(record).toMatchObject({ endpoint: 'completions', stream: true, status: 499 });
  });

  it('bad requests are 400 or 404 naming the field, in our envelope with OpenAI’s type', async () => {
    const call = client(base, keys.misc);
    const messages = [{ role: 'user', content: 'hi' }];
    const cases: [unknown, number, string][] = [
      [{ model, messages, adapters: [] }, 400, 'adapters'],
      [{ model, messages, n: 0 }, 400, 'n'],
      [{ model, messages, n: 65 }, 400, 'n'],
      [{ model, messages: [] }, 400, 'messages'],
      [{ model, messages: [{ role: 'robot', content: 'hi' }] }, 400, 'messages[0].role'],
      [{ model, messages, temperature: 3 }, 400, 'temperature'],
      [{ model, messages, top_logprobs: 2 }, 400, 'top_logprobs'],
      [{ model, messages: [{ role: 'user', content: 'word '.repeat(400) }] }, 400, 'messages'],
      [{ model: 'distillery-micro', messages }, 400, 'model'],
      [{ model: 'local/mdl_nothere', messages }, 404, 'model'],
    ];
    for (const [body, status, param] of cases) {
      const res = await call('POST', '/v1/chat/completions', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.json.error).toMatchObject({
        param,
        status,
        type: status === 404 ? 'not_found_error' : 'invalid_request_error',
      });
      expect(res.json.error.request_id).toBe(res.headers.get('x-request-id'));
    }
    const long = await call('POST', '/v1/completions', { model, prompt: ['hi', 'word '.repeat(400)] });
    expect(long.status).toBe(400);
    expect(long.json.error.param).toBe('prompt[1]');
    expect(long.json.error.message).toMatch(
      /^prompt\[1\] is \d+ tokens, longer than the context of 256 tokens/,
    );
    const mixed = await call('POST', '/v1/completions', { model, prompt: ['hi', 3] });
    expect(mixed.json.error).toMatchObject({ param: 'prompt', status: 400 });
    const token = await call('POST', '/v1/completions', { model, prompt: [1, 5000] });
    expect(token.json.error).toMatchObject({ param: 'prompt[1]', status: 400 });
    const emptyInput = await call('POST', '/v1/embeddings', { model, input: [] });
    expect(emptyInput.json.error).toMatchObject({ param: 'input', status: 400 });
    const noScope = await client(base, keys.readOnly)('POST', '/v1/chat/completions', { model, messages });
    expect(noScope.status).toBe(403);
    expect(noScope.json.error).toMatchObject({ code: 'forbidden', type: 'permission_error' });
  });

  it('reference 004: batch completions, repeatable with a seed', async () => {
    const call = client(base, keys.misc);
    const body = { prompts: ['Name a warm color.', 'Name a cool color.'], max_tokens: 8, seed: 7, n: 2 };
    const first = await call('POST', '/v1/completions/batch', body);
    expect(first.status).toBe(200);
    // Without `model`: the tenant's only model.
    expect(first.json.model).toBe(model);
    expect(
      first.json.choices.map((c: { index: number; prompt_index: number }) => [c.index, c.prompt_index]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    const again = await call('POST', '/v1/completions/batch', body);
    expect(again.json.choices).toEqual(first.json.choices);
    // Sample k of a prompt is drawn with seed + k, so the two samples of a prompt differ.
    expect(first.json.choices[0].text).not.toBe(first.json.choices[1].text);
  });

  it('nothing leaks across tenants', async () => {
    const other = client(base, keys.globex);
    const models = await other('GET', '/v1/models');
    expect(models.json.data.map((m: { id: string }) => m.id)).not.toContain(model);
    const recent = await other('GET', '/v1/stats/recent-requests');
    expect(recent.json.data).toEqual([]);
    const decode = await other('GET', '/v1/stats/decode');
    expect(decode.json.models).toEqual([]);
    const mine = await client(base, keys.misc)('GET', '/v1/stats/recent-requests?limit=256');
    expect(mine.json.data.length).toBeGreaterThan(10);
    expect(mine.json.data.every((r: { model: string | null }) => r.model === model || r.model === null)).toBe(
      true,
    );
    // A tenant cannot name another's: only admins may.
    const named = await other('GET', '/v1/stats/recent-requests?tenant_id=acme');
    expect(named.status).toBe(403);
  });

  it('deleting a served model unloads it', async () => {
    const call = client(base, keys.deleter);
    const loaded = await call('GET', '/v1/stats/decode');
    expect(loaded.json.models.map((m: { model: string }) => m.model)).toContain(model);
    const deleted = await call('DELETE', `/v1/models/${encodeURIComponent(model)}`);
    expect(deleted.status).toBe(204);
    const after = await call('GET', '/v1/stats/decode');
    expect(after.json.models).toEqual([]);
    expect(after.json.memory.used_bytes).toBe(0);
    const gone = await call('POST', '/v1/chat/completions', {
      model,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(gone.status).toBe(404);
  });
});
