import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Distillery } from '@distillery/sdk';
import { type RunningServer, settingsFromEnv, startServer } from '@distillery/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { quickstart } from './quickstart.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quickstart-node-'));
  server = await startServer(settingsFromEnv({ port: 0, dataDir: join(dir, 'data') }));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

it('fine-tunes, distils, waits and downloads a verified GGUF', async () => {
  const job = await quickstart(new Distillery({ baseUrl: server.url }), dir);
  expect(job.status).toBe('completed');
  expect(job.results.student_accuracy).toBeGreaterThan(0.5);
  const bytes = await readFile(join(dir, 'colour-student.gguf'));
  expect(bytes.subarray(0, 4).toString()).toBe('GGUF');
  const { artifacts = [] } = await new Distillery({ baseUrl: server.url }).jobs.artifacts.list(job.id);
  const listed = artifacts.find((a) => a.format === 'gguf_q8_0');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed?.checksum_sha256);
}, 180_000);
