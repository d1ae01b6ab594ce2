import type { RequestOptions } from '../core/options.js';
import { completionStream, type Stream } from '../core/stream.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from '../types.js';

/** OpenAI-compatible chat completions of the tenant's models: `/v1/chat/completions`. */
export class ChatCompletions {
  constructor(private readonly transport: Transport) {}

  /**
   * A chat completion; with `stream: true` a `Stream` of its chunks, ending at `data: [DONE]`
   * (with `stream_options: { include_usage: true }` the last chunk has empty `choices` and the
   * `usage`). The request's `signal` aborts it, a stream included: the connection is closed and
   * the server stops decoding it.
   *
   * ```ts
   * const stream = await client.chat.completions.create({ model, messages, stream: true });
   * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
   * ```
   */
  create(
    params: ChatCompletionCreateParamsStreaming,
    options?: RequestOptions,
  ): Promise<Stream<ChatCompletionChunk>>;
  create(
    params: ChatCompletionCreateParamsNonStreaming,
    options?: RequestOptions,
  ): Promise<WithRequestId<ChatCompletion>>;
  create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): Promise<WithRequestId<ChatCompletion> | Stream<ChatCompletionChunk>>;
  async create(
    params: ChatCompletionCreateParams,
    options: RequestOptions = {},
  ): Promise<WithRequestId<ChatCompletion> | Stream<ChatCompletionChunk>> {
    const query = this.transport.tenant();
    if (params.stream === true) {
      const { data, response } = await this.transport.api.POST('/v1/chat/completions', {
        params: { query },
        body: params,
        parseAs: 'stream',
        ...this.transport.init(options, { Accept: 'text/event-stream' }),
      });
      return completionStream<ChatCompletionChunk>(response, data, options.signal);
    }
    // The operation's 200 has two media types; without `stream` the answer is the JSON one.
    return unwrap(
      await this.transport.api.POST('/v1/chat/completions', {
        params: { query },
        body: params,
        ...this.transport.init(options),
      }),
    ) as WithRequestId<ChatCompletion>;
  }
}

/** Chat: `client.chat.completions`. */
export class Chat {
  readonly completions: ChatCompletions;

  constructor(transport: Transport) {
    this.completions = new ChatCompletions(transport);
  }
}
