/**
 * The serving side of the simulated server: deterministic text for chat and text completions,
 * embeddings of the model's width, and what `/v1/stats/decode` and `/v1/stats/recent-requests`
 * report about the requests served. The mock decodes nothing: a reply is words of a fixed lorem
 * ipsum (or a scripted text), picked by a generator seeded with the model, the prompt and the
 * choice's seed, so the same request always answers the same.
 */
import type { Schemas } from '../spec';
import { seededRandom } from '../util/crypto';

type FinishReason = Schemas['FinishReason'];
type RecentRequest = Schemas['RecentRequest'];
type TokenLogprob = Schemas['TokenLogprob'];

/** Sequences a model decodes together, and the longest sequence served (the server's defaults). */
export const MAX_BATCH = 16;
export const MAX_CONTEXT = 2048;
export const MEMORY_BUDGET_BYTES = 4 * 1024 ** 3;
export const TIMEOUT_SECONDS = 600;
export const MAX_QUEUE = 256;
/** The ring of `/v1/stats/recent-requests`, and the latency samples kept for percentiles. */
const RECENT_CAPACITY = 256;
const SAMPLE_CAPACITY = 4096;
const WINDOW_SECONDS = 60;

export const LOREM = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ' +
  'et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut ' +
  'aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit in voluptate velit esse ' +
  'cillum dolore eu fugiat nulla pariatur'
).split(' ');

/** Words of a text, each with the whitespace before it: the mock's tokens. */
export function tokensOf(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** How many tokens the mock counts for a text: its words, plus the `bos` a model trained here adds. */
export function countTokens(text: string): number {
  return text.trim() === '' ? 1 : text.trim().split(/\s+/).length + 1;
}

export interface GenerateInput {
  /** What the reply depends on: the model and the rendered prompt. */
  key: string;
  /** Seed of this choice (the request's `seed` + k); ignored at temperature 0, where every choice is the same. */
  seed: number;
  temperature: number;
  /** Tokens to generate at most (already capped by the context). */
  maxTokens: number;
  /** Stop strings: the text ends before the first of them. */
  stop: string[];
  /** A chat reply starts with a word; a text completion continues the prompt (a space first). */
  chat: boolean;
  /** A scripted reply instead of lorem ipsum. */
  scripted: string | undefined;
}

export interface Generated {
  /** The text of each token generated, the last cut before a stop string. */
  pieces: string[];
  text: string;
  finishReason: FinishReason;
  /** Tokens generated, the end token of a reply that finished by itself included. */
  completionTokens: number;
  /** A log-probability per piece, with the likeliest alternatives. */
  logprobs: TokenLogprob[];
}

/** One choice's reply. */
export function generate(input: GenerateInput): Generated {
  const random = seededRandom(`${input.key}\u0000${input.temperature === 0 ? 0 : input.seed}`);
  let words: string[];
  if (input.scripted !== undefined) {
    words = tokensOf(input.scripted);
  } else {
    const start = Math.floor(random() * LOREM.length);
    const length = 4 + Math.floor(random() * 12);
    words = Array.from({ length }, (_, i) => LOREM[(start + i) % LOREM.length] as string);
    words = words.map((w, i) => (i === 0 && input.chat ? capitalise(w) : ` ${w}`));
    words[words.length - 1] += '.';
  }
  const pieces: string[] = [];
  let text = '';
  let finishReason: FinishReason = 'stop';
  let ended = true;
  for (const word of words) {
    if (pieces.length >= input.maxTokens) {
      finishReason = 'length';
      ended = false;
      break;
    }
    const before = text;
    text += word;
    const at = firstStop(text, input.stop);
    if (at !== undefined) {
      text = text.slice(0, at);
      pieces.push(text.slice(before.length));
      ended = false;
      break;
    }
    pieces.push(word);
  }
  const logprobs = pieces.map((piece) => tokenLogprob(piece, random));
  // A reply that ended by itself spent one more token, the model's end token, if there was room for it.
  if (ended && pieces.length >= input.maxTokens) {
    finishReason = 'length';
    ended = false;
  }
  const completionTokens = pieces.length + (ended ? 1 : 0);
  return { pieces, text, finishReason, completionTokens, logprobs };
}

function capitalise(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function firstStop(text: string, stops: string[]): number | undefined {
  let first: number | undefined;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0 && (first === undefined || at < first)) first = at;
  }
  return first;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const bytesOf = (text: string) => [...new TextEncoder().encode(text)];

function tokenLogprob(piece: string, random: () => number): TokenLogprob {
  const logprob = round(-random() * 1.5);
  // Twenty other words, each once, less likely the further down the list.
  const others = [...new Set(LOREM)].filter((w) => w !== piece.trim().toLowerCase());
  const start = Math.floor(random() * others.length);
  const alternatives = Array.from({ length: 20 }, (_, i) => {
    const word = ` ${others[(start + i) % others.length]}`;
    return { token: word, logprob: round(logprob - 0.5 - i * 0.4 - random() * 0.3), bytes: bytesOf(word) };
  });
  return {
    token: piece,
    logprob,
    bytes: bytesOf(piece),
    top_logprobs: [{ token: piece, logprob, bytes: bytesOf(piece) }, ...alternatives],
  };
}

/** A deterministic embedding of `width` values for an input of a model. */
export function embed(key: string, width: number): number[] {
  const random = seededRandom(`embedding\u0000${key}`);
  return Array.from({ length: width }, () => round(random() * 2 - 1));
}

/** The base64 of float32 values, little-endian, as `encoding_format: base64` answers them. */
export function base64Floats(values: number[]): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, v] of values.entries()) view.setFloat32(i * 4, v, true);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Simulated timings of a request: time to first token, then a fixed time per token. */
export function timings(promptTokens: number, width: number) {
  const ttft = round(20 + promptTokens * 0.25, 1);
  const interToken = round(8 + width / 64, 1);
  return { ttft, interToken };
}

