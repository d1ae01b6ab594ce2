import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import {
  cancelJob,
  createFineTuningJob,
  deleteJob,
  estimateFineTuningJob,
  findJob,
  restartJob,
} from '../jobs/service.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf } from '../openapi/spec.ts';
import { PRESETS } from '../services/catalog.ts';
import { getJob, listJobs, statusCounts } from '../storage/jobs.ts';
import { canonicalBody, idempotent } from './idempotent.ts';
import { events, logs, metrics } from './job-actions.ts';
import { fineTuningJob } from './present.ts';

/** `/v1/fine-tuning`: HTTP in, the jobs service, the spec's shapes out. */
export function fineTuningRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/fine-tuning/jobs', operation('createFineTuningJob'), async (c) => {
    const { body, rawBody, tenantId } = c.get('input');
    const { value, replayed } = await idempotent(
      s,
      { tenantId, key: c.req.header('idempotency-key') },
      'createFineTuningJob',
      canonicalBody(rawBody),
      async () => {
        const job = await createFineTuningJob(s, tenantId, body);
        return { id: job.id, value: job };
      },
      (id) => getJob(s.db, tenantId, 'fine_tuning', id),
    );
    c.header('Location', `/v1/fine-tuning/jobs/${value.id}`);
    c.header('Idempotent-Replayed', String(replayed));
    return c.json<JsonOf<'createFineTuningJob', 201>>(fineTuningJob(value), 201);
  });

  app.get('/v1/fine-tuning/jobs', operation('listFineTuningJobs'), async (c) => {
    const { query: q, tenantId } = c.get('input');
    const { rows, total } = await listJobs(s.db, {
      tenantId,
      kind: 'fine_tuning',
      status: q.status,
      search: q.search,
      baseModel: q.base_model,
      sort: q.sort,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json<JsonOf<'listFineTuningJobs', 200>>({
      jobs: rows.map(fineTuningJob),
      total,
      limit: q.limit,
      offset: q.offset,
      has_more: q.offset + rows.length < total,
    });
  });

  app.get('/v1/fine-tuning/base-models', operation('listFineTuningBaseModels'), (c) =>
    c.json<JsonOf<'listFineTuningBaseModels', 200>>({
      models: PRESETS.map((p) => ({
        id: p.id,
        parameters: p.parameters,
        context_length: p.context_length,
        description: p.description,
      })),
    }),
  );

  app.get('/v1/fine-tuning/stats', operation('getFineTuningStats'), async (c) => {
    const tenantId = c.get('input').tenantId;
    const counts = await statusCounts(s.db, tenantId, 'fine_tuning');
    const [totals] = await s.db.query<{ tokens: number; cost: number; avg: number | null }>(
      `select coalesce(sum(trained_tokens), 0)::float8 as tokens, coalesce(sum(cost_accrued), 0)::float8 as cost,
         avg(extract(epoch from finished_at - started_at)) filter (where status = 'completed')::float8 as avg
       from jobs where tenant_id = $1 and kind = 'fine_tuning'`,
      [tenantId],
    );
    return c.json<JsonOf<'getFineTuningStats', 200>>({
      ...counts,
      trained_tokens: totals?.tokens ?? 0,
      cost_accrued: totals?.cost ?? 0,
      average_duration_seconds: totals?.avg ?? null,
    });
  });

  app.post('/v1/fine-tuning/estimate-cost', operation('estimateFineTuningCost'), async (c) => {
    const { body, tenantId } = c.get('input');
    const { remaining_budget: _r, steps: _s, ...estimate } = await estimateFineTuningJob(s, tenantId, body);
    return c.json<JsonOf<'estimateFineTuningCost', 200>>(estimate);
  });

  app.get('/v1/fine-tuning/jobs/:job_id', operation('getFineTuningJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(fineTuningJob(await findJob(s, tenantId, 'fine_tuning', path.job_id)));
  });
  app.delete('/v1/fine-tuning/jobs/:job_id', operation('deleteFineTuningJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    await deleteJob(s, tenantId, 'fine_tuning', path.job_id);
    return c.body(null, 204);
  });
  app.post('/v1/fine-tuning/jobs/:job_id/stop', operation('stopFineTuningJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(fineTuningJob(await cancelJob(s, tenantId, 'fine_tuning', path.job_id)));
  });
  app.post('/v1/fine-tuning/jobs/:job_id/restart', operation('restartFineTuningJob'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(fineTuningJob(await restartJob(s, tenantId, 'fine_tuning', path.job_id)));
  });
  app.get('/v1/fine-tuning/jobs/:job_id/logs', operation('getFineTuningJobLogs'), async (c) => {
    const { path, query, tenantId } = c.get('input');
    return c.json(await logs(s, await findJob(s, tenantId, 'fine_tuning', path.job_id), query));
  });
  app.get('/v1/fine-tuning/jobs/:job_id/metrics', operation('getFineTuningJobMetrics'), async (c) => {
    const { path, tenantId } = c.get('input');
    return c.json(await metrics(s, await findJob(s, tenantId, 'fine_tuning', path.job_id)));
  });
  app.get('/v1/fine-tuning/jobs/:job_id/events', operation('streamFineTuningJobEvents'), async (c) => {
    const { path, header, tenantId } = c.get('input');
    const job = await findJob(s, tenantId, 'fine_tuning', path.job_id);
    return events(s, c, job, header['last-event-id'], c.get('requestId'));
  });
}
