import { Worker } from 'node:worker_threads';
import type {
  FromThread,
  ModelRef,
  PromptInput,
  ServingErrorCode,
  ThreadFigures,
  ThreadOptions,
  ToThread,
  WireResult,
  WireSampling,
  WireTokenEvent,
} from './protocol.ts';

// The thread entry sits beside this module: src/serving/*.ts in development, dist/*.js when built.
const THREAD_URL = new URL(
  import.meta.url.endsWith('.ts') ? './thread.ts' : './serving-thread.js',
  import.meta.url,
);

/** What the serving thread refused or failed with. */
export class ServingError extends Error {
  readonly code: ServingErrorCode;
  readonly param: string | undefined;
  constructor(code: ServingErrorCode, message: string, param?: string) {
    super(message);
    this.code = code;
    this.param = param;
  }
}

export interface Generation {
  /** Resolves once the prompt is encoded and queued: its length and the context it runs in. */
  accepted: Promise<{ promptTokens: number; maxContext: number }>;
  /** One result per sequence, in order. */
  done: Promise<WireResult[]>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
  onToken?: (seq: number, e: WireTokenEvent) => void;
  accepted?: { resolve(v: { promptTokens: number; maxContext: number }): void; reject(err: unknown): void };
}

/**
 * The API's side of the serving thread: starts it on first use, routes its answers to the requests
 * waiting for them, and starts a new one on the next request if it dies (failing what was in flight).
 */
export class ServingClient {
  private readonly options: ThreadOptions;
  private readonly onError: (err: unknown) => void;
  private thread: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(options: ThreadOptions, onError: (err: unknown) => void = () => {}) {
    this.options = options;
    this.onError = onError;
  }

  private worker(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(THREAD_URL, { workerData: this.options });
    thread.unref();
    thread.on('message', (m: FromThread) => this.receive(m));
    const broke = (err: unknown) => {
      if (this.thread !== thread) return;
      this.thread = null;
      this.onError(err);
      const failure = new ServingError(
        'internal',
        `the serving thread stopped: ${(err as Error).message ?? err}`,
      );
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.accepted?.reject(failure);
        p.reject(failure);
      }
    };
    thread.on('error', broke);
    thread.on('exit', (code) => broke(new Error(`exit code ${code}`)));
    this.thread = thread;
    return thread;
  }

  private receive(m: FromThread): void {
    if (m.type === 'tokens') {
      for (const t of m.events) this.pending.get(t.id)?.onToken?.(t.seq, t.event);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    switch (m.type) {
      case 'accepted':
        p.accepted?.resolve({ promptTokens: m.promptTokens, maxContext: m.maxContext });
        return;
      case 'error': {
        this.pending.delete(m.id);
        const err = new ServingError(m.code, m.message, m.param);
        p.accepted?.reject(err);
        p.reject(err);
        return;
      }
      case 'done':
        this.pending.delete(m.id);
        p.resolve(m.results);
        return;
      case 'embedded':
        this.pending.delete(m.id);
        p.resolve({ vectors: m.vectors, promptTokens: m.promptTokens });
        return;
      case 'stats':
        this.pending.delete(m.id);
        p.resolve(m.figures);
        return;
      case 'unloaded':
        this.pending.delete(m.id);
        p.resolve(m.unloaded);
        return;
    }
  }

  private send(m: ToThread): void {
    this.worker().postMessage(m);
  }

  private call<T>(make: (id: number) => ToThread): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send(make(id));
    });
  }

  /**
   * Decodes `seeds.length` sequences of one prompt. Aborting `signal` takes them out of the batch
   * at the next step (their KV slots free at once); both promises then reject with an `aborted` error.
   */
  generate(
    model: ModelRef,
    input: PromptInput,
    params: WireSampling,
    seeds: (number | null)[],
    handlers: { onToken?: (seq: number, e: WireTokenEvent) => void; signal?: AbortSignal } = {},
  ): Generation {
    if (handlers.signal?.aborted) {
      const err = new ServingError('aborted', 'generation aborted');
      const rejected = Promise.reject(err);
      rejected.catch(() => {});
      return { accepted: rejected, done: rejected };
    }
    const id = this.nextId++;
    let acceptedHandlers!: Pending['accepted'];
    const accepted = new Promise<{ promptTokens: number; maxContext: number }>((resolve, reject) => {
      acceptedHandlers = { resolve, reject };
    });
    const done = new Promise<WireResult[]>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        accepted: acceptedHandlers,
        ...(handlers.onToken ? { onToken: handlers.onToken } : {}),
      });
    });
    // Either may be left unawaited by a caller that gave up on the other.
    accepted.catch(() => {});
    done.catch(() => {});
    const abort = () => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      this.thread?.postMessage({ type: 'abort', id } satisfies ToThread);
      const err = new ServingError('aborted', 'generation aborted');
      p.accepted?.reject(err);
      p.reject(err);
    };
    handlers.signal?.addEventListener('abort', abort, { once: true });
    done.finally(() => handlers.signal?.removeEventListener('abort', abort)).catch(() => {});
    this.send({ type: 'generate', id, model, input, params, seeds });
    return { accepted, done };
  }

  embed(model: ModelRef, inputs: PromptInput[]): Promise<{ vectors: Float32Array[]; promptTokens: number }> {
    return this.call((id) => ({ type: 'embed', id, model, inputs }));
  }

  /** The loaded models; empty (without starting it) when the thread is not running. */
  async figures(): Promise<ThreadFigures> {
    if (!this.thread) return { budgetBytes: this.options.budgetBytes, usedBytes: 0, models: [] };
    return this.call((id) => ({ type: 'stats', id }));
  }

  /** Unloads the idle models whose key starts with `key` (a deleted one); false when none was. */
  async unload(key: string): Promise<boolean> {
    if (!this.thread) return false;
    return this.call((id) => ({ type: 'unload', id, key }));
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    if (thread) await thread.terminate();
  }
}