export interface LoadedModel {
  tenant: string;
  model: string;
  loadedAt: number;
  lastUsedAt: number;
  weightsBytes: number;
  kvCacheBytes: number;
  maxContext: number;
  steps: number;
  generatedTokens: number;
  lastBatchSize: number;
  maxBatchSize: number;
}

export interface ServedRequest {
  tenant: string;
  request: RecentRequest;
  /** Set when the client closed the stream before its end. */
  disconnected: boolean;
}

/** What the serving side remembers: loaded models, the ring of recent requests, latency samples. */
export class ServingState {
  /** Newest last; at most 256, server-wide. */
  readonly recent: ServedRequest[] = [];
  /** By `tenant/model`. */
  readonly loaded = new Map<string, LoadedModel>();
  generatedTokens = 0;
  requests = 0;
  lastBatchSize = 0;
  maxBatchSize = 0;
  readonly ttftSamples: number[] = [];
  readonly interTokenSamples: number[] = [];
  /** Tokens generated, by mock-clock millisecond, for the tokens-per-second window. */
  private readonly produced: Array<{ at: number; tokens: number }> = [];

  /** The model as loaded for a request now (loading it on first use). */
  load(tenant: string, model: Schemas['Model'], now: number): LoadedModel {
    const key = `${tenant}/${model.id}`;
    let loaded = this.loaded.get(key);
    if (!loaded) {
      const a = model.architecture;
      const maxContext = Math.min(model.context_length ?? 256, MAX_CONTEXT);
      const headDim = a ? a.d_model / a.n_heads : 0;
      loaded = {
        tenant,
        model: model.id,
        loadedAt: now,
        lastUsedAt: now,
        weightsBytes: (model.parameters ?? 0) * (model.dtype === 'F32' || !model.dtype ? 4 : 2),
        kvCacheBytes: a ? 2 * a.n_layers * MAX_BATCH * maxContext * a.n_kv_heads * headDim * 4 : 0,
        maxContext,
        steps: 0,
        generatedTokens: 0,
        lastBatchSize: 0,
        maxBatchSize: 0,
      };
      this.loaded.set(key, loaded);
    }
    return loaded;
  }

