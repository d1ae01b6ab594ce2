/**
 * OpenAI-compatible serving, simulated: chat completions and text completions (JSON or Server-Sent
 * Events with `data: [DONE]`, `include_usage`, `n`, `stop`, `seed`, logprobs, finish reasons),
 * reference 004's batch, embeddings of the model's width, and the decode statistics and recent
 * requests they leave behind. Only the tenant's own models answer (fine-tuned, distilled, imported);
 * a preset is a 400 naming `model`, anything else a 404, as on the server.
 */
import { HttpResponse } from 'msw';
import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { ApiError, errorBody } from '../http/errors';
import type { Call } from '../http/pipeline';
import { endpoint } from '../http/pipeline';
import type { paths, Schemas } from '../spec';
import { tenantModels } from '../state/models';
import {
  base64Floats,
  countTokens,
  embed,
  type Generated,
  generate,
  type LoadedModel,
  type ServedRequest,
  timings,
} from '../state/serving';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;
type Model = Schemas['Model'];
type Endpoint = Schemas['RecentRequest']['endpoint'];
type ChatChunk = Schemas['ChatCompletionChunk'];
type CompletionChoice = Schemas['CompletionChoice'];

const SERVABLE = new Set<Model['kind']>(['fine_tuned', 'distilled', 'imported']);

const invalid = (message: string, param: string) => new ApiError(400, 'invalid_request', message, { param });

/** The model a request names, or the tenant's only one; refusals as the server words them. */
function resolveModel(ctx: MockContext, call: Call, asked: string | undefined): Model {
  const models = tenantModels(ctx, call.tenant, call.now);
  if (asked === undefined || asked === null) {
    const servable = models.filter((m) => SERVABLE.has(m.kind));
    if (servable.length === 1) return servable[0] as Model;
    throw invalid(
      servable.length === 0
        ? 'model is required: this tenant has no model to serve yet (fine-tune, distil or import one)'
        : `model is required: this tenant has ${servable.length} models to serve (GET /v1/models lists them)`,
      'model',
    );
  }
  const model = models.find((m) => m.id === asked || m.id === `local/${asked}`);
  if (model?.kind === 'preset')
    throw invalid(
      `${asked} is a preset, an architecture without weights, and cannot be served: serve a model of your own (fine-tune one from it, distil into it, or import a checkpoint with POST /v1/models)`,
      'model',
    );
  if (!model || !SERVABLE.has(model.kind))
    throw new ApiError(404, 'model_not_found', `The model ${asked} does not exist`, { param: 'model' });
  return model;
}

interface Prompt {
  /** What the reply depends on. */
  key: string;
  tokens: number;
  /** Characters of a text prompt (legacy logprobs count text offsets from there); 0 for token ids. */
  length: number;
}

/** `prompt` or `input`: a string, strings, token ids or arrays of token ids. */
function promptsOf(value: Schemas['CompletionPrompt'], param: string): Prompt[] {
  const text = (t: string): Prompt => ({ key: t, tokens: countTokens(t), length: t.length });
  const ids = (t: number[]): Prompt => ({ key: `tokens:${t.join(',')}`, tokens: t.length, length: 0 });
  if (typeof value === 'string') return [text(value)];
  const kinds = new Set(
    value.map((v) => (typeof v === 'string' ? 'text' : typeof v === 'number' ? 'token' : 'tokens')),
  );
  if (kinds.size > 1)
    throw invalid(`${param} mixes strings, token ids and arrays of token ids: send one kind`, param);
  if (kinds.has('token')) return [ids(value as number[])];
  if (value.length > 256) throw invalid(`${param} must not have more than 256 items`, param);
  return kinds.has('text') ? (value as string[]).map(text) : (value as number[][]).map(ids);
}

/** The engine's default chat layout: a user turn as it is, any other as `role: content`, one per line. */
function renderChat(messages: Schemas['ChatMessage'][]): string {
  return messages
    .map((m) => {
      const content = typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('');
      return m.role === 'user' ? content : `${m.role}: ${content}`;
    })
    .join('\n');
}

const stopsOf = (stop: Schemas['StopSequences'] | undefined) =>
  stop === undefined || stop === null ? [] : typeof stop === 'string' ? [stop] : stop;

interface Sampling {
  max: number | null | undefined;
  temperature?: number | null;
  seed?: number | null;
  n?: number | null;
  stop?: Schemas['StopSequences'];
}

interface Decoded {
  model: Model;
  loaded: LoadedModel;
  prompts: Prompt[];
  /** Choice `p * n + k`: completion k of prompt p. */
  choices: Generated[];
  n: number;
  usage: Schemas['Usage'];
  ttft: number;
  interToken: number;
}

