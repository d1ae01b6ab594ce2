import type { Context, Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { errorBody } from '../middleware/error-handler.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf, Schemas } from '../openapi/spec.ts';
import type { PromptInput, WireResult, WireSampling, WireTokenEvent } from '../serving/protocol.ts';
import type { Endpoint, Run } from '../serving/service.ts';

/**
 * OpenAI's inference routes over serving/: each handler turns the request into prompts and sampling
 * parameters, runs them, and writes OpenAI's JSON or its Server-Sent Events.
 */

type Sampled = {
  temperature?: number | null;
  top_p?: number | null;
  stop?: Schemas['StopSequences'];
  seed?: number | null;
  n?: number | null;
};

function sampling(
  b: Sampled,
  maxTokens: number | null,
  logprobs: boolean,
  topLogprobs: number,
): WireSampling {
  return {
    maxTokens,
    temperature: b.temperature ?? 1,
    topP: b.top_p ?? 1,
    stop: b.stop === undefined || b.stop === null ? [] : typeof b.stop === 'string' ? [b.stop] : b.stop,
    logprobs,
    topLogprobs,
  };
}

/** A seed of any size, as the 32-bit seed the decoder's generator takes. */
function seedOf(seed: number | null | undefined): number | null {
  if (seed === undefined || seed === null) return null;
  return Number(BigInt.asUintN(32, BigInt(seed)));
}

/** The text of a message: its content, or its text parts joined. */
function contentOf(content: Schemas['ChatMessage']['content']): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

/** `prompt` or `input` (a string, strings, token ids, arrays of token ids) as prompts. */
function promptsOf(value: Schemas['CompletionPrompt'], param: string): PromptInput[] {
  if (typeof value === 'string') return [{ kind: 'text', text: value }];
  const kinds = new Set(
    value.map((v) => (typeof v === 'string' ? 'text' : typeof v === 'number' ? 'token' : 'tokens')),
  );
  if (kinds.size > 1)
    throw new ApiError(
      400,
      'invalid_request',
      `${param} mixes strings, token ids and arrays of token ids: send one kind`,
      { param },
    );
  if (kinds.has('token')) return [{ kind: 'tokens', tokens: value as number[] }];
  if (value.length > 256)
    throw new ApiError(400, 'invalid_request', `${param} must not have more than 256 items`, { param });
  return kinds.has('text')
    ? (value as string[]).map((text) => ({ kind: 'text', text }))
    : (value as number[][]).map((tokens) => ({ kind: 'tokens', tokens }));
}

const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];

/** Logprobs of the tokens of each choice, as they arrive. */
class Logprobs {
  readonly content: Schemas['TokenLogprob'][][] = [];
  add(choice: number, e: WireTokenEvent): Schemas['TokenLogprob'] | null {
    if (e.logprob === undefined || e.tokenText === undefined) return null;
    const entry = {
      token: e.tokenText,
      logprob: e.logprob,
      bytes: utf8(e.tokenText),
      top_logprobs: (e.top ?? []).map((t) => ({ token: t.text, logprob: t.logprob, bytes: utf8(t.text) })),
    };
    const list = this.content[choice] ?? [];
    list.push(entry);
    this.content[choice] = list;
    return entry;
  }
}

type Emit = (choice: number, e: WireTokenEvent, logprob: Schemas['TokenLogprob'] | null) => void;

/** Token events held until the stream that writes them exists (they may arrive before every prompt is queued). */
class Relay {
  private early: Parameters<Emit>[] = [];
  private emit: Emit | null = null;
  push(...event: Parameters<Emit>): void {
    if (this.emit) this.emit(...event);
    else this.early.push(event);
  }
  attach(emit: Emit): void {
    this.emit = emit;
    for (const event of this.early) emit(...event);
    this.early = [];
  }
}

/** The legacy completions' logprobs object of some tokens, text offsets counted from `offset`. */
function legacyLogprobs(entries: Schemas['TokenLogprob'][], offset: number): Schemas['CompletionLogprobs'] {
  const text_offset: number[] = [];
  let at = offset;
  for (const e of entries) {
    text_offset.push(at);
    at += e.token.length;
  }
  return {
    tokens: entries.map((e) => e.token),
    token_logprobs: entries.map((e) => e.logprob),
    top_logprobs: entries.map((e) => Object.fromEntries(e.top_logprobs.map((t) => [t.token, t.logprob]))),
    text_offset,
  };
}