  /** Records a request served (or refused) and its figures. */
  record(
    served: ServedRequest,
    figures?: { loaded: LoadedModel; sequences: number; steps: number; interToken: number; now: number },
  ): ServedRequest {
    this.recent.push(served);
    if (this.recent.length > RECENT_CAPACITY) this.recent.shift();
    this.requests += 1;
    const r = served.request;
    if (!figures) return served;
    const { loaded, sequences, steps, now } = figures;
    const batch = Math.min(sequences, MAX_BATCH);
    loaded.lastUsedAt = now;
    loaded.steps += steps;
    loaded.generatedTokens += r.completion_tokens;
    loaded.lastBatchSize = batch;
    loaded.maxBatchSize = Math.max(loaded.maxBatchSize, batch);
    this.lastBatchSize = batch;
    this.maxBatchSize = Math.max(this.maxBatchSize, batch);
    this.generatedTokens += r.completion_tokens;
    if (r.completion_tokens > 0) this.produced.push({ at: now, tokens: r.completion_tokens });
    if (r.time_to_first_token_ms !== null) push(this.ttftSamples, r.time_to_first_token_ms);
    for (let i = 1; i < steps; i++) push(this.interTokenSamples, figures.interToken);
    return served;
  }

  tokensPerSecond(now: number): number {
    const since = now - WINDOW_SECONDS * 1000;
    const tokens = this.produced.filter((p) => p.at > since).reduce((sum, p) => sum + p.tokens, 0);
    return round(tokens / WINDOW_SECONDS, 2);
  }

  decodeStats(tenant: string, now: number): Schemas['DecodeStats'] {
    const models = [...this.loaded.values()].filter((m) => m.tenant === tenant);
    const used = [...this.loaded.values()].reduce((sum, m) => sum + m.weightsBytes + m.kvCacheBytes, 0);
    return {
      window_seconds: WINDOW_SECONDS,
      tokens_per_second: this.tokensPerSecond(now),
      generated_tokens: this.generatedTokens,
      requests: this.requests,
      time_to_first_token_ms: percentiles(this.ttftSamples),
      inter_token_latency_ms: percentiles(this.interTokenSamples),
      // The mock answers every request at once: nothing is left decoding or waiting.
      active_sequences: 0,
      queued_sequences: 0,
      last_batch_size: this.lastBatchSize,
      max_batch_size: this.maxBatchSize,
      memory: { budget_bytes: MEMORY_BUDGET_BYTES, used_bytes: used },
      models: models.map((m) => ({
        model: m.model,
        loaded_at: new Date(m.loadedAt).toISOString(),
        last_used_at: new Date(m.lastUsedAt).toISOString(),
        weights_bytes: m.weightsBytes,
        kv_cache_bytes: m.kvCacheBytes,
        max_batch: MAX_BATCH,
        max_context: m.maxContext,
        active_sequences: 0,
        queued_sequences: 0,
        last_batch_size: m.lastBatchSize,
        max_batch_size: m.maxBatchSize,
        steps: m.steps,
        generated_tokens: m.generatedTokens,
      })),
    };
  }

  /** The tenant's latest requests, newest first. */
  recentRequests(tenant: string, limit: number): RecentRequest[] {
    return this.recent
      .filter((r) => r.tenant === tenant)
      .slice(-limit)
      .reverse()
      .map((r) => r.request);
  }

  /** Forgets a deleted model's loaded state. */
  unload(tenant: string, model: string) {
    this.loaded.delete(`${tenant}/${model}`);
  }

  reset() {
    this.recent.length = 0;
    this.loaded.clear();
    this.generatedTokens = 0;
    this.requests = 0;
    this.lastBatchSize = 0;
    this.maxBatchSize = 0;
    this.ttftSamples.length = 0;
    this.interTokenSamples.length = 0;
    this.produced.length = 0;
  }
}

function push(samples: number[], value: number) {
  samples.push(value);
  if (samples.length > SAMPLE_CAPACITY) samples.shift();
}

function percentiles(samples: number[]): Schemas['LatencyPercentiles'] {
  if (samples.length === 0) return { p50: null, p90: null, p99: null, samples: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), samples: sorted.length };
}