/** Decodes every prompt `n` times; a prompt past the model's context is a 400 naming `param`. */
function decode(
  ctx: MockContext,
  call: Call,
  model: Model,
  prompts: Prompt[],
  param: string,
  s: Sampling,
  chat: boolean,
): Decoded {
  const loaded = ctx.state.serving.load(call.tenant, model, call.now);
  for (const [i, p] of prompts.entries()) {
    if (p.tokens > loaded.maxContext)
      throw invalid(
        `${prompts.length > 1 ? `${param}[${i}]` : param} is ${p.tokens} tokens, longer than the ${loaded.maxContext} of ${model.id}'s context`,
        param,
      );
  }
  const n = s.n ?? 1;
  const scripted = ctx.scenarios.takeCompletions();
  const temperature = s.temperature ?? 1;
  const choices: Generated[] = [];
  for (const p of prompts) {
    const room = loaded.maxContext - p.tokens;
    for (let k = 0; k < n; k++) {
      choices.push(
        generate({
          key: `${model.id}\u0000${p.key}`,
          seed: (s.seed ?? 0) + k,
          temperature,
          maxTokens: Math.min(s.max ?? room, room),
          stop: stopsOf(s.stop),
          chat,
          scripted: scripted?.[choices.length % scripted.length],
        }),
      );
    }
  }
  const promptTokens = prompts.reduce((sum, p) => sum + p.tokens, 0);
  const completionTokens = choices.reduce((sum, c) => sum + c.completionTokens, 0);
  const { ttft, interToken } = timings(promptTokens, model.architecture?.d_model ?? 64);
  return {
    model,
    loaded,
    prompts,
    choices,
    n,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    ttft,
    interToken,
  };
}

/**
 * Adds a request served to the ring of recent requests and the decode figures. As on the server, a
 * request refused before decoding (an unknown model, a preset, a prompt too long) is not recorded.
 */
function record(
  ctx: MockContext,
  call: Call,
  endpointName: Endpoint,
  body: { model?: string; stream?: boolean | null; n?: number | null; temperature?: number | null },
  outcome: { decoded: Decoded },
) {
  const base = {
    request_id: call.requestId,
    endpoint: endpointName,
    created: Math.floor(call.now / 1000),
    stream: body.stream === true,
    n: body.n ?? 1,
    temperature: endpointName === 'embeddings' ? null : (body.temperature ?? null),
  };
  const d = outcome.decoded;
  const steps = Math.max(0, ...d.choices.map((c) => c.completionTokens));
  const generated = endpointName !== 'embeddings';
  return ctx.state.serving.record(
    {
      tenant: call.tenant,
      disconnected: false,
      request: {
        ...base,
        model: d.model.id,
        status: 200,
        finish_reasons: d.choices.map((c) => c.finishReason),
        prompt_tokens: d.usage.prompt_tokens,
        completion_tokens: d.usage.completion_tokens,
        time_to_first_token_ms: generated ? d.ttft : null,
        duration_ms: Number((d.ttft + Math.max(0, steps - 1) * d.interToken).toFixed(1)),
        error_code: null,
      },
    },
    {
      loaded: d.loaded,
      sequences: d.choices.length,
      steps,
      interToken: d.interToken,
      now: call.now,
    },
  );
}

const STREAM_ERRORS = {
  internal_error: { status: 500, message: 'Generation failed' },
  overloaded: { status: 503, message: 'The model was unloaded under memory pressure while decoding' },
  timeout: { status: 504, message: 'Generation took longer than 600 s and was stopped' },
} as const;

/**
 * `data:` events, then `[DONE]`, one event per pull so that a client reading slowly (or leaving)
 * paces them; `failNextStream` swaps the end for an error event.
 */
function eventStream(ctx: MockContext, call: Call, events: unknown[], served: ServedRequest) {
  const failure = ctx.scenarios.takeStreamFailure();
  // A stream that failed after it started keeps its 200 and says why in `error_code`.
  if (failure) served.request.error_code = failure.code;
  const frames = failure ? events.slice(0, failure.afterChunks) : [...events, '[DONE]'];
  if (failure) {
    const { status, message } = STREAM_ERRORS[failure.code];
    frames.push(errorBody(new ApiError(status, failure.code, message), call.requestId));
  }
  const encoder = new TextEncoder();
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const frame = frames[next++];
      if (frame === undefined) return controller.close();
      controller.enqueue(
        encoder.encode(`data: ${typeof frame === 'string' ? frame : JSON.stringify(frame)}\n\n`),
      );
    },
    cancel() {
      if (next < frames.length) served.disconnected = true;
    },
  });
  return new HttpResponse(stream, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}

