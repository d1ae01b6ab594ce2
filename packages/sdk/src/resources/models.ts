import type { RequestOptions } from '../core/options.js';
import { PagePromise, singlePageData } from '../core/pagination.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import type { Model, ModelList } from '../types.js';

/** Presets, teacher endpoints, fine-tuned and distilled models: `/v1/models`. */
export class Models {
  constructor(private readonly transport: Transport) {}

  /** Every model as one `Page` (the API does not paginate it); `items` is the OpenAI-style `data`. */
  list(options?: RequestOptions): PagePromise<Model, ModelList> {
    return new PagePromise(async () => {
      const body = unwrap(
        await this.transport.api.GET('/v1/models', {
          params: { query: this.transport.tenant() },
          ...this.transport.init(options),
        }),
      );
      return singlePageData(body, body.data);
    });
  }

  /** `modelId` may carry a provider prefix (`local/ft-spam-teacher`); it is URL-encoded for you. */
  async get(modelId: string, options?: RequestOptions): Promise<WithRequestId<Model>> {
    return unwrap(
      await this.transport.api.GET('/v1/models/{model_id}', {
        params: { path: { model_id: modelId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }
}
