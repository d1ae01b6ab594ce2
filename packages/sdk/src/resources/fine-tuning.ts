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
import type { components } from '../generated/openapi.js';
import { type WaitForCompletionOptions, waitForCompletion } from '../lib/wait-for-completion.js';
import type {
  BaseModel,
  Estimate,
  FineTuningJob,
  FineTuningJobCreateParams,
  FineTuningJobListParams,
  FineTuningStats,
  JobLogs,
  JobLogsParams,
  JobMetrics,
} from '../types.js';
import type { CreateOptions, EventsOptions } from './jobs.js';

/** The server fills in the defaults that the generated type insists on (see `FineTuningHyperparameters`). */
function asGeneratedBody(params: FineTuningJobCreateParams) {
  return params as components['schemas']['CreateFineTuningJobRequest'];
}

/** Fine-tuning jobs: `/v1/fine-tuning/jobs`. */
export class FineTuningJobs {
  constructor(private readonly transport: Transport) {}

  /** Queues a job; once completed its model is listed in `models` as `result_model`. */
  async create(
    params: FineTuningJobCreateParams,
    options: CreateOptions = {},
  ): Promise<WithRequestId<FineTuningJob>> {
    return unwrap(
      await this.transport.api.POST('/v1/fine-tuning/jobs', {
        body: asGeneratedBody(params),
        params: {
          query: this.transport.tenant(),
          header: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
        },
        ...this.transport.init(options),
      }),
    );
  }

  async get(jobId: string, options?: RequestOptions): Promise<WithRequestId<FineTuningJob>> {
    return unwrap(
      await this.transport.api.GET('/v1/fine-tuning/jobs/{job_id}', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /** `await` it for one page, or `for await` over it for every job. */
  list(params: FineTuningJobListParams = {}, options?: RequestOptions): PagePromise<FineTuningJob> {
    return new PagePromise(async (offset) => {
      const result = await this.transport.api.GET('/v1/fine-tuning/jobs', {
        params: { query: { ...this.transport.tenant(), ...params, offset } },
        ...this.transport.init(options),
      });
      return pageData(unwrap(result), 'jobs');
    }, params.offset);
  }

  /** Stops the job in any phase (`POST …/stop`); its status becomes `cancelled`. */
  async cancel(jobId: string, options?: RequestOptions): Promise<WithRequestId<FineTuningJob>> {
    return unwrap(
      await this.transport.api.POST('/v1/fine-tuning/jobs/{job_id}/stop', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  async restart(jobId: string, options?: RequestOptions): Promise<WithRequestId<FineTuningJob>> {
    return unwrap(
      await this.transport.api.POST('/v1/fine-tuning/jobs/{job_id}/restart', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  async delete(jobId: string, options?: RequestOptions): Promise<Acknowledgement> {
    const { response } = await this.transport.api.DELETE('/v1/fine-tuning/jobs/{job_id}', {
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
      await this.transport.api.GET('/v1/fine-tuning/jobs/{job_id}/logs', {
        params: { path: { job_id: jobId }, query: { ...this.transport.tenant(), ...params } },
        ...this.transport.init(options),
      }),
    );
  }

  async metrics(jobId: string, options?: RequestOptions): Promise<WithRequestId<JobMetrics>> {
    return unwrap(
      await this.transport.api.GET('/v1/fine-tuning/jobs/{job_id}/metrics', {
        params: { path: { job_id: jobId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  async events(jobId: string, options: EventsOptions = {}): Promise<JobEventStream> {
    const { lastEventId } = options;
    const { data, response } = await this.transport.api.GET('/v1/fine-tuning/jobs/{job_id}/events', {
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

  /** As `jobs.waitForCompletion`, for a fine-tuning job. */
  waitForCompletion(
    jobId: string,
    options?: WaitForCompletionOptions<FineTuningJob>,
  ): Promise<FineTuningJob> {
    return waitForCompletion<FineTuningJob>(this, jobId, options);
  }
}

/** `/v1/fine-tuning`: jobs, the base-model catalogue, statistics and estimates. */
export class FineTuning {
  readonly jobs: FineTuningJobs;

  constructor(private readonly transport: Transport) {
    this.jobs = new FineTuningJobs(transport);
  }

  /** The models this server can fine-tune. */
  async baseModels(options?: RequestOptions): Promise<WithRequestId<BaseModel[]>> {
    const result = await this.transport.api.GET('/v1/fine-tuning/base-models', this.transport.init(options));
    const body = unwrap(result);
    return Object.defineProperty(body.models, 'requestId', { value: body.requestId }) as WithRequestId<
      BaseModel[]
    >;
  }

  async stats(options?: RequestOptions): Promise<WithRequestId<FineTuningStats>> {
    return unwrap(
      await this.transport.api.GET('/v1/fine-tuning/stats', {
        params: { query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  async estimateCost(
    params: FineTuningJobCreateParams,
    options?: RequestOptions,
  ): Promise<WithRequestId<Estimate>> {
    return unwrap(
      await this.transport.api.POST('/v1/fine-tuning/estimate-cost', {
        body: asGeneratedBody(params),
        ...this.transport.init(options),
      }),
    );
  }
}
