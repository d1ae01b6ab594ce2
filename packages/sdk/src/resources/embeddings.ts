import type { RequestOptions } from '../core/options.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import type { EmbeddingCreateParams, EmbeddingList } from '../types.js';

/** OpenAI-compatible embeddings: `/v1/embeddings`. */
export class Embeddings {
  constructor(private readonly transport: Transport) {}

  /**
   * One vector of the model's width per input (a string, strings, token ids or arrays of token
   * ids), in order: the mean over its tokens of the model's last hidden state. With
   * `encoding_format: 'base64'` each `embedding` is the base64 of its little-endian float32 values.
   */
  async create(
    params: EmbeddingCreateParams,
    options?: RequestOptions,
  ): Promise<WithRequestId<EmbeddingList>> {
    return unwrap(
      await this.transport.api.POST('/v1/embeddings', {
        params: { query: this.transport.tenant() },
        body: params,
        ...this.transport.init(options),
      }),
    );
  }
}
