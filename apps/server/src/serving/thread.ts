import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  BatchDecoder,
  CpuBackend,
  chatPrompt,
  embed,
  type LoadedModel,
  loadModel,
  PretrainedTokenizer,
  type SequenceResult,
  type TokenEvent,
  type Tokenizer,
  WasmCpuBackend,
} from '@distillery/engine';
import type {
  FromThread,
  LoadedModelFigures,
  ModelRef,
  PromptInput,
  ServingErrorCode,
  ThreadOptions,
  ToThread,
  WireTokenEvent,
} from './protocol.ts';

/**
 * The serving thread: every loaded model of the server, each with its BatchDecoder, on one CPU
 * backend whose kernels run on their own worker threads. The decoders' forward passes never run on
 * the API's thread, so a busy model does not hold up any other request. Models load on first use
 * and stay loaded within a memory budget (weights and KV cache); making room unloads the least
 * recently used model that is not decoding.
 */
const port = parentPort;
if (!port) throw new Error('serving thread must run in a worker thread');
const options = workerData as ThreadOptions;
const backend =
  WasmCpuBackend.create(options.threads > 0 ? { threads: options.threads } : {}) ?? new CpuBackend();

const post = (m: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);

/** A refusal the API answers as a client error (`invalid`) or as busy (`overloaded`). */
class Refusal extends Error {
  readonly code: ServingErrorCode;
  readonly param: string | undefined;
  constructor(code: ServingErrorCode, message: string, param?: string) {
    super(message);
    this.code = code;
    this.param = param;
  }
}

interface Entry {
  ref: ModelRef;
  loaded: LoadedModel;
  decoder: BatchDecoder;
  stopTokens: number[];
  weightsBytes: number;
  kvCacheBytes: number;
  maxContext: number;
  loadedAt: number;
  lastUsedAt: number;
  /** Sequences and embedding calls in flight: a busy model is never unloaded. */
  busy: number;
}

const models = new Map<string, Entry>();
const loading = new Map<string, Promise<Entry>>();
/** Bytes of the loaded models and of those being loaded. */
let usedBytes = 0;

/** Prompt rows a decode step may prefill (the engine's BatchDecoder feeds this many beside its decode rows). */
const PREFILL_ROWS = 128;

interface StoredShape {
  config: {
    nLayers: number;
    dim: number;
    nHeads: number;
    nKvHeads: number;
    hiddenDim: number;
    vocabSize: number;
    maxSeqLen: number;
    headDim?: number;
  };
}

/** Weights and KV-cache bytes of a stored model served with `maxContext` positions per slot. */
async function footprint(
  dir: string,
): Promise<{ weightsBytes: number; kvCacheBytes: number; maxContext: number }> {
  let manifest: StoredShape;
  let weightsBytes: number;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as StoredShape;
    weightsBytes = (await stat(join(dir, 'weights.bin'))).size;
  } catch (err) {
    throw new Error(`the stored model at ${dir} is unreadable: ${(err as Error).message}`);
  }
  const c = manifest.config;
  const maxContext = Math.min(options.maxContext, c.maxSeqLen);
  const kvDim = c.nKvHeads * (c.headDim ?? c.dim / c.nHeads);
  const rows = options.maxBatch + PREFILL_ROWS;
  const kv = 2 * c.nLayers * options.maxBatch * maxContext * kvDim;
  const activations = rows * (c.nHeads * maxContext + c.vocabSize + 12 * c.dim + 3 * c.hiddenDim);
  return { weightsBytes, kvCacheBytes: 4 * (kv + activations), maxContext };
}

function unload(entry: Entry): void {
  models.delete(entry.ref.key);
  entry.decoder.close();
  entry.loaded.model.destroy();
  usedBytes -= entry.weightsBytes + entry.kvCacheBytes;
}

