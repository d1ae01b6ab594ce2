import { DistilleryError } from '../core/errors.js';
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
import { type DatasetSource, datasetBlob, defaultDatasetName } from '../lib/dataset-source.js';
import type { Dataset, DatasetList, DatasetListParams } from '../types.js';

export interface DatasetUploadParams {
  /** JSONL rows `{prompt, completion?, label?}` or `{messages}`: see `DatasetSource`. */
  file: DatasetSource;
  /** Defaults to the file name of a path or `File`. */
  name?: string | undefined;
}

export interface UploadOptions extends RequestOptions {
  idempotencyKey?: string | undefined;
}

/** JSONL datasets: `/v1/datasets`. */
export class Datasets {
  constructor(private readonly transport: Transport) {}

  /** Uploads and validates a dataset. A bad row is a `BadRequestError` whose `param` names its line. */
  async upload(params: DatasetUploadParams, options: UploadOptions = {}): Promise<WithRequestId<Dataset>> {
    const name = params.name ?? defaultDatasetName(params.file);
    if (!name) throw new DistilleryError('Dataset upload needs a `name` when the source is not a file');
    const blob = await datasetBlob(params.file);
    return unwrap(
      await this.transport.api.POST('/v1/datasets', {
        params: {
          query: { name, ...this.transport.tenant() },
          header: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
        },
        // openapi-fetch types the raw ndjson body as a string; a Blob is sent as is, without a copy.
        body: blob as unknown as string,
        bodySerializer: (body: unknown) => body,
        ...this.transport.init(options, { 'Content-Type': 'application/x-ndjson' }),
      }),
    );
  }

  async get(datasetId: string, options?: RequestOptions): Promise<WithRequestId<Dataset>> {
    return unwrap(
      await this.transport.api.GET('/v1/datasets/{dataset_id}', {
        params: { path: { dataset_id: datasetId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /** `await` it for one `Page`, or `for await` over it for every dataset. */
  list(params: DatasetListParams = {}, options?: RequestOptions): PagePromise<Dataset, DatasetList> {
    return new PagePromise(async (offset) => {
      const result = await this.transport.api.GET('/v1/datasets', {
        params: { query: { ...this.transport.tenant(), ...params, offset } },
        ...this.transport.init(options),
      });
      return pageData(unwrap(result), 'datasets');
    }, params.offset);
  }

  async delete(datasetId: string, options?: RequestOptions): Promise<Acknowledgement> {
    const { response } = await this.transport.api.DELETE('/v1/datasets/{dataset_id}', {
      params: { path: { dataset_id: datasetId }, query: this.transport.tenant() },
      ...this.transport.init(options),
    });
    return acknowledgement(response);
  }
}
