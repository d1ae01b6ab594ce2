import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { operation } from '../middleware/operation.ts';
import type { BodyOf, JsonOf, QueryOf } from '../openapi/spec.ts';
import { enqueueTraining } from '../queue/queue.ts';
import { findPreset, PRESETS } from '../services/catalog.ts';
import { estimateFineTuning } from '../services/estimate.ts';
import { assertWebhookUrl } from '../services/webhooks.ts';
import { getDataset } from '../storage/datasets.ts';
import { appendEvent, appendLog } from '../storage/job-records.ts';
import { getJob, insertJob, listJobs, statusCounts } from '../storage/jobs.ts';
import { getModel } from '../storage/models.ts';
import { canonicalBody, idempotent } from './idempotent.ts';
import {
  cancel,
  events,
  insufficientCredits,
  loadJob,
  logs,
  metrics,
  remove,
  restart,
} from './job-actions.ts';
import { type FineTuningConfigRow, fineTuningJob } from './present.ts';

type CreateBody = BodyOf<'createFineTuningJob'>;

/** The datasets and base model a fine-tuning request names must exist for the tenant. */
async function checkReferences(s: Services, tenantId: string, body: CreateBody) {
  const training = await getDataset(s.db, tenantId, body.training_dataset);
  if (!training)
    throw notFound('dataset_not_found', `No dataset ${body.training_dataset}`, 'training_dataset');
  if (body.validation_dataset && !(await getDataset(s.db, tenantId, body.validation_dataset))) {
    throw notFound('dataset_not_found', `No dataset ${body.validation_dataset}`, 'validation_dataset');
  }
  const base = body.base_model;
  if (!findPreset(base) && !(base.startsWith('local/') && (await getModel(s.db, tenantId, base)))) {
    throw new ApiError(
      400,
      'invalid_config',
      `base_model: no base model ${base}; see /v1/fine-tuning/base-models`,
      { param: 'base_model' },
    );
  }
  return training;
}

export function fineTuningRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/fine-tuning/jobs', operation('createFineTuningJob'), async (c) => {
    const input = c.get('input');
    const body = input.body as CreateBody;
    const tenantId = input.tenantId;
    const { value, replayed } = await idempotent(
      s,
      c,
      'createFineTuningJob',
      canonicalBody(input.rawBody),
      async () => {
        assertWebhookUrl(body.webhook_url, s.settings.webhookHosts);
        const training = await checkReferences(s, tenantId, body);
        const hp = body.hyperparameters ?? {};
        const estimate = await estimateFineTuning(
          s.db,
          s.settings,
          tenantId,
          body.base_model,
          hp,
          training.row_count,
        );
        if (!estimate.within_budget)
          throw insufficientCredits(tenantId, estimate.estimated_cost, estimate.remaining_budget ?? 0);
        const config: FineTuningConfigRow = {
          base_model: body.base_model,
          training_dataset: body.training_dataset,
          ...(body.validation_dataset ? { validation_dataset: body.validation_dataset } : {}),
          hyperparameters: hp,
          ...(body.suffix ? { suffix: body.suffix } : {}),
          backend: body.backend ?? 'auto',
        };
        const job = await insertJob(s.db, {
          id: newId('ftjob'),
          kind: 'fine_tuning',
          tenant_id: tenantId,
          name: body.name,
          description: body.description ?? null,
          config: config as unknown as Record<string, unknown>,
          metadata: body.metadata ?? {},
          webhook_url: body.webhook_url ?? null,
          estimated_cost: estimate.estimated_cost,
        });
        await appendEvent(s.db, job, 'status');
        await appendLog(
          s.db,
          job.id,
          'info',
          'initializing',
          `queued: fine-tune ${body.base_model} on ${body.training_dataset}`,
        );
        await enqueueTraining(s.boss, tenantId, { job_id: job.id, attempt: job.attempt });
        return { id: job.id, value: job };
      },
      (id) => getJob(s.db, tenantId, 'fine_tuning', id),
    );
    c.header('Location', `/v1/fine-tuning/jobs/${value.id}`);
    c.header('Idempotent-Replayed', String(replayed));
    return c.json<JsonOf<'createFineTuningJob', 201>>(fineTuningJob(value), 201);
  });

  app.get('/v1/fine-tuning/jobs', operation('listFineTuningJobs'), async (c) => {
    const q = c.get('input').query as QueryOf<'listFineTuningJobs'> & { limit: number; offset: number };
    const { rows, total } = await listJobs(s.db, {
      tenantId: c.get('input').tenantId,
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
    const body = c.get('input').body as CreateBody;
    const training = await checkReferences(s, c.get('input').tenantId, body);
    const {
      remaining_budget: _r,
      steps: _s,
      ...estimate
    } = await estimateFineTuning(
      s.db,
      s.settings,
      c.get('input').tenantId,
      body.base_model,
      body.hyperparameters ?? {},
      training.row_count,
    );
    return c.json<JsonOf<'estimateFineTuningCost', 200>>(estimate);
  });

  app.get('/v1/fine-tuning/jobs/:job_id', operation('getFineTuningJob'), async (c) =>
    c.json(fineTuningJob(await loadJob(s, c, 'fine_tuning'))),
  );
  app.delete('/v1/fine-tuning/jobs/:job_id', operation('deleteFineTuningJob'), async (c) => {
    await remove(s, c, 'fine_tuning');
    return c.body(null, 204);
  });
  app.post('/v1/fine-tuning/jobs/:job_id/stop', operation('stopFineTuningJob'), async (c) =>
    c.json(fineTuningJob(await cancel(s, c, 'fine_tuning'))),
  );
  app.post('/v1/fine-tuning/jobs/:job_id/restart', operation('restartFineTuningJob'), async (c) =>
    c.json(fineTuningJob(await restart(s, c, 'fine_tuning'))),
  );
  app.get('/v1/fine-tuning/jobs/:job_id/logs', operation('getFineTuningJobLogs'), async (c) =>
    c.json(await logs(s, c, 'fine_tuning')),
  );
  app.get('/v1/fine-tuning/jobs/:job_id/metrics', operation('getFineTuningJobMetrics'), async (c) =>
    c.json(await metrics(s, c, 'fine_tuning')),
  );
  app.get('/v1/fine-tuning/jobs/:job_id/events', operation('streamFineTuningJobEvents'), (c) =>
    events(s, c, 'fine_tuning'),
  );
}
