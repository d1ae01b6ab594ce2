// The reference server behind Prism's validating proxy (`prism proxy --errors`, the hook
// @distillery/mock provides): every request and response of these flows is checked against the spec
// on the wire, and the TypeScript SDK drives them, so a drift between server, spec and SDK fails here.

import { type PrismServer, startPrismProxy } from '@distillery/mock/prism';
import { Distillery, type DistilleryError } from '@distillery/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailJsonl, removeDir, startServer, type TestServer } from './support/harness.ts';

let server: TestServer;
let proxy: PrismServer;
let sdk: Distillery;

beforeAll(async () => {
  server = await startServer();
  proxy = await startPrismProxy(server.url);
  sdk = new Distillery({ baseUrl: proxy.url, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

/** The error an SDK call rejects with, or a failure when it resolves. */
async function rejection(call: Promise<unknown>): Promise<DistilleryError> {
  return call.then(
    (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value)}`);
    },
    (error: DistilleryError) => error,
  );
}

it('a fine-tuning and a distillation, end to end, conform to the spec on the wire', async () => {
  const dataset = await sdk.datasets.upload({ file: new Blob([mailJsonl(40)]), name: 'mail' });
  expect(dataset.row_count).toBe(40);
  const tuning = await sdk.fineTuning.jobs.create({
    name: 'teacher',
    base_model: 'distillery-nano',
    training_dataset: dataset.id,
    hyperparameters: { epochs: 2, batch_size: 8, seq_len: 32 },
  });
  const teacher = await sdk.fineTuning.jobs.waitForCompletion(tuning.id, {
    pollInterval: 300,
    useEvents: false,
  });
  const job = await sdk.jobs.create({
    name: 'student',
    config: {
      teacher_model: teacher.result_model!,
      student_model: 'distillery-pico',
      dataset_id: dataset.id,
      training_steps: 10,
      batch_size: 4,
      seq_len: 32,
    },
  });
  const done = await sdk.jobs.waitForCompletion(job.id, { pollInterval: 300, useEvents: false });
  expect(done.status).toBe('completed');

  const [page, logs, metrics, artifacts, models, hardware, stats, config, health] = await Promise.all([
    sdk.jobs.list({ limit: 5 }),
    sdk.jobs.logs(job.id, { lines: 20 }),
    sdk.jobs.metrics(job.id),
    sdk.jobs.artifacts.list(job.id),
    sdk.models.list(),
    sdk.hardware.get(),
    sdk.stats.get(),
    sdk.config.get(),
    sdk.health.get(),
  ]);
  expect(page.data.map((j) => j.id)).toContain(job.id);
  expect(logs.lines.length).toBeGreaterThan(0);
  expect(metrics.points).toHaveLength(10);
  expect(artifacts.artifacts?.map((a) => a.format)).toContain('gguf_q8_0');
  expect(models.data.map((m) => m.id)).toContain(teacher.result_model);
  expect(hardware.backends.map((b) => b.name)).toContain('cpu');
  expect(stats.distillation_jobs.total).toBeGreaterThanOrEqual(1);
  expect(config.auth_mode).toBe('loopback');
  expect(health.status).toBe('ok');
  expect(await sdk.fineTuning.stats()).toMatchObject({ total: 1 });
}, 180_000);

// Prism answers requests that break the spec itself, so the server's 400s are tested without it.
it('error responses conform too: 404 and 409', async () => {
  expect(await rejection(sdk.jobs.get('job_doesnotexist'))).toMatchObject({
    status: 404,
    code: 'job_not_found',
  });
  const [finished] = (await sdk.jobs.list({ status: 'completed', limit: 1 })).data;
  expect(await rejection(sdk.jobs.cancel(finished!.id))).toMatchObject({ status: 409, code: 'job_terminal' });
  expect(proxy.output()).not.toMatch(/violation/i);
}, 60_000);
