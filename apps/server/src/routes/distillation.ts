import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import {
  cancelJob,
  createDistillationJob,
  deleteJob,
  estimateDistillationJob,
  findJob,
  restartJob,
} from '../jobs/service.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf } from '../openapi/spec.ts';
import { listArtifacts } from '../storage/artifacts.ts';
import { getJob, listJobs } from '../storage/jobs.ts';
import { canonicalBody, idempotent } from './idempotent.ts';
import { download, events, logs, metrics } from './job-actions.ts';
import { distillationJob, jobArtifacts } from './present.ts';

/** `/v1/distillation`: HTTP in, the jobs service, the spec's shapes out. */
export function distillationRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/distillation', operation('createDistillationJob'), async (c) => {
    const { body, rawBody, tenantId } = c.get('input');
    const { value, replayed } = await idempotent(
      s,
      { tenantId, key: c.req.header('idempotency-key') },
      'createDistillationJob',
      canonicalBody(rawBody),
      async () => {
        const job = await createDistillationJob(s, tenantId, body);
        return { id: job.id, value: job };
      },
      (id) => getJob(s.db, tenantId, 'distillation', id),
    );
    c.header('Location', `/v1/distillation/${value.id}`);
    c.header('Idempotent-Replayed', String(replayed));
    return c.json<JsonOf<'createDistillationJob', 201>>(distillationJob(value), 201);
  });

  app.get('/v1/distillation', operation('listDistillationJobs'), async (c) => {
    const { query: q, tenantId } = c.get('input');
    const { rows, total } = await listJobs(s.db, {
      tenantId,
      kind: 'distillation',
      status: q.status,
      since: q.since,
      search: q.search,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json<JsonOf<'listDistillationJobs', 200>>({
      jobs: rows.map(distillationJob),
      total,
      has_more: q.offset + rows.length < total,
    });
  });

  app.post('/v1/distillation/estimate', operation('estimateDistillationJob'), async (c) => {
    const { body, tenantId } = c.get('input');
    const { remaining_budget: _, ...estimate } = await estimateDistillationJob(s, tenantId, body.config);
    return c.json<JsonOf<'estimateDistillationJob', 200>>(estimate);
  });

  app.get('/v1/distillation/:job_id', operation('getDistillationJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(distillationJob(await findJob(s, tenantId, 'distillation', path.job_id)));
  });
  app.delete('/v1/distillation/:job_id', operation('deleteDistillationJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    await deleteJob(s, tenantId, 'distillation', path.job_id);
    return c.body(null, 204);
  });
  app.post('/v1/distillation/:job_id/cancel', operation('cancelDistillationJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(distillationJob(await cancelJob(s, tenantId, 'distillation', path.job_id)));
  });
  app.post('/v1/distillation/:job_id/restart', operation('restartDistillationJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(distillationJob(await restartJob(s, tenantId, 'distillation', path.job_id)));
  });
  app.get('/v1/distillation/:job_id/artifacts', operation('listDistillationArtifacts'), async (c) => {
    const { path, tenantId } = c.get('input');
    const job = await findJob(s, tenantId, 'distillation', path.job_id);
    const base = `${new URL(c.req.url).origin}/v1/distillation/${job.id}/artifacts`;
    return c.json<JsonOf<'listDistillationArtifacts', 200>>(
      jobArtifacts(job.id, await listArtifacts(s.db, job.id), base),
    );
  });
  app.get(
    '/v1/distillation/:job_id/artifacts/:format/download',
    operation('downloadDistillationArtifact'),
    async (c) => {
      const { path, header, tenantId } = c.get('input');
      const job = await findJob(s, tenantId, 'distillation', path.job_id);
      return download(s, job, path.format, header.range, c.get('requestId'));
    },
  );
  app.get('/v1/distillation/:job_id/logs', operation('getDistillationJobLogs'), async (c) => {
    const { path, query, tenantId } = c.get('input');
    return c.json(await logs(s, await findJob(s, tenantId, 'distillation', path.job_id), query));
  });
  app.get('/v1/distillation/:job_id/metrics', operation('getDistillationJobMetrics'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(await metrics(s, await findJob(s, tenantId, 'distillation', path.job_id)));
  });
  app.get('/v1/distillation/:job_id/events', operation('streamDistillationJobEvents'), async (c) => {
    const { path, header, tenantId } = c.get('input');
    const job = await findJob(s, tenantId, 'distillation', path.job_id);
    return events(s, c, job, header['last-event-id'], c.get('requestId'));
  });
}
