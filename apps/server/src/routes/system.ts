import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { operation } from '../middleware/operation.ts';
import { type JsonOf, openapi, type Schemas } from '../openapi/spec.ts';
import { TRAINING_QUEUE } from '../queue/queue.ts';
import { hardware } from '../services/hardware.ts';
import { artifactBytes } from '../storage/artifacts.ts';
import { datasetCount } from '../storage/datasets.ts';
import { statusCounts } from '../storage/jobs.ts';
import { tenantBudget } from '../storage/tenants.ts';
import { tenantModels } from './models.ts';

/** The defaults the spec declares for a distillation config, which validation fills in. */
const JOB_DEFAULTS = Object.fromEntries(
  Object.entries(
    (openapi.components.schemas.DistillationConfig as { properties: Record<string, { default?: unknown }> })
      .properties,
  )
    .filter(([, p]) => p.default !== undefined)
    .map(([k, p]) => [k, p.default]),
);

async function health(s: Services): Promise<{ body: Schemas['Health']; ok: boolean }> {
  const database = await s.db.query('select 1').then(
    () => 'ok' as const,
    () => 'error' as const,
  );
  const queue = await s.boss.getQueue(TRAINING_QUEUE).then(
    (q) => (q ? ('ok' as const) : ('error' as const)),
    () => 'error' as const,
  );
  const ok = database === 'ok' && queue === 'ok';
  return {
    ok,
    body: {
      status: ok ? 'ok' : 'error',
      version: s.version,
      uptime_seconds: Math.round((Date.now() - s.startedAt) / 100) / 10,
      checks: { database, queue },
    },
  };
}

export function systemRoutes(
  app: Hono<AppEnv>,
  s: Services,
  authMode: () => Promise<'keys' | 'loopback'>,
): void {
  for (const path of ['/health', '/v1/health'] as const) {
    app.get(path, async (c) => {
      const h = await health(s);
      return c.json(h.body, h.ok ? 200 : 503);
    });
  }

  app.get('/metrics', async (c) => {
    const jobs = await s.db.query<{ kind: string; status: string; n: number }>(
      'select kind, status, count(*)::int as n from jobs group by kind, status',
    );
    const queue = await s.boss.getQueue(TRAINING_QUEUE).catch(() => null);
    const text = s.metrics.render([
      {
        name: 'distillery_jobs',
        help: 'Jobs by kind and status.',
        samples: jobs.map((j) => ({ labels: { kind: j.kind, status: j.status }, value: j.n })),
      },
      {
        name: 'distillery_jobs_running',
        help: 'Jobs running now.',
        samples: [{ value: jobs.filter((j) => j.status === 'running').reduce((a, j) => a + j.n, 0) }],
      },
      {
        name: 'distillery_queue_queued',
        help: 'Training queue: jobs waiting for a worker.',
        samples: [{ value: queue?.queuedCount ?? 0 }],
      },
      {
        name: 'distillery_queue_active',
        help: 'Training queue: jobs held by a worker.',
        samples: [{ value: queue?.activeCount ?? 0 }],
      },
    ]);
    const serving = `${(await s.serving.metrics()).join('\n')}\n`;
    return c.text(text + serving, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });

  app.get('/v1/hardware', operation('getHardware'), async (c) =>
    c.json<JsonOf<'getHardware', 200>>(await hardware()),
  );

  app.get('/v1/stats', operation('getStats'), async (c) => {
    const tenantId = c.get('input').tenantId;
    const [cost] = await s.db.query<{ cost: number }>(
      'select coalesce(sum(cost_accrued), 0)::float8 as cost from jobs where tenant_id = $1',
      [tenantId],
    );
    return c.json<JsonOf<'getStats', 200>>({
      distillation_jobs: await statusCounts(s.db, tenantId, 'distillation'),
      fine_tuning_jobs: await statusCounts(s.db, tenantId, 'fine_tuning'),
      datasets: await datasetCount(s.db, tenantId),
      models: (await tenantModels(s, tenantId)).length,
      artifact_bytes: await artifactBytes(s.db, tenantId),
      cost_accrued: cost?.cost ?? 0,
      budget: await tenantBudget(s.db, tenantId, s.settings.defaultBudget),
    });
  });

  app.get('/v1/config', operation('getServerConfig'), async (c) =>
    c.json<JsonOf<'getServerConfig', 200>>({
      version: s.version,
      auth_mode: await authMode(),
      storage: s.db.kind,
      default_backend: (await hardware()).default_backend,
      teacher_providers: { local: true, openai: Boolean(s.settings.openaiBaseUrl) },
      limits: {
        max_body_bytes: s.settings.maxBodyBytes,
        max_import_bytes: s.settings.maxImportBytes,
        rate_limit_per_minute: s.settings.rateLimitPerMinute,
        max_concurrent_jobs_per_worker: s.settings.maxJobsPerWorker,
        max_concurrent_jobs_per_tenant: s.settings.maxJobsPerTenant,
      },
      job_defaults: JOB_DEFAULTS,
      serving: {
        memory_budget_bytes: s.settings.serving.memoryBytes,
        max_batch: s.settings.serving.maxBatch,
        max_context: s.settings.serving.maxContext,
        timeout_seconds: s.settings.serving.timeoutSeconds,
        max_queue: s.settings.serving.maxQueue,
        threads: s.settings.serving.threads,
      },
    }),
  );
}
