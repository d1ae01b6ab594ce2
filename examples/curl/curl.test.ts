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
