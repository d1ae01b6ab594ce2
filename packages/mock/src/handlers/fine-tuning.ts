import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { jobNotFound } from '../http/errors';
import { endpoint } from '../http/pipeline';
import type { paths, Schemas } from '../spec';
import { BASE_MODEL_DESCRIPTIONS, PRESETS } from '../state/catalogue';
import {
  createFineTuning,
  estimateFineTuning,
  replanFineTuning,
  toFineTuningJob,
} from '../state/fine-tuning';
import { cancelJob, restartJob } from '../state/jobs';
import type { FineTuningRecord } from '../state/store';
import { round } from '../state/timeline';
import {
  eventStream,
  filterJobs,
  idempotent,
  jobConflict,
  lastEventIdOf,
  logsBody,
  metricsBody,
  pageOf,
} from './common';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;
type CreateRequest = Schemas['CreateFineTuningJobRequest'];

const SORTS: Record<string, (a: FineTuningRecord, b: FineTuningRecord) => number> = {
  created_at: (a, b) => a.createdAt - b.createdAt,
  updated_at: (a, b) => a.last.at - b.last.at,
  name: (a, b) => a.name.localeCompare(b.name),
};

export function fineTuningHandlers(http: Http, ctx: MockContext) {
  const find = (id: string, tenant: string, now: number) => {
    const job = ctx.state.job('fine_tuning', id, tenant, now);
    if (!job) throw jobNotFound(id);
    return job;
  };

  return [
    http.post(
      '/v1/fine-tuning/jobs',
      endpoint(ctx, 'createFineTuningJob', ({ request, response }, call) => {
        const { value: job, replayed } = idempotent(
          ctx,
          call,
          request,
          'createFineTuningJob',
          call.body,
          (id) => ctx.state.job('fine_tuning', id, call.tenant, call.now),
          () => {
            const created = createFineTuning(ctx, call.tenant, call.body as CreateRequest, call.now);
            return { id: created.id, value: created };
          },
        );
        return response(201).json(toFineTuningJob(job), {
          headers: { 'Idempotent-Replayed': String(replayed) },
        });
      }),
    ),

    http.get(
      '/v1/fine-tuning/jobs',
      endpoint(ctx, 'listFineTuningJobs', ({ response }, call) => {
        const baseModel = call.url.searchParams.get('base_model');
        const [field, direction] = (call.url.searchParams.get('sort') ?? 'created_at:desc').split(':');
        const compare = SORTS[field!]!;
        const jobs = filterJobs(ctx.state.tenantJobs('fine_tuning', call.tenant, call.now), call.url)
          .filter((job) => !baseModel || job.baseModel === baseModel)
          .sort((a, b) => (direction === 'asc' ? compare(a, b) : compare(b, a)));
        const { page, total, limit, offset, has_more } = pageOf(jobs, call.url);
        return response(200).json({ jobs: page.map(toFineTuningJob), total, limit, offset, has_more });
      }),
    ),

    http.get(
      '/v1/fine-tuning/jobs/{job_id}',
      endpoint(ctx, 'getFineTuningJob', ({ params, response }, call) =>
        response(200).json(toFineTuningJob(find(params.job_id, call.tenant, call.now))),
      ),
    ),

    http.delete(
      '/v1/fine-tuning/jobs/{job_id}',
      endpoint(ctx, 'deleteFineTuningJob', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        jobConflict(job, 'delete');
        ctx.state.jobs.delete(job.id);
        ctx.state.changed();
        return response(204).empty();
      }),
    ),

    http.post(
      '/v1/fine-tuning/jobs/{job_id}/stop',
      endpoint(ctx, 'stopFineTuningJob', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        jobConflict(job, 'cancel');
        cancelJob(job, call.now);
        ctx.state.changed();
        return response(200).json(toFineTuningJob(job));
      }),
    ),

    http.post(
      '/v1/fine-tuning/jobs/{job_id}/restart',
      endpoint(ctx, 'restartFineTuningJob', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        jobConflict(job, 'restart');
        restartJob(job, replanFineTuning(ctx, job, call.now), call.now);
        ctx.state.changed();
        return response(200).json(toFineTuningJob(job));
      }),
    ),

    http.get(
      '/v1/fine-tuning/jobs/{job_id}/logs',
      endpoint(ctx, 'getFineTuningJobLogs', ({ params, response }, call) =>
        response(200).json(logsBody(find(params.job_id, call.tenant, call.now), call.url)),
      ),
    ),

    http.get(
      '/v1/fine-tuning/jobs/{job_id}/metrics',
      endpoint(ctx, 'getFineTuningJobMetrics', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        return response(200).json(metricsBody(job, job.hyperparameters.learning_rate));
      }),
    ),

    http.get(
      '/v1/fine-tuning/jobs/{job_id}/events',
      endpoint(ctx, 'streamFineTuningJobEvents', ({ params, request }, call) =>
        eventStream(ctx, find(params.job_id, call.tenant, call.now), lastEventIdOf(request)),
      ),
    ),

    http.get(
      '/v1/fine-tuning/base-models',
      endpoint(ctx, 'listFineTuningBaseModels', ({ response }) =>
        response(200).json({
          models: PRESETS.map((m) => ({
            id: m.id,
            parameters: m.parameters ?? 0,
            context_length: m.context_length ?? 0,
            description: BASE_MODEL_DESCRIPTIONS[m.id] ?? '',
          })),
        }),
      ),
    ),

    http.get(
      '/v1/fine-tuning/stats',
      endpoint(ctx, 'getFineTuningStats', ({ response }, call) => {
        const jobs = ctx.state.tenantJobs('fine_tuning', call.tenant, call.now);
        const finished = jobs.filter((j) => j.last.status === 'completed');
        const durations = finished.map((j) => ((j.last.finishedAt ?? 0) - (j.last.startedAt ?? 0)) / 1000);
        const bodies = jobs.map(toFineTuningJob);
        return response(200).json({
          total: jobs.length,
          by_status: ctx.state.countByStatus(jobs),
          trained_tokens: bodies.reduce((sum, j) => sum + (j.trained_tokens ?? 0), 0),
          cost_accrued: round(
            bodies.reduce((sum, j) => sum + (j.cost_accrued ?? 0), 0),
            4,
          ),
          average_duration_seconds:
            durations.length === 0 ? null : round(durations.reduce((a, b) => a + b, 0) / durations.length, 1),
        });
      }),
    ),

    http.post(
      '/v1/fine-tuning/estimate-cost',
      endpoint(ctx, 'estimateFineTuningCost', ({ response }, call) =>
        response(200).json(estimateFineTuning(ctx, call.tenant, call.body as CreateRequest, call.now)),
      ),
    ),
  ];
}
