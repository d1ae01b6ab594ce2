import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  type Deployment,
  mailJsonl,
  postgresAdminUrl,
  startPostgresDeployment,
  until,
} from './support/harness.ts';

// PostgreSQL instead of PGlite, with the API and two worker processes sharing one queue.
let deployment: Deployment;

describe.skipIf(!postgresAdminUrl)('PostgreSQL with two workers', () => {
  beforeAll(async () => {
    deployment = await startPostgresDeployment(postgresAdminUrl as string, {
      DISTILLERY_TENANT_CONCURRENCY: '4',
    });
  });

  afterAll(() => deployment?.stop());

  it('runs every job exactly once, spread over both workers', async () => {
    const api = client(deployment.server.url);
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
