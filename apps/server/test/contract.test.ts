// The reference server behind Prism's validating proxy (`prism proxy --errors`, the hook
// @distillery/mock provides): every request and response of these flows is checked against the spec
// on the wire, and the TypeScript SDK drives them, so a drift between server, spec and SDK fails here.
// The same suite runs on PGlite in one process and on PostgreSQL with two worker processes.

import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismServer, startPrismProxy } from '@distillery/mock/prism';
import { Distillery, type DistilleryError, JobCancelledError, JobFailedError } from '@distillery/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Deployment,
  mailJsonl,
  postgresAdminUrl,
  startPgliteDeployment,
  startPostgresDeployment,
} from './support/harness.ts';

const deployments: Array<[string, () => Promise<Deployment>]> = [
  ['PGlite, API and worker in one process', startPgliteDeployment],
  ...(postgresAdminUrl
    ? [
        [
          'PostgreSQL, API and two worker processes',
          () => startPostgresDeployment(postgresAdminUrl as string),
        ] as [string, () => Promise<Deployment>],
      ]
    : []),
];

describe.each(deployments)('%s', (_name, start) => {
  let deployment: Deployment;
  let proxy: PrismServer;
  let sdk: Distillery;

  beforeAll(async () => {
    deployment = await start();
    proxy = await startPrismProxy(deployment.server.url);
    sdk = new Distillery({ baseUrl: proxy.url, maxRetries: 0 });
  }, 120_000);

  // When a test fails, what the server and workers said is the first thing to read.
  afterEach(({ task }) => {
    if (task.result?.state !== 'fail') return;
    const outputs = [deployment.server, ...deployment.workers].map((p) => p.output().slice(-3000));
    console.error(`server and worker output, last characters:\n${outputs.join('\n---\n')}`);
  });

  afterAll(async () => {
    await proxy?.stop();
    await deployment?.stop();
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

    // The student's GGUF lands on disk only when its sha256 matches the server's. Straight from the
    // server: Prism's proxy re-encodes binary bodies as text, which corrupts them.
    const direct = new Distillery({ baseUrl: deployment.server.url, maxRetries: 0 });
    const file = await direct.jobs.artifacts.download(
      job.id,
      'gguf_q8_0',
      join(await mkdtemp(join(tmpdir(), 'gguf-')), 'student.gguf'),
    );
    const bytes = await readFile(file.path);
    expect(bytes.subarray(0, 4).toString()).toBe('GGUF');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      artifacts.artifacts?.find((a) => a.format === 'gguf_q8_0')?.checksum_sha256,
    );

    // Cancel mid-training: the wait ends with JobCancelledError and the job keeps its phase.
    const long = await sdk.jobs.create({
      config: {
        teacher_model: teacher.result_model!,
        student_model: 'distillery-pico',
        dataset_id: dataset.id,
        training_steps: 5000,
        seq_len: 32,
      },
    });
    let training = await sdk.jobs.get(long.id);
    while (training.phase !== 'training' || !training.progress.training_step) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      training = await sdk.jobs.get(long.id);
    }
    await sdk.jobs.cancel(long.id);
    const cancelled = await rejection(
      sdk.jobs.waitForCompletion(long.id, { pollInterval: 200, useEvents: false }),
    );
    expect(cancelled).toBeInstanceOf(JobCancelledError);
    expect((cancelled as JobCancelledError).job).toMatchObject({ status: 'cancelled', phase: 'training' });
  }, 240_000);

  it('a failed job restarts and runs again', async () => {
    // No OpenAI-compatible endpoint is configured, so a hosted teacher fails in data_generation.
    const job = await sdk.jobs.create({
      config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-pico' },
    });
    const failed = await rejection(
      sdk.jobs.waitForCompletion(job.id, { pollInterval: 200, useEvents: false }),
    );
    expect(failed, failed.message).toBeInstanceOf(JobFailedError);
    expect((failed as JobFailedError).job.error).toMatchObject({ code: 'teacher_unreachable' });
    const restarted = await sdk.jobs.restart(job.id);
    expect(restarted).toMatchObject({ id: job.id, status: 'pending', phase: 'initializing', error: null });
    const again = await rejection(
      sdk.jobs.waitForCompletion(job.id, { pollInterval: 200, useEvents: false }),
    );
    expect((again as JobFailedError).job.status).toBe('failed');
  }, 60_000);

  // Prism answers requests that break the spec itself, so the server's 400s are tested without it.
  it('error responses conform too: 404 and 409', async () => {
    expect(await rejection(sdk.jobs.get('job_doesnotexist'))).toMatchObject({
      status: 404,
      code: 'job_not_found',
    });
    const [finished] = (await sdk.jobs.list({ status: 'completed', limit: 1 })).data;
    expect(await rejection(sdk.jobs.cancel(finished!.id))).toMatchObject({
      status: 409,
      code: 'job_terminal',
    });
    expect(proxy.output()).not.toMatch(/violation/i);
  }, 60_000);
});
