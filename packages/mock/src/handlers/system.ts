import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { endpoint } from '../http/pipeline';
import type { paths, Schemas } from '../spec';
import { HARDWARE } from '../state/catalogue';
import { withDefaults } from '../state/defaults';
import { artifactSource, tenantBudget, writtenArtifacts } from '../state/distillation';
import { tenantModels } from '../state/models';
import { MAX_BATCH, MAX_CONTEXT, MAX_QUEUE, MEMORY_BUDGET_BYTES, TIMEOUT_SECONDS } from '../state/serving';
import { round } from '../state/timeline';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;

/** The version the mock reports: the spec's. */
const VERSION = '1.0.0';

export function systemHandlers(http: Http, ctx: MockContext) {
  const startedAt = ctx.clock.now();

  const health = (): { status: 200 | 503; body: Schemas['Health'] } => {
    const failing = ctx.scenarios.failingCheck;
    return {
      status: failing ? 503 : 200,
      body: {
        status: failing ? 'error' : 'ok',
        version: VERSION,
        uptime_seconds: Math.max(0, round((ctx.clock.now() - startedAt) / 1000, 3)),
        checks: {
          database: failing === 'database' ? 'error' : 'ok',
          queue: failing === 'queue' ? 'error' : 'ok',
        },
      },
    };
  };

  return [
    http.get(
      '/v1/hardware',
      endpoint(ctx, 'getHardware', ({ response }) => response(200).json(HARDWARE)),
    ),

    http.get(
      '/v1/stats',
      endpoint(ctx, 'getStats', async ({ response }, call) => {
        const distillation = ctx.state.tenantJobs('distillation', call.tenant, call.now);
        const sizes = await Promise.all(
          distillation.flatMap((job) =>
            writtenArtifacts(job).map(async (file) => {
              const content = await ctx.state.artifacts.content(artifactSource(job), file.format);
              return content.bytes.byteLength;
            }),
          ),
        );
        const fineTuning = ctx.state.tenantJobs('fine_tuning', call.tenant, call.now);
        const budget = tenantBudget(ctx, call.tenant);
        return response(200).json({
          distillation_jobs: { total: distillation.length, by_status: ctx.state.countByStatus(distillation) },
          fine_tuning_jobs: { total: fineTuning.length, by_status: ctx.state.countByStatus(fineTuning) },
          datasets: [...ctx.state.datasets.values()].filter((d) => d.tenant === call.tenant).length,
          models: tenantModels(ctx, call.tenant, call.now).length,
          artifact_bytes: sizes.reduce((a, b) => a + b, 0),
          cost_accrued: round(ctx.state.spent(call.tenant, call.now), 4),
          budget,
        });
      }),
    ),

    http.get(
      '/v1/config',
      endpoint(ctx, 'getServerConfig', ({ response }) => {
        const defaults = withDefaults<Record<string, unknown>>('DistillationConfig', {});
        return response(200).json({
          version: VERSION,
          auth_mode: ctx.state.keys.required ? 'keys' : 'loopback',
          storage: 'pglite',
          default_backend: 'cpu',
          teacher_providers: { local: true, openai: ctx.options.openaiTeacher },
          limits: {
            max_body_bytes: ctx.options.maxBodyBytes,
            max_import_bytes: ctx.options.maxImportBytes,
            ...(ctx.options.rateLimit
              ? {
                  rate_limit_per_minute: Math.round(
                    (ctx.options.rateLimit.limit * 60) / ctx.options.rateLimit.windowSeconds,
                  ),
                }
              : {}),
            max_concurrent_jobs_per_worker: 1,
            max_concurrent_jobs_per_tenant: 2,
          },
          serving: {
            memory_budget_bytes: MEMORY_BUDGET_BYTES,
            max_batch: MAX_BATCH,
            max_context: MAX_CONTEXT,
            timeout_seconds: TIMEOUT_SECONDS,
            max_queue: MAX_QUEUE,
            threads: 1,
          },
          job_defaults: {
            n_samples: defaults.n_samples,
            bond_beta: defaults.bond_beta,
            bond_gamma: defaults.bond_gamma,
            temperature: defaults.temperature,
          },
        });
      }),
    ),

    http.get(
      '/health',
      endpoint(ctx, 'getHealth', ({ response }) => {
        const { status, body } = health();
        return status === 200 ? response(200).json(body) : response(503).json(body);
      }),
    ),

    http.get(
      '/v1/health',
      endpoint(ctx, 'getV1Health', ({ response }) => {
        const { status, body } = health();
        return status === 200 ? response(200).json(body) : response(503).json(body);
      }),
    ),

    http.get(
      '/metrics',
      endpoint(ctx, 'getPrometheusMetrics', ({ response }, call) => {
        const lines = [
          '# HELP distillery_http_requests_total HTTP requests served.',
          '# TYPE distillery_http_requests_total counter',
        ];
        for (const [key, count] of [...ctx.state.requestCounts].sort()) {
          const [method, route, status] = key.split(' ');
          const path = route!.replace(/\{([^}]+)\}/g, ':$1');
          lines.push(
            `distillery_http_requests_total{method="${method}",route="${path}",status="${status}"} ${count}`,
          );
        }
        lines.push(
          '# HELP distillery_jobs_running Jobs running now.',
          '# TYPE distillery_jobs_running gauge',
          `distillery_jobs_running ${ctx.state.runningJobs(call.now)}`,
        );
        return response(200).text(`${lines.join('\n')}\n`);
      }),
    ),
  ];
}
