import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type TestServer, tempDir } from './support/harness.ts';

// The SDK claims Node, Bun and Deno; the Node side runs everywhere else in this suite. Bun and Deno
// come from npm (devDependencies), so a missing one is a failure here, never a skip.
const runtimes: Array<[string, string[]]> = [
  ['bun', ['run']],
  ['deno', ['run', '--allow-all']],
];
const script = join(import.meta.dirname, 'runtimes', 'sdk-smoke.ts');

describe('the SDK on other runtimes, against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it.each(runtimes)(
    '%s: a fine-tuning and a distillation, waited for, listed, downloaded and verified',
    async (bin, args) => {
      const out = tempDir('distillery-runtime-');
      try {
        const run = spawnSync(bin, [...args, script], {
          env: { ...process.env, DISTILLERY_BASE_URL: server.url, SMOKE_DIR: out },
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(run.error, `${bin} could not start: is it installed (npm install)?`).toBeUndefined();
        expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
        const seen = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
        expect(seen).toMatchObject({
          teacherStatus: 'completed',
          status: 'completed',
          cancelledStatus: 'cancelled',
          badParam: 'config.student_model',
          verifiedType: 'job.completed',
          tampered: 'rejected',
        });
        expect(seen.progressCalls).toBeGreaterThan(2);
        // Pages of one job each, followed lazily to the end.
        expect(seen.listed).toEqual(expect.arrayContaining([seen.jobId, seen.cancelledId]));
        expect(seen.sha256).toBe(seen.expectedSha256);
      } finally {
        removeDir(out);
      }
    },
    150_000,
  );
});
