import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  mailJsonl,
  removeDir,
  startServer,
  startWorkerProcess,
  type TestServer,
  until,
} from './support/harness.ts';

// PostgreSQL instead of PGlite, with the API and two worker processes sharing one queue.
// Runs when DISTILLERY_TEST_POSTGRES_URL names a server the tests may create databases on
// (scripts/test.sh starts one); CI must not skip it.
const admin = process.env.DISTILLERY_TEST_POSTGRES_URL;
if (!admin && process.env.CI)
  throw new Error('DISTILLERY_TEST_POSTGRES_URL is not set in CI (see scripts/test.sh)');
const dbName = `distillery_test_${process.pid}_${Date.now()}`;
let url: string;
let server: TestServer;
let workers: Awaited<ReturnType<typeof startWorkerProcess>>[] = [];

describe.skipIf(!admin)('PostgreSQL with two workers', () => {
  beforeAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(admin as string);
    u.pathname = `/${dbName}`;
    url = u.toString();
    const env = { DATABASE_URL: url, DISTILLERY_TENANT_CONCURRENCY: '4' };
    server = await startServer({ env, args: ['--no-worker'] });
    // One data dir for all three, as a shared volume would be: artifacts and models are files.
    workers = await Promise.all([
      startWorkerProcess(server.dataDir, env),
      startWorkerProcess(server.dataDir, env),
    ]);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await server?.stop();
    if (server) removeDir(server.dataDir);
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  });

  it('runs every job exactly once, spread over both workers', async () => {
    const api = client(server.url);
    expect((await api('GET', '/v1/config')).json.storage).toBe('postgres');
    const ds = (
      await api('POST', '/v1/datasets?name=mail', mailJsonl(40), { 'content-type': 'application/x-ndjson' })
    ).json.id;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await api('POST', '/v1/fine-tuning/jobs', {
        name: `pg ${i}`,
        base_model: 'distillery-nano',
        training_dataset: ds,
        hyperparameters: { epochs: 10, batch_size: 2, seq_len: 32 },
      });
      ids.push(r.json.id);
    }
    const pids = new Set<string>();
    for (const id of ids) {
      const job = await until(async () => {
        const j = (await api('GET', `/v1/fine-tuning/jobs/${id}`)).json;
        return j.status === 'completed' || j.status === 'failed' ? j : undefined;
      }, 120_000);
      expect(job.status).toBe('completed');
      const starts = (await api('GET', `/v1/fine-tuning/jobs/${id}/logs?lines=1000`)).json.lines
        .map((l: { message: string }) => l.message)
        .filter((m: string) => m.startsWith('started on') || m.startsWith('resumed on'));
      expect(starts).toHaveLength(1);
      pids.add(starts[0].match(/pid (\d+)/)[1]);
    }
    expect(pids.size).toBe(2);
  });
});