/** The loaded model, loading it (and unloading idle ones to make room) on first use. */
function acquire(ref: ModelRef): Promise<Entry> {
  const entry = models.get(ref.key);
  if (entry) {
    entry.lastUsedAt = Date.now();
    return Promise.resolve(entry);
  }
  const pending = loading.get(ref.key);
  if (pending) return pending;
  const load = (async () => {
    const size = await footprint(ref.dir);
    const need = size.weightsBytes + size.kvCacheBytes;
    if (need > options.budgetBytes)
      throw new Refusal(
        'invalid',
        `${ref.id} needs ${need} bytes for its weights and KV cache (${options.maxBatch} sequences of ${size.maxContext} tokens), more than the serving memory budget of ${options.budgetBytes} bytes (DISTILLERY_SERVING_MEMORY_BYTES)`,
        'model',
      );
    while (usedBytes + need > options.budgetBytes) {
      const idle = [...models.values()]
        .filter((e) => e.busy === 0)
        .sort((a, b) => a.lastUsedAt - b.lastUsedAt)[0];
      if (!idle)
        throw new Refusal(
          'overloaded',
          `the serving memory budget (${options.budgetBytes} bytes) is held by models decoding now; retry shortly`,
        );
      unload(idle);
    }
    usedBytes += need;
    try {
      const loaded = await loadModel(ref.dir, backend);
      const generation = loaded.manifest.metadata?.generation_config as
        | { eos_token_id?: unknown }
        | undefined;
      const eos = generation?.eos_token_id;
      const extra = (Array.isArray(eos) ? eos : [eos]).filter(
        (t): t is number => Number.isInteger(t) && (t as number) >= 0,
      );
      const now = Date.now();
      const created: Entry = {
        ref,
        loaded,
        decoder: new BatchDecoder(loaded.model, loaded.tokenizer, {
          maxBatch: options.maxBatch,
          maxContext: size.maxContext,
        }),
        stopTokens: [...new Set([loaded.tokenizer.eos, ...extra])],
        weightsBytes: size.weightsBytes,
        kvCacheBytes: size.kvCacheBytes,
        maxContext: size.maxContext,
        loadedAt: now,
        lastUsedAt: now,
        busy: 0,
      };
      models.set(ref.key, created);
      return created;
    } catch (err) {
      usedBytes -= need;
      throw err;
    }
  })().finally(() => loading.delete(ref.key));
  loading.set(ref.key, load);
  return load;
}

/** A text as a completion prompt: as the tokenizer encodes it with its special tokens (the engine's own: bos first). */
function encodeText(t: Tokenizer, text: string): number[] {
  if (t instanceof PretrainedTokenizer) return t.hf.encode(text, { addSpecialTokens: true });
  return [t.bos, ...t.encode(text, false)];
}

function promptOf(entry: Entry, input: PromptInput, what: string): number[] {
  const t = entry.loaded.tokenizer;
  let tokens: number[];
  if (input.kind === 'chat') {
    try {
      tokens = chatPrompt(t, input.messages);
    } catch (err) {
      throw new Refusal(
        'invalid',
        `messages cannot be rendered with the chat template of ${entry.ref.id}: ${(err as Error).message}`,
        'messages',
      );
    }
  } else if (input.kind === 'text') tokens = encodeText(t, input.text);
  else {
    const V = entry.loaded.model.config.vocabSize;
    const bad = input.tokens.findIndex((x) => x >= V);
    if (bad >= 0)
      throw new Refusal(
        'invalid',
        `${what}[${bad}] is token ${input.tokens[bad]}, not in the vocabulary of ${entry.ref.id} (${V} tokens)`,
        `${what}[${bad}]`,
      );
    tokens = input.tokens;
  }
  if (tokens.length === 0) throw new Refusal('invalid', `${what} has no tokens`, what);
  return tokens;
}

const aborts = new Map<number, AbortController>();

/** Token events of a decode step, posted together once the step's sampling is over. */
let pendingEvents: { id: number; seq: number; event: WireTokenEvent }[] = [];
function emit(id: number, seq: number, event: WireTokenEvent): void {
  if (pendingEvents.length === 0)
    setImmediate(() => {
      const events = pendingEvents;
      pendingEvents = [];
      post({ type: 'tokens', events });
    });
  pendingEvents.push({ id, seq, event });
}

function fail(id: number, err: unknown): void {
  const refusal = err instanceof Refusal ? err : null;
  post({
    type: 'error',
    id,
    code: refusal?.code ?? 'internal',
    message: (err as Error).message ?? String(err),
    ...(refusal?.param ? { param: refusal.param } : {}),
  });
}

