import type { components } from '@distillery/openapi';
import { type JobEventStream, jobEventStream } from '../core/event-stream.js';
import { newIdempotencyKey } from '../core/idempotency.js';
import type { RequestOptions } from '../core/options.js';
import { PagePromise, pageData } from '../core/pagination.js';
import {
  type Acknowledgement,
  acknowledgement,
  type Transport,
  unwrap,
  type WithRequestId,
} from '../core/transport.js';
import { type WaitForCompletionOptions, waitForCompletion } from '../lib/wait-for-completion.js';
import type {
  Estimate,
  Job,
  JobCreateParams,
  JobList,
  JobListParams,
  JobLogs,
  JobLogsParams,
  JobMetrics,
} from '../types.js';
import { Artifacts } from './artifacts.js';

export interface CreateOptions extends RequestOptions {
  /** Defaults to a fresh UUID per call, reused by that call's retries. */
  idempotencyKey?: string | undefined;
}

export interface EventsOptions extends RequestOptions {
  /** Resume after this event id (sent as `Last-Event-ID`). */
  lastEventId?: string | undefined;
}

/** The server fills in the defaults that the generated type insists on (see `JobConfig`). */
function asGeneratedBody(params: JobCreateParams) {
  return params as components['schemas']['CreateDistillationJobRequest'];
}

/** Distillation jobs: `/v1/distillation`. */
export class Jobs {
  /**
   * The same `Artifacts` as `client.artifacts`.
   * @deprecated Use `client.artifacts.list(jobId)` and `client.artifacts.download(jobId, format, path)`.
   */
  readonly artifacts: Artifacts;

  constructor(
    private readonly transport: Transport,
    artifacts: Artifacts = new Artifacts(transport),
  ) {
    this.artifacts = artifacts;
  }

  /** Queues a job; it starts `pending` in phase `initializing`, with every config default filled in. */
  async create(params: JobCreateParams, options: CreateOptions = {}): Promise<WithRequestId<Job>> {
    const { tenant_id } = this.transport.tenant();
    return unwrap(
      await this.transport.api.POST('/v1/distillation', {
        body: asGeneratedBody(
          tenant_id === undefined || params.tenant_id !== undefined ? params : { ...params, tenant_id },
        ),
        params: { header: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() } },
        ...this.transport.init(options),
      }),
    );
  }

  async get(jobId: string, options?: RequestOptions): Promise<WithRequestId<Job>> {
    return unwrap(
      await this.transport.api.GET('/v1/distillation/{job_id}', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /** Newest first. `await` it for one `Page`, or `for await` over it for every job. */
  list(params: JobListParams = {}, options?: RequestOptions): PagePromise<Job, JobList> {
    return new PagePromise(async (offset) => {
      const result = await this.transport.api.GET('/v1/distillation', {
        params: { query: { ...this.transport.tenant(), ...params, offset } },
        ...this.transport.init(options),
      });
      return pageData(unwrap(result), 'jobs');
    }, params.offset);
  }

  /** Stops the job in any phase; artifacts already written are kept. */
  async cancel(jobId: string, options?: RequestOptions): Promise<WithRequestId<Job>> {
    return unwrap(
      await this.transport.api.POST('/v1/distillation/{job_id}/cancel', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /** Queues a finished job again from the start with the same config. */
  async restart(jobId: string, options?: RequestOptions): Promise<WithRequestId<Job>> {
    return unwrap(
      await this.transport.api.POST('/v1/distillation/{job_id}/restart', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /** Deletes a finished job with its logs, metrics and artifacts. */
  async delete(jobId: string, options?: RequestOptions): Promise<Acknowledgement> {
    const { response } = await this.transport.api.DELETE('/v1/distillation/{job_id}', {
      params: { path: { job_id: jobId }, query: this.transport.tenant() },
      ...this.transport.init(options),
    });
    return acknowledgement(response);
  }

  async logs(
    jobId: string,
    params: JobLogsParams = {},
    options?: RequestOptions,
  ): Promise<WithRequestId<JobLogs>> {
    return unwrap(
      await this.transport.api.GET('/v1/distillation/{job_id}/logs', {
        params: { path: { job_id: jobId }, query: { ...this.transport.tenant(), ...params } },
        ...this.transport.init(options),
      }),
    );
  }

  /** The loss curve by step. */
  async metrics(jobId: string, options?: RequestOptions): Promise<WithRequestId<JobMetrics>> {
    return unwrap(
      await this.transport.api.GET('/v1/distillation/{job_id}/metrics', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /** Opens the job's Server-Sent Events; `for await` over the result until the job ends. */
  async events(jobId: string, options: EventsOptions = {}): Promise<JobEventStream> {
    const { lastEventId } = options;
    const { data, response } = await this.transport.api.GET('/v1/distillation/{job_id}/events', {
      params: {
        path: { job_id: jobId },
        query: this.transport.tenant(),
        header: lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId },
      },
      parseAs: 'stream',
      ...this.transport.init(options, { Accept: 'text/event-stream' }),
    });
    return jobEventStream(response, data, lastEventId, options.signal);
  }

  /** Cost, wall time and FLOPs of a job with this config, without creating it. */
  async estimate(params: JobCreateParams, options?: RequestOptions): Promise<WithRequestId<Estimate>> {
    return unwrap(
      await this.transport.api.POST('/v1/distillation/estimate', {
        body: asGeneratedBody(params),
        ...this.transport.init(options),
      }),
    );
  }

  /**
   * Resolves with the completed job; rejects with `JobFailedError`, `JobCancelledError`,
   * `WaitTimeoutError` or `APIUserAbortError`. Follows the job's event stream and falls back to
   * polling `get` every `pollInterval` milliseconds (default 5 000) when the server offers none;
   * `timeout` (ms), `signal`, `onProgress` and `useEvents` are the other `WaitForCompletionOptions`.
   *
   * ```ts
   * const done = await client.jobs.waitForCompletion(job.id, { pollInterval: 60_000, onProgress: (j) => console.log(j.phase) });
   * ```
   */
  waitForCompletion(jobId: string, options?: WaitForCompletionOptions<Job>): Promise<Job> {
    return waitForCompletion<Job>(this, jobId, options);
  }
}
