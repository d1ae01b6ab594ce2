import type { LlamaModel, SlotCache } from '../model/model.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { Rng } from '../util/rng.ts';
import { type SamplingParams, sampleNext } from './sampling.ts';
import { TextStream } from './text-stream.ts';

/** One generated token as it is decided. */
export interface TokenEvent {
  token: number;
  /** Text newly final with this token (held back while it could still be the start of a stop string or an incomplete UTF-8 sequence); may be ''. */
  text: string;
  logprob?: number;
  topLogprobs?: { token: number; text: string; logprob: number }[];
}

export interface SequenceResult {
  /** The generated tokens; a stop token (stopTokenIds) is left out, the tokens of a stop string are kept. */
  tokens: number[];
  /** The generated text: what the events' `text` add up to, ending before a stop string. */
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  /** Tokens decoded for this sequence, a final stop token included (it cost a step, as in vLLM's usage). */
  completionTokens: number;
}

export interface DecoderStats {
  /** Sequences holding a KV slot (prefilling or decoding). */
  activeSequences: number;
  /** Sequences waiting for a slot. */
  queued: number;
  /** Sequences in the last step's forward pass. */
  lastBatchSize: number;
  /** The most sequences any step's forward pass has held. */
  maxBatchSize: number;
  steps: number;
  generatedTokens: number;
}

/**
 * Prompt rows a step may prefill beside its decode rows: a long prompt is fed over several steps
 * rather than stalling every running sequence for the whole of it.
 */
const PREFILL_ROWS = 128;

interface Sequence {
  prompt: number[];
  params: SamplingParams;
  rng: Rng;
  stream: TextStream;
  onToken?: (e: TokenEvent) => void;
  signal?: AbortSignal;
  onAbort: () => void;
  resolve: (r: SequenceResult) => void;
  reject: (e: unknown) => void;
  /** KV slot, -1 while queued. */
  slot: number;
  /** Positions of its slot filled so far. */
  fed: number;
  /** The last sampled token, fed at the next step; undefined while the prompt is still prefilling. */
  next?: number;
  tokens: number[];
  completion: number;
  aborted: boolean;
}

/**
 * Continuous batching over one model: one KV cache of `maxBatch` slots × `maxContext` positions,
 * and a loop of steps. A step admits queued sequences into free slots, then runs ONE forward pass
 * over a row per decoding sequence (its last token, at its own position, in its own slot) and the
 * next chunk of each admitted prompt, and samples one token for every sequence whose row was its
 * newest. A sequence that finishes or is aborted frees its slot for the queue at the next step.
 *
 * A sequence's logits depend only on its own tokens, so with a seed its tokens do not depend on
 * what else is in the batch (bit for bit on the CPU backend, whose matmul sums each output in the
 * same order for any number of rows; to float rounding on backends whose kernels tile by batch).
 */
export class BatchDecoder {
  private readonly model: LlamaModel;
  private readonly tokenizer: Tokenizer;
  private readonly maxBatch: number;
  private readonly maxContext: number;
  private readonly cache: SlotCache;
  private readonly freeSlots: number[];
  private queue: Sequence[] = [];
  private running: Sequence[] = [];
  private loop: Promise<void> | null = null;
  private closed = false;
  private released = false;
  private readonly counters = { lastBatchSize: 0, maxBatchSize: 0, steps: 0, generatedTokens: 0 };

