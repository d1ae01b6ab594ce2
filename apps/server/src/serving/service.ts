import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Schemas } from '../openapi/spec.ts';
import { findPreset } from '../services/catalog.ts';
import type { ServingSettings } from '../settings.ts';
import type { Db } from '../storage/db.ts';
import { getModel, listModels, type ModelRow } from '../storage/models.ts';
import { ServingClient, ServingError } from './client.ts';
import type { ModelRef, PromptInput, WireResult, WireSampling, WireTokenEvent } from './protocol.ts';
import { ServingStats } from './stats.ts';

export type Endpoint = Schemas['RecentRequest']['endpoint'];

/** One inference request: its prompts (each decoded `n` times), sampling and bookkeeping. */
export interface RunRequest {
  tenantId: string;
  requestId: string;
  endpoint: Endpoint;
  model: ModelRef;
  prompts: PromptInput[];
  /** The field naming the prompts in errors (`messages`, `prompt`, `prompts`). */
  promptParam: string;
  params: WireSampling;
  n: number;
  seed: number | null;
  stream: boolean;
  temperature: number;
  /** Aborted when the client goes away: its sequences leave the batch at the next step. */
  signal: AbortSignal;
  /** Tokens as they are decided; `choice` is prompt × n + k. */
  onToken?: (choice: number, e: WireTokenEvent) => void;
}

export interface Run {
  /** Each prompt's token count once every prompt is queued; rejects with the ApiError to answer. */
  accepted: Promise<number[]>;
  /** Every choice's result, in order; rejects with the ApiError to answer (or to stream). */
  done: Promise<WireResult[]>;
}

/**
 * Serving as the routes see it: which model a request names, its sequences run on the serving thread
 * under the server's timeout, and what each request leaves in the statistics.
 */
export class Serving {
  readonly client: ServingClient;
  readonly stats = new ServingStats();
  readonly settings: ServingSettings;
  private readonly db: Db;
  private readonly logger: Logger;

  constructor(db: Db, settings: ServingSettings, logger: Logger) {
    this.db = db;
    this.settings = settings;
    this.logger = logger;
    this.client = new ServingClient(
      {
        budgetBytes: settings.memoryBytes,
        maxBatch: settings.maxBatch,
        maxContext: settings.maxContext,
        maxQueue: settings.maxQueue,
        threads: settings.threads,
      },
      (err) => logger.error({ err }, 'serving thread stopped'),
    );
  }

