import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningServer, settingsFromEnv, startServer } from '@distillery/server';
import { afterAll, beforeAll, expect, it } from 'vitest';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'curl-example-'));
  // No OpenAI-compatible endpoint configured: the reference's openai/gpt-4o-mini teacher is unreachable.
  delete process.env.OPENAI_BASE_URL;
  server = await startServer(settingsFromEnv({ port: 0, dataDir: join(dir, 'data') }));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

it('runs the reference curl examples and polling idiom to a clear failure', async () => {
  // Asynchronously: the server answers from this same process.
  const run = await promisify(execFile)('bash', [join(import.meta.dirname, 'distill.sh')], {
    env: { ...process.env, BASE: server.url, POLL_SECONDS: '1' },
    timeout: 120_000,
  });
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^created job_\w+$/);
  expect(lines).toContain('status=failed phase=data_generation');
  expect(run.stdout).toMatch(/error: \{"code":"teacher_unreachable".*"message":"[^"]*OPENAI_BASE_URL/);
  expect(run.stdout).toContain('{"total":1,"has_more":false,"first":"job_');
  expect(run.stdout).toContain('{"gguf_paths":{},"artifacts":');
  expect(lines.at(-1)).toBe('"job_terminal"');
}, 150_000);

it('runs the same session to completion with a local teacher in place of the hosted one', async () => {
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body }).then((r) =>
      r.json(),
    );
  const rows = ['red', 'orange', 'blue', 'teal'].flatMap((colour) =>
    ['a', 'the', 'my', 'one', 'this', 'that'].map((w) =>
      JSON.stringify({
        prompt: `${w} ${colour} thing`,
        label: ['red', 'orange'].includes(colour) ? 'warm' : 'cold',
      }),
    ),
  );
  const dataset = await post('/v1/datasets?name=colours', rows.join('\n'), 'application/x-ndjson');
  const tuning = await post(
    '/v1/fine-tuning/jobs',
    JSON.stringify({
      name: 'teacher',
      base_model: 'distillery-nano',
      training_dataset: dataset.id,
      hyperparameters: { epochs: 4, batch_size: 8, seq_len: 24 },
    }),
  );
  let teacher = tuning;
  while (teacher.status !== 'completed') {
    expect(teacher.status).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    teacher = await fetch(`${server.url}/v1/fine-tuning/jobs/${tuning.id}`).then((r) => r.json());
  }

  const run = await promisify(execFile)('bash', [join(import.meta.dirname, 'distill.sh')], {
    env: {
      ...process.env,
      BASE: server.url,
      POLL_SECONDS: '1',
      TEACHER: teacher.result_model,
      STUDENT: 'distillery-pico',
      DATASET_ID: dataset.id,
    },
    timeout: 120_000,
  });
  const lines = run.stdout.trim().split('\n');
  expect(lines).toContain('status=completed phase=done');
  expect(lines).toContain('error: null');
  expect(run.stdout).toMatch(/\{"gguf_paths":\{"q8_0":"[^"]+model-q8_0\.gguf"\},"artifacts":[1-9]/);
  expect(lines.at(-1)).toBe('"job_terminal"');
}, 150_000);
