import type { components } from '@distillery/openapi';
import { type JobEventStream, jobEventStream } from '../core/event-stream.js';
import { newIdempotencyKey } from '../core/idempotency.js';
import type { RequestOptions } from '../core/options.js';
import { PagePromise, pageData, singlePageData } from '../core/pagination.js';
import {
  type Acknowledgement,
  acknowledgement,
  type Transport,
  unwrap,
  type WithRequestId,
} from '../core/transport.js';
import { type WaitForCompletionOptions, waitForCompletion } from '../lib/wait-for-completion.js';
import type {
  BaseModel,
  BaseModelList,
  Estimate,
  FineTuningJob,
  FineTuningJobCreateParams,
  FineTuningJobList,
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

  /** `await` it for one `Page`, or `for await` over it for every job. */
  list(
    params: FineTuningJobListParams = {},
    options?: RequestOptions,
  ): PagePromise<FineTuningJob, FineTuningJobList> {
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

  /** Cost, wall time and FLOPs of a fine-tuning job with these params, without creating it (`POST …/estimate-cost`). */
  async estimate(
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

  /**
   * As `client.jobs.waitForCompletion`, for a fine-tuning job: follows its event stream, polls every
   * `pollInterval` milliseconds (default 5 000) without one, gives up after `timeout` ms.
   */
  waitForCompletion(
    jobId: string,
    options?: WaitForCompletionOptions<FineTuningJob>,
  ): Promise<FineTuningJob> {
    return waitForCompletion<FineTuningJob>(this, jobId, options);
  }
}

/** The models this server can fine-tune: `/v1/fine-tuning/base-models`. */
export class BaseModels {
  constructor(private readonly transport: Transport) {}

  /** The catalogue as one `Page` (`items`; the API's `models` stays readable on it). */
  list(options?: RequestOptions): PagePromise<BaseModel, BaseModelList> {
    return new PagePromise(async () => {
      const body = unwrap(
        await this.transport.api.GET('/v1/fine-tuning/base-models', this.transport.init(options)),
      );
      return singlePageData(body, body.models);
    });
  }
}

/**
 * `client.fineTuning.baseModels`: the `BaseModels` resource, which may still be called as the
 * method it replaced.
 */
export type CallableBaseModels = BaseModels & {
  /**
   * The models this server can fine-tune, as an array.
   * @deprecated Use `client.fineTuning.baseModels.list()`, which resolves with a `Page`.
   */
  // biome-ignore lint/style/useShorthandFunctionType: a call signature keeps its own @deprecated tag.
  (options?: RequestOptions): Promise<WithRequestId<BaseModel[]>>;
};

function callable(resource: BaseModels): CallableBaseModels {
  const call = async (options?: RequestOptions) => {
    const page = await resource.list(options);
    return Object.defineProperty(page.items, 'requestId', { value: page.requestId }) as WithRequestId<
      BaseModel[]
    >;
  };
  return Object.assign(call, { list: resource.list.bind(resource) }) as unknown as CallableBaseModels;
}

/** `/v1/fine-tuning`: jobs, the base-model catalogue and statistics. */
export class FineTuning {
  readonly jobs: FineTuningJobs;
  /** `list()` the models this server can fine-tune. */
  readonly baseModels: CallableBaseModels;

  constructor(private readonly transport: Transport) {
    this.jobs = new FineTuningJobs(transport);
    this.baseModels = callable(new BaseModels(transport));
  }

  async stats(options?: RequestOptions): Promise<WithRequestId<FineTuningStats>> {
    return unwrap(
      await this.transport.api.GET('/v1/fine-tuning/stats', {
        params: { query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }
}