function usage(promptTokens: number[], results: WireResult[]): Schemas['Usage'] {
  const prompt = promptTokens.reduce((a, b) => a + b, 0);
  const completion = results.reduce((a, r) => a + r.completionTokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * A Server-Sent Events response that `write` fills: `data:` events, `[DONE]` at the end, and an
 * error that happens once the stream started as one `{"error": …}` event. The client going away
 * cancels the stream (the request's signal aborts and its sequences leave the batch).
 */
function eventStream<E extends AppEnv>(
  c: Context<E>,
  write: (send: (data: unknown) => void) => Promise<void>,
): Response {
  const encoder = new TextEncoder();
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (data: unknown) => {
        if (!open) return;
        const text = typeof data === 'string' ? data : JSON.stringify(data);
        controller.enqueue(encoder.encode(`data: ${text}\n\n`));
      };
      try {
        await write(send);
        send('[DONE]');
      } catch (err) {
        const api =
          err instanceof ApiError
            ? err
            : new ApiError(
                500,
                'internal_error',
                `Internal server error; quote request id ${c.get('requestId')}`,
              );
        if (!(err instanceof ApiError)) c.get('logger')?.error({ err }, 'stream failed');
        if (api.status !== 499) send(errorBody(c.get('requestId'), api));
      }
      if (open) {
        open = false;
        controller.close();
      }
    },
    cancel() {
      open = false;
    },
  });
  return c.body(body, 200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
}

export function inferenceRoutes(app: Hono<AppEnv>, s: Services): void {
  const serving = s.serving;

  /** Starts a run for a validated request; refusals before any token are thrown as they are. */
  async function start<E extends AppEnv>(
    c: Context<E>,
    tenantId: string,
    endpoint: Endpoint,
    modelId: string | undefined,
    prompts: PromptInput[],
    promptParam: string,
    params: WireSampling,
    b: Sampled & { stream?: boolean | null },
    onToken?: (choice: number, e: WireTokenEvent) => void,
  ): Promise<{ run: Run; promptTokens: number[]; model: string }> {
    const model = await serving.resolve(tenantId, modelId);
    const run = serving.run({
      tenantId,
      requestId: c.get('requestId'),
      endpoint,
      model,
      prompts,
      promptParam,
      params,
      n: b.n ?? 1,
      seed: seedOf(b.seed),
      stream: b.stream === true,
      temperature: params.temperature,
      signal: c.req.raw.signal,
      ...(onToken ? { onToken } : {}),
    });
    const promptTokens = await run.accepted;
    return { run, promptTokens, model: model.id };
  }

  app.post('/v1/chat/completions', operation('createChatCompletion'), async (c) => {
    const { body: b, tenantId } = c.get('input');
    if (
      b.max_tokens !== undefined &&
      b.max_tokens !== null &&
      b.max_completion_tokens !== undefined &&
      b.max_completion_tokens !== null &&
      b.max_tokens !== b.max_completion_tokens
    )
      throw new ApiError(400, 'invalid_request', 'Give max_completion_tokens or max_tokens, not both', {
        param: 'max_tokens',
      });
    if (b.top_logprobs && !b.logprobs)
      throw new ApiError(400, 'invalid_request', 'top_logprobs needs logprobs: true', {
        param: 'top_logprobs',
      });
    const messages = b.messages.map((m) => ({ role: m.role, content: contentOf(m.content) }));
    const params = sampling(
      b,
      b.max_completion_tokens ?? b.max_tokens ?? null,
      b.logprobs === true,
      b.top_logprobs ?? 0,
    );
    const id = `chatcmpl-${c.get('requestId')}`;
    const created = Math.floor(Date.now() / 1000);
    const logprobs = new Logprobs();
    const relay = new Relay();
    const { run, promptTokens, model } = await start(
      c,
      tenantId,
      'chat.completions',
      b.model,
      [{ kind: 'chat', messages }],
      'messages',
      params,
      b,
      (choice, e) => relay.push(choice, e, params.logprobs ? logprobs.add(choice, e) : null),
    );
    const head = { id, object: 'chat.completion.chunk' as const, created, model, system_fingerprint: null };
    if (b.stream) {
      const includeUsage = b.stream_options?.include_usage === true;
      return eventStream(c, async (send) => {
        const chunk = (choices: Schemas['ChatCompletionChunk']['choices']) =>
          send({ ...head, choices, ...(includeUsage ? { usage: null } : {}) });
        const n = b.n ?? 1;
        for (let i = 0; i < n; i++)
          chunk([
            { index: i, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
          ]);
        relay.attach((choice, e, logprob) => {
          if (!e.text && !logprob) return;
          chunk([
            {
              index: choice,
              delta: { content: e.text },
              logprobs: logprob ? { content: [logprob] } : null,
              finish_reason: null,
            },
          ]);
        });
        const results = await run.done;
        for (const [i, r] of results.entries())
          chunk([{ index: i, delta: {}, logprobs: null, finish_reason: r.finishReason }]);
        if (includeUsage) send({ ...head, choices: [], usage: usage(promptTokens, results) });
      });
    }
    const results = await run.done;
    return c.json<JsonOf<'createChatCompletion', 200>>({
      id,
      object: 'chat.completion',
      created,
      model,
      system_fingerprint: null,
      choices: results.map((r, i) => ({
        index: i,
        message: { role: 'assistant', content: r.text },
        logprobs: params.logprobs ? { content: logprobs.content[i] ?? [] } : null,
        finish_reason: r.finishReason,
      })),
      usage: usage(promptTokens, results),
    });
  });

  app.post('/v1/completions', operation('createCompletion'), async (c) => {
    const { body: b, tenantId } = c.get('input');
    const prompts = promptsOf(b.prompt, 'prompt');
    const top = b.logprobs ?? 0;
    const params = sampling(b, b.max_tokens ?? 16, b.logprobs !== undefined && b.logprobs !== null, top);
    const id = `cmpl-${c.get('requestId')}`;
    const created = Math.floor(Date.now() / 1000);
    const logprobs = new Logprobs();
    const relay = new Relay();
    const { run, promptTokens, model } = await start(
      c,
      tenantId,
      'completions',
      b.model,
      prompts,
      'prompt',
      params,
      b,
      (choice, e) => relay.push(choice, e, params.logprobs ? logprobs.add(choice, e) : null),
    );
    const head = { id, object: 'text_completion' as const, created, model, system_fingerprint: null };
    if (b.stream) {
      const includeUsage = b.stream_options?.include_usage === true;
      return eventStream(c, async (send) => {
        const chunk = (choices: Schemas['CompletionChoice'][]) =>
          send({ ...head, choices, ...(includeUsage ? { usage: null } : {}) });
        const offsets: number[] = [];
        relay.attach((choice, e, logprob) => {
          if (!e.text && !logprob) return;
          const at = offsets[choice] ?? 0;
          offsets[choice] = at + e.text.length;
          chunk([
            {
              index: choice,
              text: e.text,
              logprobs: logprob ? legacyLogprobs([logprob], at) : null,
              finish_reason: null,
            },
          ]);
        });
        const results = await run.done;
        for (const [i, r] of results.entries())
          chunk([{ index: i, text: '', logprobs: null, finish_reason: r.finishReason }]);
        if (includeUsage) send({ ...head, choices: [], usage: usage(promptTokens, results) });
      });
    }
    const results = await run.done;
    return c.json<JsonOf<'createCompletion', 200>>({
      ...head,
      choices: results.map((r, i) => ({
        index: i,
        text: r.text,
        logprobs: params.logprobs ? legacyLogprobs(logprobs.content[i] ?? [], 0) : null,
        finish_reason: r.finishReason,
      })),
      usage: usage(promptTokens, results),
    });
  });

  app.post('/v1/completions/batch', operation('createCompletionBatch'), async (c) => {
    const { body: b, tenantId } = c.get('input');
    const params = sampling(b, b.max_tokens ?? 16, false, 0);
    const n = b.n ?? 1;
    const { run, promptTokens, model } = await start(
      c,
      tenantId,
      'completions.batch',
      b.model,
      b.prompts.map((text) => ({ kind: 'text', text })),
      'prompts',
      params,
      b,
    );
    const results = await run.done;
    return c.json<JsonOf<'createCompletionBatch', 200>>({
      id: `cmpl-${c.get('requestId')}`,
      object: 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model,
      system_fingerprint: null,
      choices: results.map((r, i) => ({
        index: i,
        prompt_index: Math.floor(i / n),
        text: r.text,
        logprobs: null,
        finish_reason: r.finishReason,
      })),
      usage: usage(promptTokens, results),
    });
  });

  app.post('/v1/embeddings', operation('createEmbeddings'), async (c) => {
    const { body: b, tenantId } = c.get('input');
    const inputs = promptsOf(b.input, 'input');
    const model = await serving.resolve(tenantId, b.model);
    const { vectors, promptTokens } = await serving.embed(
      { tenantId, requestId: c.get('requestId'), model },
      inputs,
    );
    const base64 = b.encoding_format === 'base64';
    return c.json<JsonOf<'createEmbeddings', 200>>({
      object: 'list',
      model: model.id,
      data: vectors.map((v, index) => ({
        object: 'embedding',
        index,
        embedding: base64
          ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
          : Array.from(v),
      })),
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  });

  app.get('/v1/stats/decode', operation('getDecodeStats'), async (c) =>
    c.json<JsonOf<'getDecodeStats', 200>>(await serving.decodeStats(c.get('input').tenantId)),
  );

  app.get('/v1/stats/recent-requests', operation('listRecentRequests'), async (c) => {
    const { query, tenantId } = c.get('input');
    return c.json<JsonOf<'listRecentRequests', 200>>({
      object: 'list',
      data: serving.stats.recentOf(tenantId, query.limit),
    });
  });
}
