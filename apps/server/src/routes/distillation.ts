import { isStudentModel, STUDENT_MODELS } from '@distillery/engine';
import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import { operation } from '../middleware/operation.ts';
import type { BodyOf, JsonOf, QueryOf, Schemas } from '../openapi/spec.ts';
import { enqueueTraining } from '../queue/queue.ts';
import { findPreset } from '../services/catalog.ts';
import { estimateDistillation } from '../services/estimate.ts';
import { assertWebhookUrl } from '../services/webhooks.ts';
import { listArtifacts } from '../storage/artifacts.ts';
import { getDataset } from '../storage/datasets.ts';
import { appendEvent, appendLog } from '../storage/job-records.ts';
import { getJob, insertJob, listJobs } from '../storage/jobs.ts';
import { getModel } from '../storage/models.ts';
import { canonicalBody, idempotent } from './idempotent.ts';
import {
  cancel,
  download,
  events,
  insufficientCredits,
  loadJob,
  logs,
  metrics,
  remove,
  restart,
} from './job-actions.ts';
import { distillationJob, jobArtifacts } from './present.ts';

/**
 * Checks what the schema cannot: the student must be a shape the engine knows, referenced datasets
 * and local teachers must exist for the tenant, and a local teacher needs rows left to train on.
 */
async function checkReferences(
  s: Services,
  tenantId: string,
  config: Schemas['DistillationConfig'],
): Promise<number> {
  let rows = config.prompts?.length ?? 0;
  for (const field of ['dataset_id', 'eval_dataset_id'] as const) {
    const id = config[field];
    if (!id) continue;
    const ds = await getDataset(s.db, tenantId, id);
    if (!ds)
      throw new ApiError(400, 'invalid_config', `config.${field}: no dataset ${id}`, {
        param: `config.${field}`,
      });
    if (field === 'dataset_id') rows = ds.row_count;
  }
  if (config.dataset_id && config.prompts) {
    throw new ApiError(400, 'invalid_config', 'config.prompts cannot be combined with config.dataset_id', {
      param: 'config.prompts',
    });
  }
  if (!isStudentModel(config.student_model)) {
    throw new ApiError(
      400,
      'invalid_config',
      `config.student_model: unknown model ${config.student_model}; expected one of ${STUDENT_MODELS.join(', ')}`,
      { param: 'config.student_model' },
    );
  }
  const teacher = config.teacher_model;
  if (
    teacher.startsWith('local/') &&
    !findPreset(teacher.slice(6)) &&
    !(await getModel(s.db, tenantId, teacher))
  ) {
    throw new ApiError(400, 'invalid_config', `config.teacher_model: no model ${teacher} on this server`, {
      param: 'config.teacher_model',
    });
  }
  // Reference 000 creates hosted-teacher jobs from `num_prompts` alone, so only a local teacher,
  // which answers given prompts, is refused here for having none.
  if (rows === 0 && config.teacher_model.startsWith('local/')) {
    throw new ApiError(
      400,
      'invalid_config',
      'config.dataset_id: a local teacher needs rows to answer; set config.dataset_id or config.prompts',
      { param: 'config.dataset_id' },
    );
  }
  // The engine holds out round(rows × eval_split) rows unless an evaluation dataset is named; too few
  // held out is reported as `results.evaluated: false`, none left to train on is undistillable.
  if (rows > 0 && !config.eval_dataset_id && Math.round(rows * (config.eval_split as number)) === rows) {
    throw new ApiError(
      400,
      'invalid_config',
      `config.eval_split: ${config.eval_split} of ${rows} rows leaves nothing to train on; add rows, lower eval_split or set config.eval_dataset_id`,
      { param: 'config.eval_split' },
    );
  }
  return rows;
}