async function generate(m: Extract<ToThread, { type: 'generate' }>): Promise<void> {
  const controller = new AbortController();
  aborts.set(m.id, controller);
  try {
    const entry = await acquire(m.model);
    if (controller.signal.aborted) return;
    const what = m.input.kind === 'chat' ? 'messages' : 'prompt';
    const prompt = promptOf(entry, m.input, what);
    if (prompt.length > entry.maxContext)
      throw new Refusal(
        'invalid',
        `${what} is ${prompt.length} tokens, longer than the context of ${entry.maxContext} tokens that ${entry.ref.id} is served with`,
        what,
      );
    const s = entry.decoder.stats;
    if (s.queued + m.seeds.length > options.maxQueue + Math.max(0, options.maxBatch - s.activeSequences))
      throw new Refusal(
        'overloaded',
        `${entry.ref.id} has ${s.queued} sequences waiting (at most ${options.maxQueue}); retry shortly`,
      );
    const p = m.params;
    const maxTokens = p.maxTokens ?? Math.max(1, entry.maxContext - prompt.length);
    const tokenizer = entry.loaded.tokenizer;
    const wire = (e: TokenEvent): WireTokenEvent => {
      const out: WireTokenEvent = { token: e.token, text: e.text };
      if (entry.stopTokens.includes(e.token)) return out;
      if (p.logprobs && e.logprob !== undefined) {
        out.tokenText = tokenizer.decode([e.token], true);
        out.logprob = e.logprob;
        out.top = (e.topLogprobs ?? [])
          .slice(0, p.topLogprobs)
          .map((t) => ({ text: t.text, logprob: t.logprob }));
      }
      return out;
    };
    post({ type: 'accepted', id: m.id, promptTokens: prompt.length, maxContext: entry.maxContext });
    entry.busy += m.seeds.length;
    const settled = await Promise.allSettled(
      m.seeds.map((seed, seq) =>
        entry.decoder
          .generate(
            prompt,
            {
              maxTokens,
              temperature: p.temperature,
              topP: p.topP,
              ...(seed === null ? {} : { seed }),
              stopTokenIds: entry.stopTokens,
              stop: p.stop,
              topLogprobs: p.logprobs ? Math.max(1, p.topLogprobs) : 0,
            },
            { signal: controller.signal, onToken: (e) => emit(m.id, seq, wire(e)) },
          )
          .catch((err: unknown) => {
            // One sequence failing ends the request: stop its others too.
            controller.abort();
            throw err;
          })
          .finally(() => {
            entry.busy -= 1;
            entry.lastUsedAt = Date.now();
          }),
      ),
    );
    if (controller.signal.aborted && settled.every((r) => r.status === 'rejected' && isAbort(r.reason)))
      return;
    const failed = settled.find((r) => r.status === 'rejected' && !isAbort(r.reason));
    if (failed) throw (failed as PromiseRejectedResult).reason;
    if (controller.signal.aborted) return;
    // Flush this step's token events first: `done` must follow the last of them.
    setImmediate(() =>
      post({
        type: 'done',
        id: m.id,
        results: settled.map((r) => {
          const v = (r as PromiseFulfilledResult<SequenceResult>).value;
          return {
            text: v.text,
            finishReason: v.finishReason,
            promptTokens: v.promptTokens,
            completionTokens: v.completionTokens,
          };
        }),
      }),
    );
  } catch (err) {
    if (!controller.signal.aborted || !isAbort(err)) fail(m.id, err);
  } finally {
    aborts.delete(m.id);
  }
}

function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}

async function embedInputs(m: Extract<ToThread, { type: 'embed' }>): Promise<void> {
  let entry: Entry | undefined;
  try {
    entry = await acquire(m.model);
    entry.busy += 1;
    const limit = entry.loaded.model.config.maxSeqLen;
    const inputs = m.inputs.map((input, i) => {
      const tokens = promptOf(entry as Entry, input, `input[${i}]`);
      if (tokens.length > limit)
        throw new Refusal(
          'invalid',
          `input[${i}] is ${tokens.length} tokens, longer than the context of ${limit} tokens of ${m.model.id}`,
          `input[${i}]`,
        );
      return tokens;
    });
    const vectors = await embed(entry.loaded.model, inputs);
    post(
      {
        type: 'embedded',
        id: m.id,
        vectors,
        promptTokens: inputs.reduce((n, t) => n + t.length, 0),
      },
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  } catch (err) {
    fail(m.id, err);
  } finally {
    if (entry) {
      entry.busy -= 1;
      entry.lastUsedAt = Date.now();
    }
  }
}

function figures(): LoadedModelFigures[] {
  return [...models.values()].map((e) => ({
    key: e.ref.key,
    id: e.ref.id,
    loadedAt: e.loadedAt,
    lastUsedAt: e.lastUsedAt,
    weightsBytes: e.weightsBytes,
    kvCacheBytes: e.kvCacheBytes,
    maxBatch: options.maxBatch,
    maxContext: e.maxContext,
    ...e.decoder.stats,
  }));
}

port.on('message', (m: ToThread) => {
  switch (m.type) {
    case 'generate':
      void generate(m);
      return;
    case 'abort':
      aborts.get(m.id)?.abort();
      return;
    case 'embed':
      void embedInputs(m);
      return;
    case 'stats':
      post({
        type: 'stats',
        id: m.id,
        figures: { budgetBytes: options.budgetBytes, usedBytes, models: figures() },
      });
      return;
    case 'unload': {
      // Every loaded version of the model (its key ends with when its weights were written).
      let unloaded = false;
      for (const entry of [...models.values()])
        if (entry.ref.key.startsWith(m.key) && entry.busy === 0) {
          unload(entry);
          unloaded = true;
        }
      post({ type: 'unloaded', id: m.id, unloaded });
      return;
    }
  }
});
