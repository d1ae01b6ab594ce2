import type { RequestOptions } from '../core/options.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import type { Model, ModelList } from '../types.js';

/** Presets, teacher endpoints, fine-tuned and distilled models: `/v1/models`. */
export class Models {
  constructor(private readonly transport: Transport) {}

  /** OpenAI-style `{object: "list", data}`. */
  async list(options?: RequestOptions): Promise<WithRequestId<ModelList>> {
    return unwrap(
      await this.transport.api.GET('/v1/models', {
        params: { query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
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
