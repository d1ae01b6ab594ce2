import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { ApiError, jobNotFound } from '../http/errors';
import { endpoint } from '../http/pipeline';
import type { paths, Schemas } from '../spec';
import type { ArtifactFormat } from '../state/artifacts';
import {
  artifactSource,
  artifactsBody,
  createDistillation,
  estimateDistillation,
  replanDistillation,
  toDistillationJob,
  writtenArtifacts,
} from '../state/distillation';
import { cancelJob, restartJob } from '../state/jobs';
import {
  eventStream,
  filterJobs,
  idempotent,
  jobConflict,
  lastEventIdOf,
  logsBody,
  metricsBody,
  newestFirst,
  pageOf,
} from './common';
import { rangeResponse } from './range';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;
type CreateRequest = Schemas['CreateDistillationJobRequest'];

export function distillationHandlers(http: Http, ctx: MockContext) {
  const find = (id: string, tenant: string, now: number) => {
    const job = ctx.state.job('distillation', id, tenant, now);
    if (!job) throw jobNotFound(id);
    return job;
  };

  return [
    http.post(
      '/v1/distillation/estimate',
      endpoint(ctx, 'estimateDistillationJob', ({ response }, call) =>
        response(200).json(estimateDistillation(ctx, call.tenant, call.body as CreateRequest, call.now)),
      ),
    ),

    http.post(
      '/v1/distillation',
      endpoint(ctx, 'createDistillationJob', ({ request, response }, call) => {
        const { value: job, replayed } = idempotent(
          ctx,
          call,
          request,
          'createDistillationJob',
          call.body,
          (id) => ctx.state.job('distillation', id, call.tenant, call.now),
          () => {
            const created = createDistillation(ctx, call.tenant, call.body as CreateRequest, call.now);
            return { id: created.id, value: created };
          },
        );
        return response(201).json(toDistillationJob(job), {
          headers: {
            Location: `${ctx.options.baseUrl}/v1/distillation/${job.id}`,
            'Idempotent-Replayed': String(replayed),
          },
        });
      }),
    ),

    http.get(
      '/v1/distillation',
      endpoint(ctx, 'listDistillationJobs', ({ response }, call) => {
        const jobs = filterJobs(ctx.state.tenantJobs('distillation', call.tenant, call.now), call.url);
        const { page, total, has_more } = pageOf(jobs.sort(newestFirst), call.url);
        return response(200).json({ jobs: page.map(toDistillationJob), total, has_more });
      }),
    ),

    http.get(
      '/v1/distillation/{job_id}',
      endpoint(ctx, 'getDistillationJob', ({ params, response }, call) =>
        response(200).json(toDistillationJob(find(params.job_id, call.tenant, call.now))),
      ),
    ),

    http.delete(
      '/v1/distillation/{job_id}',
      endpoint(ctx, 'deleteDistillationJob', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        jobConflict(job, 'delete');
        ctx.state.jobs.delete(job.id);
        ctx.state.artifacts.forget(job.id);
        ctx.state.changed();
        return response(204).empty();
      }),
    ),

    http.post(
      '/v1/distillation/{job_id}/cancel',
      endpoint(ctx, 'cancelDistillationJob', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        jobConflict(job, 'cancel');
        cancelJob(job, call.now);
        ctx.state.changed();
        return response(200).json(toDistillationJob(job));
      }),
    ),

    http.post(
      '/v1/distillation/{job_id}/restart',
      endpoint(ctx, 'restartDistillationJob', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        jobConflict(job, 'restart');
        restartJob(job, replanDistillation(ctx, job, call.now), call.now);
        ctx.state.artifacts.forget(job.id);
        ctx.state.changed();
        return response(200).json(toDistillationJob(job));
      }),
    ),

    http.get(
      '/v1/distillation/{job_id}/artifacts',
      endpoint(ctx, 'listDistillationArtifacts', async ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        const source = artifactSource(job);
        const files = await Promise.all(
          writtenArtifacts(job).map(async (file) => {
            const content = await ctx.state.artifacts.content(source, file.format);
            return { ...file, size: content.bytes.byteLength, sha256: content.sha256 };
          }),
        );
        return response(200).json(artifactsBody(ctx, job, files));
      }),
    ),

    http.get(
      '/v1/distillation/{job_id}/artifacts/{format}/download',
      endpoint(ctx, 'downloadDistillationArtifact', async ({ params, request }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        const file = writtenArtifacts(job).find((f) => f.format === params.format);
        if (!file) {
          throw new ApiError(404, 'artifact_not_found', `Job ${job.id} has no ${params.format} artifact`, {
            param: 'format',
          });
        }
        const content = await ctx.state.artifacts.content(artifactSource(job), file.format as ArtifactFormat);
        return rangeResponse(request, content, file.path.split('/').at(-1)!);
      }),
    ),

    http.get(
      '/v1/distillation/{job_id}/logs',
      endpoint(ctx, 'getDistillationJobLogs', ({ params, response }, call) =>
        response(200).json(logsBody(find(params.job_id, call.tenant, call.now), call.url)),
      ),
    ),

    http.get(
      '/v1/distillation/{job_id}/metrics',
      endpoint(ctx, 'getDistillationJobMetrics', ({ params, response }, call) => {
        const job = find(params.job_id, call.tenant, call.now);
        return response(200).json(metricsBody(job, job.config.learning_rate));
      }),
    ),

    http.get(
      '/v1/distillation/{job_id}/events',
      endpoint(ctx, 'streamDistillationJobEvents', ({ params, request }, call) =>
        eventStream(ctx, find(params.job_id, call.tenant, call.now), lastEventIdOf(request)),
      ),
    ),
  ];
}
