/**
 * Contract tests through Prism. `prism mock` serves the spec's own examples: the TypeScript SDK
 * must be able to call every resource it wraps and get back responses that validate. `prism proxy
 * --errors` in front of a server is the hook the server's e2e tests use: here it fronts the
 * stateful mock over HTTP (which must pass) and a deliberately broken upstream (which must not).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Distillery } from '@distillery/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrismServer, startPrismMock, startPrismProxy } from '../prism/prism';
import { type MockHttpServer, startMockHttpServer } from '../src/http-server';
import { checkResponse } from './support/contract';

/** A fetch that checks every response against the spec before handing it to the SDK. */
function checkingFetch(problems: string[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const checked = await checkResponse(request.method, request.url, response.clone());
    problems.push(...checked.problems);
    return response;
  };
}

describe('the SDK against prism mock', () => {
  let prism: PrismServer;
  const problems: string[] = [];
  beforeAll(async () => {
    prism = await startPrismMock();
  }, 90_000);
  afterAll(() => prism?.stop());

  it('gets valid responses from every resource it wraps', async () => {
    const sdk = new Distillery({ baseUrl: prism.url, maxRetries: 0, fetch: checkingFetch(problems) });
    const job = await sdk.jobs.create({
      name: 'ticket-triage v1',
      config: { teacher_model: 'openai/gpt-4o', student_model: 'llama-3.2-1b', num_prompts: 500 },
    });
    expect(job).toMatchObject({ status: 'pending', phase: 'initializing' });
    expect((await sdk.jobs.get(job.id)).id).toBe('job_abc123');
    expect((await sdk.jobs.cancel(job.id)).status).toBe('cancelled');
    await sdk.jobs.estimate({
      config: { teacher_model: 'local/ft-spam-teacher', student_model: 'distillery-micro' },
    });
    await sdk.jobs.artifacts.list(job.id);
    await sdk.jobs.logs(job.id);
    await sdk.jobs.metrics(job.id);
    await sdk.fineTuning.jobs.get('ftjob_abc123');
    await sdk.fineTuning.baseModels();
    await sdk.fineTuning.stats();
    await sdk.datasets.get('ds_2b7f1c9e4a');
    await sdk.models.list();
    await sdk.hardware.get();
    await sdk.stats.get();
    await sdk.config.get();
    await sdk.health.get();
    expect(problems).toEqual([]);
  });

  it('answers the serving examples, the non-streamed ones (Prism cannot stream them)', async () => {
    const sdk = new Distillery({ baseUrl: prism.url, maxRetries: 0, fetch: checkingFetch(problems) });
    const chat = await sdk.chat.completions.create({
      model: 'local/ft-spam-teacher',
      messages: [{ role: 'user', content: 'Subject: Cheap meds online, no prescription' }],
      max_tokens: 8,
      temperature: 0,
    });
    expect(chat.choices[0]).toMatchObject({ message: { content: 'spam' }, finish_reason: 'stop' });
    const text = await sdk.completions.create({
      model: 'local/mdl_7k2m9x4q1c8v',
      prompt: 'The quick brown fox',
    });
    expect(text.choices[0]?.text).toBe(' jumps over the lazy dog.');
    const batch = await sdk.completions.batch({
      prompts: ['Name a warm color.', 'Name a cool color.'],
      seed: 7,
    });
    expect(batch.choices.map((c) => c.prompt_index)).toEqual([0, 1]);
    const embeddings = await sdk.embeddings.create({ input: ['Cheap meds online', 'Meeting notes'] });
    expect(embeddings.data).toHaveLength(2);
    expect((await sdk.stats.decode()).tokens_per_second).toBe(412.5);
    expect((await sdk.stats.recentRequests({ limit: 10 })).data[0]?.endpoint).toBe('chat.completions');
    // A body the spec refuses (an unknown field) is Prism's 400 too.
    await expect(
      sdk.chat.completions.create({ messages: [], frequency_penalty: 1 } as never),
    ).rejects.toMatchObject({ status: 400 });
    expect(problems).toEqual([]);
  });

  it('serves the completed example on request, and refuses an invalid body as the spec says', async () => {
    const completed = await fetch(`${prism.url}/v1/distillation/job_abc123`, {
      headers: { Prefer: 'example=completed' },
    });
    const check = await checkResponse('GET', completed.url, completed.clone());
    expect(check.problems).toEqual([]);
    expect(await completed.json()).toMatchObject({
      status: 'completed',
      results: { threshold_passed: true },
    });
    const invalid = await fetch(`${prism.url}/v1/distillation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: { teacher_model: 'openai/gpt-4o', student_model: 'x', bond_beta: 2 } }),
    });
    // Prism answers a request that breaks the schema with the operation's declared 400 example.
    expect(invalid.status).toBe(400);
    expect((await checkResponse('POST', invalid.url, invalid.clone())).problems).toEqual([]);
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_config' } });
  });
});

describe('prism proxy --errors', () => {
  let upstream: MockHttpServer;
  let broken: Server;
  let proxy: PrismServer;
  let brokenProxy: PrismServer;

  beforeAll(async () => {
    upstream = await startMockHttpServer({ clock: { mode: 'realtime', speed: 100 } });
    // An upstream that drifts: a job whose status is not one the spec allows.
    broken = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      res.end(JSON.stringify({ id: 'job_abc123', status: 'training_hard', phase: 'done' }));
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    [proxy, brokenProxy] = await Promise.all([startPrismProxy(upstream.url), startPrismProxy(brokenUrl)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([proxy?.stop(), brokenProxy?.stop(), upstream?.close()]);
    broken?.close();
  });

  it('passes the stateful mock: the SDK drives a job to completion through the proxy', async () => {
    const sdk = new Distillery({ baseUrl: proxy.url, maxRetries: 0 });
    const job = await sdk.jobs.create({
      name: 'through prism',
      config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-micro', training_steps: 20 },
    });
    const done = await sdk.jobs.waitForCompletion(job.id, { useEvents: false, pollInterval: 50 });
    expect(done.status).toBe('completed');
    const artifacts = await sdk.jobs.artifacts.list(job.id);
    expect(artifacts.artifacts?.length).toBeGreaterThan(0);
    const dataset = await sdk.datasets.list();
    expect(dataset).toBeDefined();
  }, 30_000);

  it('turns a response that breaks the spec into an error', async () => {
    const response = await fetch(`${brokenProxy.url}/v1/distillation/job_abc123`);
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await response.text()).toMatch(/status|enum|violation/i);
  });
});