  /**
   * The model a request names, as the tenant sees it: a 404 for an id it does not have (another
   * tenant's included), a 400 for a preset (no weights) and, without `model`, the server's default
   * or the tenant's only model.
   */
  async resolve(tenantId: string, asked: string | undefined): Promise<ModelRef> {
    let row: ModelRow | undefined;
    if (asked === undefined || asked === null) {
      const fallback = this.settings.defaultModel;
      if (fallback) return this.resolve(tenantId, fallback);
      const rows = await listModels(this.db, tenantId);
      if (rows.length !== 1)
        throw new ApiError(
          400,
          'invalid_request',
          rows.length === 0
            ? 'model is required: this tenant has no model to serve yet (fine-tune, distil or import one)'
            : `model is required: this tenant has ${rows.length} models to serve (GET /v1/models lists them)`,
          { param: 'model' },
        );
      row = rows[0];
    } else {
      if (findPreset(asked) || findPreset(asked.replace(/^local\//, '')))
        throw new ApiError(
          400,
          'invalid_request',
          `${asked} is a preset, an architecture without weights, and cannot be served: serve a model of your own (fine-tune one from it, distil into it, or import a checkpoint with POST /v1/models)`,
          { param: 'model' },
        );
      row =
        (await getModel(this.db, tenantId, asked)) ??
        (asked.startsWith('local/') ? undefined : await getModel(this.db, tenantId, `local/${asked}`));
      if (!row)
        throw new ApiError(404, 'model_not_found', `The model ${asked} does not exist`, { param: 'model' });
    }
    const model = row as ModelRow;
    // Weights rewritten under the same id (a fine-tuning rerun) are another model to the serving thread.
    const written = await stat(join(model.path, 'weights.bin')).then(
      (s) => s.mtimeMs,
      () => {
        throw new ApiError(500, 'internal_error', `The stored weights of ${model.id} are missing`);
      },
    );
    return { key: `${tenantId}\u0000${model.id}\u0000${written}`, id: model.id, dir: model.path };
  }

  /** Frees a deleted model's memory now (one decoding still finishes, then ages out of the budget). */
  async forget(tenantId: string, modelId: string): Promise<void> {
    await this.client.unload(`${tenantId}\u0000${modelId}\u0000`).catch(() => false);
  }

  /** Decodes every prompt `n` times, all queued at once so that they share decode steps. */
  run(r: RunRequest): Run {
    const started = performance.now();
    const created = Math.floor(Date.now() / 1000);
    const timeout = AbortSignal.timeout(this.settings.timeoutSeconds * 1000);
    // One prompt refused, or one sequence failed, ends the whole request.
    const ended = new AbortController();
    const signal = AbortSignal.any([r.signal, timeout, ended.signal]);
    let firstAt: number | null = null;
    const lastAt = new Map<number, number>();
    const onToken = (choice: number, e: WireTokenEvent) => {
      const now = performance.now();
      if (firstAt === null) {
        firstAt = now;
        this.stats.firstToken(now - started);
      }
      const last = lastAt.get(choice);
      this.stats.token(last === undefined ? null : now - last);
      lastAt.set(choice, now);
      r.onToken?.(choice, e);
    };
    const generations = r.prompts.map((input, p) =>
      this.client.generate(
        r.model,
        input,
        r.params,
        Array.from({ length: r.n }, (_, k) => (r.seed === null ? null : r.seed + k)),
        { signal, onToken: (seq, e) => onToken(p * r.n + seq, e) },
      ),
    );
    const translate = (err: unknown, p: number) =>
      this.apiError(err, timeout.aborted, r.prompts.length > 1 ? `${r.promptParam}[${p}]` : r.promptParam);
    const accepted = Promise.all(
      generations.map((g, p) =>
        g.accepted.then(
          (a) => a.promptTokens,
          (err) => {
            throw translate(err, p);
          },
        ),
      ),
    );
    const done = Promise.all(
      generations.map((g, p) =>
        g.done.catch((err) => {
          throw translate(err, p);
        }),
      ),
    ).then((per) => per.flat());
    let promptTokens: number | null = null;
    const record = (status: number, results: WireResult[] | null, err: ApiError | null) =>
      this.stats.finished({
        tenant_id: r.tenantId,
        request_id: r.requestId,
        endpoint: r.endpoint,
        model: r.model.id,
        created,
        stream: r.stream,
        n: r.n,
        temperature: r.temperature,
        status,
        finish_reasons: results?.map((x) => x.finishReason) ?? [],
        prompt_tokens: promptTokens ?? 0,
        completion_tokens: results?.reduce((a, x) => a + x.completionTokens, 0) ?? 0,
        time_to_first_token_ms: firstAt === null ? null : Math.round((firstAt - started) * 10) / 10,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        error_code: err?.code ?? null,
      });
    accepted.then(
      (t) => {
        promptTokens = t.reduce((a, b) => a + b, 0);
      },
      () => ended.abort(),
    );
    done.then(
      (results) => record(200, results, null),
      (err: ApiError) => {
        ended.abort();
        // A stream that had started answered 200 (its error went out as an event), unless the client left.
        record(err.status !== 499 && r.stream && promptTokens !== null ? 200 : err.status, null, err);
      },
    );
    return { accepted, done };
  }

  async embed(
    r: Pick<RunRequest, 'tenantId' | 'requestId' | 'model'>,
    inputs: PromptInput[],
  ): Promise<{ vectors: Float32Array[]; promptTokens: number }> {
    const started = performance.now();
    const record = (status: number, promptTokens: number, err: ApiError | null) =>
      this.stats.finished({
        tenant_id: r.tenantId,
        request_id: r.requestId,
        endpoint: 'embeddings',
        model: r.model.id,
        created: Math.floor(Date.now() / 1000),
        stream: false,
        n: inputs.length,
        temperature: null,
        status,
        finish_reasons: [],
        prompt_tokens: promptTokens,
        completion_tokens: 0,
        time_to_first_token_ms: null,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        error_code: err?.code ?? null,
      });
    try {
      const out = await this.client.embed(r.model, inputs);
      record(200, out.promptTokens, null);
      return out;
    } catch (err) {
      const api = this.apiError(err, false, 'input');
      record(api.status, 0, api);
      throw api;
    }
  }

  /** The serving thread's answer as the API's: 400 naming the field, 503 busy, 504 timeout, 500. */
  private apiError(err: unknown, timedOut: boolean, promptParam: string): ApiError {
    if (err instanceof ApiError) return err;
    if (!(err instanceof ServingError)) {
      this.logger.error({ err }, 'serving failed');
      return new ApiError(500, 'internal_error', 'Serving failed');
    }
    switch (err.code) {
      case 'invalid': {
        // The thread names the prompt as it saw it (`prompt`, `messages`); the request may hold several.
        const param =
          err.param && !/^(prompt|messages)/.test(err.param)
            ? err.param
            : (err.param ?? '').replace(/^(prompt|messages)|^$/, promptParam);
        const message =
          err.param && err.message.startsWith(err.param)
            ? param + err.message.slice(err.param.length)
            : err.message;
        return new ApiError(400, 'invalid_request', message, { param });
      }
      case 'overloaded':
        return new ApiError(503, 'overloaded', err.message, { headers: { 'Retry-After': '1' } });
      case 'aborted':
        return timedOut
          ? new ApiError(
              504,
              'timeout',
              `Generation took longer than ${this.settings.timeoutSeconds} s (DISTILLERY_SERVING_TIMEOUT_SECONDS) and was stopped`,
            )
          : // Nobody reads this answer: the client went away (nginx's 499 in the statistics).
            new ApiError(499, 'invalid_request', 'The client closed the request');
      default:
        this.logger.error({ err: err.message }, 'serving failed');
        return new ApiError(500, 'internal_error', `Serving failed: ${err.message}`);
    }
  }

  /** Figures for GET /v1/stats/decode: server-wide, and the tenant's loaded models. */
  async decodeStats(tenantId: string): Promise<Schemas['DecodeStats']> {
    const f = await this.client.figures();
    const sum = (pick: (m: (typeof f.models)[number]) => number) => f.models.reduce((a, m) => a + pick(m), 0);
    const { ttft, itl } = this.stats.latency();
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      window_seconds: 60,
      tokens_per_second: this.stats.tokensPerSecond(),
      generated_tokens: this.stats.generatedTokens,
      requests: this.stats.requests,
      time_to_first_token_ms: ttft,
      inter_token_latency_ms: itl,
      active_sequences: sum((m) => m.activeSequences),
      queued_sequences: sum((m) => m.queued),
      last_batch_size: Math.max(0, ...f.models.map((m) => m.lastBatchSize)),
      max_batch_size: Math.max(0, ...f.models.map((m) => m.maxBatchSize)),
      memory: { budget_bytes: f.budgetBytes, used_bytes: f.usedBytes },
      models: f.models
        .filter((m) => m.key.startsWith(`${tenantId}\u0000`))
        .map((m) => ({
          model: m.id,
          loaded_at: iso(m.loadedAt),
          last_used_at: iso(m.lastUsedAt),
          weights_bytes: m.weightsBytes,
          kv_cache_bytes: m.kvCacheBytes,
          max_batch: m.maxBatch,
          max_context: m.maxContext,
          active_sequences: m.activeSequences,
          queued_sequences: m.queued,
          last_batch_size: m.lastBatchSize,
          max_batch_size: m.maxBatchSize,
          steps: m.steps,
          generated_tokens: m.generatedTokens,
        })),
    };
  }

  /** Prometheus lines of serving: counters and histograms, and the decoders' gauges (no model names). */
  async metrics(): Promise<string[]> {
    const f = await this.client.figures();
    const gauge = (name: string, help: string, value: number) => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} gauge`,
      `${name} ${value}`,
    ];
    const sum = (pick: (m: (typeof f.models)[number]) => number) => f.models.reduce((a, m) => a + pick(m), 0);
    return [
      ...this.stats.render(),
      ...gauge(
        'distillery_serving_queue_depth',
        'Sequences waiting for a decode slot.',
        sum((m) => m.queued),
      ),
      ...gauge(
        'distillery_serving_active_sequences',
        'Sequences holding a decode slot.',
        sum((m) => m.activeSequences),
      ),
      ...gauge(
        'distillery_serving_batch_size',
        'Sequences in the latest decode step, summed over the loaded models.',
        sum((m) => m.lastBatchSize),
      ),
      ...gauge(
        'distillery_serving_batch_size_max',
        'The most sequences one decode step has held.',
        Math.max(0, ...f.models.map((m) => m.maxBatchSize)),
      ),
      ...gauge('distillery_serving_loaded_models', 'Models loaded for serving.', f.models.length),
      ...gauge('distillery_serving_memory_bytes', 'Bytes the loaded models take.', f.usedBytes),
      ...gauge('distillery_serving_memory_budget_bytes', 'The serving memory budget.', f.budgetBytes),
    ];
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