/** Pieces of every choice in decode order: step by step, each choice still going. */
function* interleaved(choices: Generated[]) {
  const steps = Math.max(0, ...choices.map((c) => c.pieces.length));
  for (let t = 0; t < steps; t++) {
    for (const [index, choice] of choices.entries()) {
      const piece = choice.pieces[t];
      if (piece !== undefined) yield { index, piece, logprob: choice.logprobs[t] as Schemas['TokenLogprob'] };
    }
  }
}

function legacyLogprobs(entries: Schemas['TokenLogprob'][], top: number, offset: number) {
  const text_offset: number[] = [];
  let at = offset;
  for (const e of entries) {
    text_offset.push(at);
    at += e.token.length;
  }
  return {
    tokens: entries.map((e) => e.token),
    token_logprobs: entries.map((e) => e.logprob),
    top_logprobs: entries.map((e) =>
      Object.fromEntries(e.top_logprobs.slice(0, top).map((t) => [t.token, t.logprob])),
    ),
    text_offset,
  };
}

const withTop = (entry: Schemas['TokenLogprob'], top: number): Schemas['TokenLogprob'] => ({
  ...entry,
  top_logprobs: entry.top_logprobs.slice(0, top),
});

export function inferenceHandlers(http: Http, ctx: MockContext) {
  return [
    http.post(
      '/v1/chat/completions',
      endpoint(ctx, 'createChatCompletion', ({ response }, call) => {
        const b = call.body as Schemas['ChatCompletionRequest'];
        if (
          b.max_tokens !== undefined &&
          b.max_tokens !== null &&
          b.max_completion_tokens !== undefined &&
          b.max_completion_tokens !== null &&
          b.max_tokens !== b.max_completion_tokens
        )
          throw invalid('Give max_completion_tokens or max_tokens, not both', 'max_tokens');
        if (b.top_logprobs && !b.logprobs) throw invalid('top_logprobs needs logprobs: true', 'top_logprobs');
        const model = resolveModel(ctx, call, b.model);
        const rendered = renderChat(b.messages);
        const prompt = { key: rendered, tokens: countTokens(rendered) + b.messages.length, length: 0 };
        const max = b.max_completion_tokens ?? b.max_tokens;
        const d = decode(ctx, call, model, [prompt], 'messages', { ...b, max }, true);
        const served = record(ctx, call, 'chat.completions', b, { decoded: d });
        const top = b.top_logprobs ?? 0;
        const head = {
          id: `chatcmpl-${call.requestId}`,
          created: Math.floor(call.now / 1000),
          model: d.model.id,
          system_fingerprint: null,
        };
        if (b.stream === true) {
          const includeUsage = b.stream_options?.include_usage === true;
          const chunk = (choices: ChatChunk['choices']): ChatChunk => ({
            ...head,
            object: 'chat.completion.chunk',
            choices,
            ...(includeUsage ? { usage: null } : {}),
          });
          const events: ChatChunk[] = d.choices.map((_, index) =>
            chunk([
              { index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
            ]),
          );
          for (const { index, piece, logprob } of interleaved(d.choices)) {
            const logprobs = b.logprobs ? { content: [withTop(logprob, top)] } : null;
            events.push(chunk([{ index, delta: { content: piece }, logprobs, finish_reason: null }]));
          }
          for (const [index, c] of d.choices.entries())
            events.push(chunk([{ index, delta: {}, logprobs: null, finish_reason: c.finishReason }]));
          if (includeUsage) events.push({ ...chunk([]), usage: d.usage });
          return eventStream(ctx, call, events, served);
        }
        return response(200).json({
          ...head,
          object: 'chat.completion',
          choices: d.choices.map((c, index) => ({
            index,
            message: { role: 'assistant', content: c.text },
            logprobs: b.logprobs ? { content: c.logprobs.map((e) => withTop(e, top)) } : null,
            finish_reason: c.finishReason,
          })),
          usage: d.usage,
        });
      }),
    ),

    http.post(
      '/v1/completions',
      endpoint(ctx, 'createCompletion', ({ response }, call) => {
        const b = call.body as Schemas['CompletionRequest'];
        const prompts = promptsOf(b.prompt, 'prompt');
        const model = resolveModel(ctx, call, b.model);
        const d = decode(ctx, call, model, prompts, 'prompt', { ...b, max: b.max_tokens ?? 16 }, false);
        const served = record(ctx, call, 'completions', b, { decoded: d });
        const top = b.logprobs ?? 0;
        const wantLogprobs = b.logprobs !== undefined && b.logprobs !== null;
        const head = {
          id: `cmpl-${call.requestId}`,
          object: 'text_completion' as const,
          created: Math.floor(call.now / 1000),
          model: d.model.id,
          system_fingerprint: null,
        };
        const offsetOf = (index: number) => d.prompts[Math.floor(index / d.n)]?.length ?? 0;
        if (b.stream === true) {
          const includeUsage = b.stream_options?.include_usage === true;
          const chunk = (choices: CompletionChoice[]): Schemas['Completion'] => ({
            ...head,
            choices,
            ...(includeUsage ? { usage: null } : {}),
          });
          const offsets = d.choices.map((_, index) => offsetOf(index));
          const events: Schemas['Completion'][] = [];
          for (const { index, piece, logprob } of interleaved(d.choices)) {
            const logprobs = wantLogprobs ? legacyLogprobs([logprob], top, offsets[index] as number) : null;
            offsets[index] = (offsets[index] as number) + piece.length;
            events.push(chunk([{ index, text: piece, logprobs, finish_reason: null }]));
          }
          for (const [index, c] of d.choices.entries())
            events.push(chunk([{ index, text: '', logprobs: null, finish_reason: c.finishReason }]));
          if (includeUsage) events.push({ ...chunk([]), usage: d.usage });
          return eventStream(ctx, call, events, served);
        }
        return response(200).json({
          ...head,
          choices: d.choices.map((c, index) => ({
            index,
            text: c.text,
            logprobs: wantLogprobs ? legacyLogprobs(c.logprobs, top, offsetOf(index)) : null,
            finish_reason: c.finishReason,
          })),
          usage: d.usage,
        });
      }),
    ),

    http.post(
      '/v1/completions/batch',
      endpoint(ctx, 'createCompletionBatch', ({ response }, call) => {
        const b = call.body as Schemas['CompletionBatchRequest'];
        const model = resolveModel(ctx, call, b.model);
        const prompts = promptsOf(b.prompts, 'prompts');
        const d = decode(ctx, call, model, prompts, 'prompts', { ...b, max: b.max_tokens ?? 16 }, false);
        record(ctx, call, 'completions.batch', b, { decoded: d });
        return response(200).json({
          id: `cmpl-${call.requestId}`,
          object: 'text_completion',
          created: Math.floor(call.now / 1000),
          model: d.model.id,
          system_fingerprint: null,
          choices: d.choices.map((c, index) => ({
            index,
            prompt_index: Math.floor(index / d.n),
            text: c.text,
            logprobs: null,
            finish_reason: c.finishReason,
          })),
          usage: d.usage,
        });
      }),
    ),

    http.post(
      '/v1/embeddings',
      endpoint(ctx, 'createEmbeddings', ({ response }, call) => {
        const b = call.body as Schemas['EmbeddingRequest'];
        const inputs = promptsOf(b.input, 'input');
        const model = resolveModel(ctx, call, b.model);
        const loaded = ctx.state.serving.load(call.tenant, model, call.now);
        for (const [i, input] of inputs.entries()) {
          const param = inputs.length > 1 ? `input[${i}]` : 'input';
          if (input.key.trim() === '') throw invalid(`${param} is empty: there is nothing to embed`, 'input');
          if (input.tokens > loaded.maxContext)
            throw invalid(
              `${param} is ${input.tokens} tokens, longer than the ${loaded.maxContext} of ${model.id}'s context`,
              'input',
            );
        }
        const width = model.architecture?.d_model ?? 64;
        const promptTokens = inputs.reduce((sum, p) => sum + p.tokens, 0);
        const usage = { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens };
        const { ttft, interToken } = timings(promptTokens, width);
        record(ctx, call, 'embeddings', b, {
          decoded: { model, loaded, prompts: inputs, choices: [], n: 1, usage, ttft, interToken },
        });
        return response(200).json({
          object: 'list',
          model: model.id,
          data: inputs.map((input, index) => {
            const vector = embed(`${model.id}\u0000${input.key}`, width);
            return {
              object: 'embedding' as const,
              index,
              embedding: b.encoding_format === 'base64' ? base64Floats(vector) : vector,
            };
          }),
          usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
        });
      }),
    ),

    http.get(
      '/v1/stats/decode',
      endpoint(ctx, 'getDecodeStats', ({ response }, call) =>
        response(200).json(ctx.state.serving.decodeStats(call.tenant, call.now)),
      ),
    ),

    http.get(
      '/v1/stats/recent-requests',
      endpoint(ctx, 'listRecentRequests', ({ response }, call) => {
        const limit = Number(call.url.searchParams.get('limit') ?? 50);
        return response(200).json({
          object: 'list',
          data: ctx.state.serving.recentRequests(call.tenant, limit),
        });
      }),
    ),
  ];
}