  constructor(model: LlamaModel, tokenizer: Tokenizer, options: { maxBatch: number; maxContext?: number }) {
    const maxContext = options.maxContext ?? model.config.maxSeqLen;
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1)
      throw new Error(`BatchDecoder: maxBatch must be a positive integer, got ${options.maxBatch}`);
    if (!Number.isInteger(maxContext) || maxContext < 1)
      throw new Error(`BatchDecoder: maxContext must be a positive integer, got ${maxContext}`);
    if (tokenizer.vocabSize > model.config.vocabSize)
      throw new Error(
        `BatchDecoder: the tokenizer's ${tokenizer.vocabSize} tokens exceed the model's vocabulary of ${model.config.vocabSize}`,
      );
    this.model = model;
    this.tokenizer = tokenizer;
    this.maxBatch = options.maxBatch;
    this.maxContext = maxContext;
    this.cache = model.createSlotCache(options.maxBatch, maxContext, options.maxBatch + PREFILL_ROWS);
    this.freeSlots = Array.from({ length: options.maxBatch }, (_, i) => options.maxBatch - 1 - i);
  }

  get stats(): DecoderStats {
    return { activeSequences: this.running.length, queued: this.queue.length, ...this.counters };
  }

  /**
   * Queues a sequence. Resolves when it finishes. Aborting `signal` removes it from the batch at the
   * next step and frees its KV slot; the promise then rejects with an AbortError. A prompt longer
   * than the context rejects at once with an error naming the lengths.
   *
   * `onToken` sees every decoded token in order, a final stop token included (with the text it
   * releases); it is called between steps, so a slow handler holds up the whole batch.
   */
  generate(
    prompt: number[],
    params: SamplingParams,
    handlers: { onToken?: (e: TokenEvent) => void; signal?: AbortSignal } = {},
  ): Promise<SequenceResult> {
    const invalid = this.check(prompt, params);
    if (invalid) return Promise.reject(new Error(invalid));
    if (handlers.signal?.aborted) return Promise.reject(abortError());
    return new Promise<SequenceResult>((resolve, reject) => {
      const seq: Sequence = {
        prompt: [...prompt],
        params,
        rng: new Rng(params.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!),
        stream: new TextStream(this.tokenizer, params.stop),
        onToken: handlers.onToken,
        signal: handlers.signal,
        onAbort: () => this.abort(seq),
        resolve,
        reject,
        slot: -1,
        fed: 0,
        tokens: [],
        completion: 0,
        aborted: false,
      };
      seq.signal?.addEventListener('abort', seq.onAbort, { once: true });
      this.queue.push(seq);
      this.wake();
    });
  }

  /** Rejects everything queued or running and frees the KV cache. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('BatchDecoder: closed');
    for (const seq of [...this.queue, ...this.running]) this.fail(seq, error);
    // A step in flight still uses the cache; the loop releases it once that step is over.
    if (!this.loop) this.release();
  }

  private check(prompt: number[], p: SamplingParams): string | null {
    if (this.closed) return 'BatchDecoder: closed';
    if (prompt.length === 0) return 'generate: the prompt is empty';
    if (prompt.length > this.maxContext)
      return `generate: the prompt of ${prompt.length} tokens is longer than the context of ${this.maxContext} tokens`;
    const V = this.model.config.vocabSize;
    const bad = prompt.findIndex((t) => !Number.isInteger(t) || t < 0 || t >= V);
    if (bad >= 0) return `generate: prompt token ${prompt[bad]} at ${bad} is not in the vocabulary [0, ${V})`;
    if (!Number.isInteger(p.maxTokens) || p.maxTokens < 1)
      return `generate: maxTokens must be a positive integer, got ${p.maxTokens}`;
    if (!(p.temperature >= 0)) return `generate: temperature must be >= 0, got ${p.temperature}`;
    if (!(p.topP > 0 && p.topP <= 1)) return `generate: topP must be in (0, 1], got ${p.topP}`;
    if (!Number.isInteger(p.topLogprobs) || p.topLogprobs < 0)
      return `generate: topLogprobs must be a non-negative integer, got ${p.topLogprobs}`;
    return null;
  }

  private abort(seq: Sequence): void {
    seq.aborted = true;
    // A queued sequence holds nothing yet; a running one leaves at the next step (the forward pass
    // in flight may still be writing its slot).
    if (seq.slot < 0) this.fail(seq, abortError());
  }

  private wake(): void {
    if (this.loop || this.closed) return;
    this.loop = (async () => {
      // Each step waits for I/O first (new requests, aborts of disconnected clients): on the CPU a
      // step never leaves the microtask queue otherwise, and requests that arrive together start together.
      while (!this.closed && (this.queue.length > 0 || this.running.length > 0)) {
        await new Promise((resolve) => setImmediate(resolve));
        await this.step();
      }
    })().finally(() => {
      this.loop = null;
      if (this.closed) this.release();
      else if (this.queue.length > 0 || this.running.length > 0) this.wake();
    });
  }

  private async step(): Promise<void> {
    for (const seq of this.running) if (seq.aborted) this.fail(seq, abortError());
    while (this.queue.length > 0 && this.freeSlots.length > 0) {
      const seq = this.queue.shift()!;
      seq.slot = this.freeSlots.pop()!;
      this.running.push(seq);
    }
    if (this.running.length === 0) return;

    // Decode rows first, then as much of the admitted prompts as the rows left allow.
    const tokens: number[] = [];
    const slots: number[] = [];
    const positions: number[] = [];
    const fed = new Map<Sequence, number>();
    const outputs: number[] = [];
    const sampled: Sequence[] = [];
    const row = (seq: Sequence, token: number): void => {
      tokens.push(token);
      slots.push(seq.slot);
      positions.push(seq.fed + (fed.get(seq) ?? 0));
      fed.set(seq, (fed.get(seq) ?? 0) + 1);
    };
    for (const seq of this.running) {
      if (seq.next === undefined) continue;
      row(seq, seq.next);
      outputs.push(tokens.length - 1);
      sampled.push(seq);
    }
    for (const seq of this.running) {
      if (seq.next !== undefined) continue;
      const take = Math.min(seq.prompt.length - seq.fed, this.cache.maxRows - tokens.length);
      if (take <= 0) break;
      for (let i = 0; i < take; i++) row(seq, seq.prompt[seq.fed + i]!);
      if (seq.fed + take === seq.prompt.length) {
        outputs.push(tokens.length - 1);
        sampled.push(seq);
      }
    }

    let logits: Float32Array;
    try {
      logits = await this.model.decodeRows(
        this.cache,
        {
          tokens: Int32Array.from(tokens),
          slots: Int32Array.from(slots),
          positions: Int32Array.from(positions),
        },
        outputs,
      );
    } catch (error) {
      for (const seq of fed.keys()) this.fail(seq, error);
      return;
    }
    for (const [seq, n] of fed) seq.fed += n;
    this.counters.steps += 1;
    this.counters.lastBatchSize = fed.size;
    this.counters.maxBatchSize = Math.max(this.counters.maxBatchSize, fed.size);

    const V = this.model.config.vocabSize;
    // A model's vocabulary may be padded past its tokenizer's; tokens no text decodes to are never drawn.
    const drawn = this.tokenizer.vocabSize;
    sampled.forEach((seq, i) => {
      if (seq.slot < 0) return; // closed while the forward pass ran
      if (seq.aborted) {
        this.fail(seq, abortError());
        return;
      }
      try {
        this.accept(seq, logits.subarray(i * V, i * V + drawn));
      } catch (error) {
        this.fail(seq, error);
      }
    });
  }

  /** Samples the sequence's next token from its logits, reports it, and finishes the sequence when it is done. */
  private accept(seq: Sequence, logits: Float32Array): void {
    const p = seq.params;
    const s = sampleNext(logits, p, seq.rng);
    seq.completion += 1;
    this.counters.generatedTokens += 1;
    let text: string;
    let finish: SequenceResult['finishReason'] | null = null;
    if (p.stopTokenIds.includes(s.token)) {
      text = seq.stream.flush();
      finish = 'stop';
    } else {
      seq.tokens.push(s.token);
      const pushed = seq.stream.push(s.token);
      text = pushed.text;
      if (pushed.stopped) finish = 'stop';
      else if (seq.completion >= p.maxTokens || seq.fed >= this.maxContext) {
        text += seq.stream.flush();
        finish = 'length';
      }
    }
    const event: TokenEvent = { token: s.token, text };
    if (s.logprob !== undefined) {
      event.logprob = s.logprob;
      event.topLogprobs = s.top!.map((t) => ({ ...t, text: this.tokenizer.decode([t.token], true) }));
    }
    seq.onToken?.(event);
    if (finish) {
      this.finish(seq, {
        tokens: seq.tokens,
        text: seq.stream.text,
        finishReason: finish,
        promptTokens: seq.prompt.length,
        completionTokens: seq.completion,
      });
    } else seq.next = s.token;
  }

  private finish(seq: Sequence, result: SequenceResult): void {
    this.leave(seq);
    seq.resolve(result);
  }

  private fail(seq: Sequence, error: unknown): void {
    this.leave(seq);
    seq.reject(error);
  }

  /** Takes a sequence out of the queue or the batch, giving its slot back. */
  private leave(seq: Sequence): void {
    seq.signal?.removeEventListener('abort', seq.onAbort);
    if (seq.slot >= 0) {
      this.freeSlots.push(seq.slot);
      seq.slot = -1;
      this.running = this.running.filter((s) => s !== seq);
    } else this.queue = this.queue.filter((s) => s !== seq);
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.model.freeSlotCache(this.cache);
  }
}

function abortError(): DOMException {
  return new DOMException('generation aborted', 'AbortError');
}
