import type { RequestOptions } from '../core/options.js';
import { completionStream, type Stream } from '../core/stream.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import type {
  Completion,
  CompletionBatch,
  CompletionBatchParams,
  CompletionCreateParams,
  CompletionCreateParamsNonStreaming,
  CompletionCreateParamsStreaming,
} from '../types.js';

/** OpenAI-compatible (legacy) text completions, and reference 004's batches: `/v1/completions`. */
export class Completions {
  constructor(private readonly transport: Transport) {}

  /**
   * Continues `prompt` (a string, strings, token ids, or arrays of token ids: a choice each) as it
   * is, with no chat template; with `stream: true` a `Stream` of `Completion` chunks ending at
   * `data: [DONE]`, as `chat.completions.create` streams.
   */
  create(params: CompletionCreateParamsStreaming, options?: RequestOptions): Promise<Stream<Completion>>;
  create(
    params: CompletionCreateParamsNonStreaming,
    options?: RequestOptions,
  ): Promise<WithRequestId<Completion>>;
  create(
    params: CompletionCreateParams,
    options?: RequestOptions,
  ): Promise<WithRequestId<Completion> | Stream<Completion>>;
  async create(
    params: CompletionCreateParams,
    options: RequestOptions = {},
  ): Promise<WithRequestId<Completion> | Stream<Completion>> {
    const query = this.transport.tenant();
    if (params.stream === true) {
      const { data, response } = await this.transport.api.POST('/v1/completions', {
        params: { query },
        body: params,
        parseAs: 'stream',
        ...this.transport.init(options, { Accept: 'text/event-stream' }),
      });
      return completionStream<Completion>(response, data, options.signal);
    }
    // The operation's 200 has two media types; without `stream` the answer is the JSON one.
    return unwrap(
      await this.transport.api.POST('/v1/completions', {
        params: { query },
        body: params,
        ...this.transport.init(options),
      }),
    ) as WithRequestId<Completion>;
  }

  /**
   * Completes every prompt (`n` completions each) in shared decode batches: one choice per prompt
   * and sample, in prompt order, each with its `prompt_index` (`index` = `prompt_index` × `n` + k).
   * With a `seed`, completion k of every prompt is sampled with seed + k, so a batch is repeatable.
   */
  async batch(
    params: CompletionBatchParams,
    options?: RequestOptions,
  ): Promise<WithRequestId<CompletionBatch>> {
    return unwrap(
      await this.transport.api.POST('/v1/completions/batch', {
        params: { query: this.transport.tenant() },
        body: params,
        ...this.transport.init(options),
      }),
      // openapi-fetch's response type drops a property whose type is exactly `null` (`logprobs`).
    ) as unknown as WithRequestId<CompletionBatch>;
  }
}