export function distillationRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/distillation', operation('createDistillationJob'), async (c) => {
    const input = c.get('input');
    const body = input.body as BodyOf<'createDistillationJob'>;
    const tenantId = input.tenantId;
    const { value, replayed } = await idempotent(
      s,
      c,
      'createDistillationJob',
      canonicalBody(input.rawBody),
      async () => {
        assertWebhookUrl(body.webhook_url, s.settings.webhookHosts);
        const rows = await checkReferences(s, tenantId, body.config);
        const estimate = await estimateDistillation(s.db, s.settings, tenantId, body.config, rows);
        if (!estimate.within_budget)
          throw insufficientCredits(tenantId, estimate.estimated_cost, estimate.remaining_budget ?? 0);
        const job = await insertJob(s.db, {
          id: newId('job'),
          kind: 'distillation',
          tenant_id: tenantId,
          name: body.name ?? null,
          description: body.description ?? null,
          config: body.config,
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
          `queued: teacher ${body.config.teacher_model}, student ${body.config.student_model}`,
        );
        await enqueueTraining(s.boss, tenantId, { job_id: job.id, attempt: job.attempt });
        return { id: job.id, value: job };
      },
      (id) => getJob(s.db, tenantId, 'distillation', id),
    );
    c.header('Location', `/v1/distillation/${value.id}`);
    c.header('Idempotent-Replayed', String(replayed));
    return c.json<JsonOf<'createDistillationJob', 201>>(distillationJob(value), 201);
  });

  app.get('/v1/distillation', operation('listDistillationJobs'), async (c) => {
    const q = c.get('input').query as QueryOf<'listDistillationJobs'> & { limit: number; offset: number };
    const { rows, total } = await listJobs(s.db, {
      tenantId: c.get('input').tenantId,
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
    const body = c.get('input').body as BodyOf<'estimateDistillationJob'>;
    const tenantId = c.get('input').tenantId;
    const rows = await checkReferences(s, tenantId, body.config);
    const { remaining_budget: _, ...estimate } = await estimateDistillation(
      s.db,
      s.settings,
      tenantId,
      body.config,
      rows,
    );
    return c.json<JsonOf<'estimateDistillationJob', 200>>(estimate);
  });

  app.get('/v1/distillation/:job_id', operation('getDistillationJob'), async (c) =>
    c.json(distillationJob(await loadJob(s, c, 'distillation'))),
  );
  app.delete('/v1/distillation/:job_id', operation('deleteDistillationJob'), async (c) => {
    await remove(s, c, 'distillation');
    return c.body(null, 204);
  });
  app.post('/v1/distillation/:job_id/cancel', operation('cancelDistillationJob'), async (c) =>
    c.json(distillationJob(await cancel(s, c, 'distillation'))),
  );
  app.post('/v1/distillation/:job_id/restart', operation('restartDistillationJob'), async (c) =>
    c.json(distillationJob(await restart(s, c, 'distillation'))),
  );
  app.get('/v1/distillation/:job_id/artifacts', operation('listDistillationArtifacts'), async (c) => {
    const job = await loadJob(s, c, 'distillation');
    const base = `${new URL(c.req.url).origin}/v1/distillation/${job.id}/artifacts`;
    return c.json<JsonOf<'listDistillationArtifacts', 200>>(
      jobArtifacts(job.id, await listArtifacts(s.db, job.id), base),
    );
  });
  app.get(
    '/v1/distillation/:job_id/artifacts/:format/download',
    operation('downloadDistillationArtifact'),
    (c) => download(s, c, 'distillation'),
  );
  app.get('/v1/distillation/:job_id/logs', operation('getDistillationJobLogs'), async (c) =>
    c.json(await logs(s, c, 'distillation')),
  );
  app.get('/v1/distillation/:job_id/metrics', operation('getDistillationJobMetrics'), async (c) =>
    c.json(await metrics(s, c, 'distillation')),
  );
  app.get('/v1/distillation/:job_id/events', operation('streamDistillationJobEvents'), (c) =>
    events(s, c, 'distillation'),
  );
}
