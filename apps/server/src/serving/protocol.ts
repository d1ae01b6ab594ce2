/**
 * The messages between the API's thread (serving/client.ts) and the serving thread
 * (serving/thread.ts), which holds the loaded models and their batch decoders.
 */

/** A model as the serving thread loads it: `key` is unique per tenant and id. */
export interface ModelRef {
  key: string;
  /** The id answered to clients (`local/…`). */
  id: string;
  /** The stored model's directory (model.json and weights.bin). */
  dir: string;
}

/** A prompt: chat messages (rendered with the model's chat template), a text or token ids. */
export type PromptInput =
  | { kind: 'chat'; messages: { role: string; content: string }[] }
  | { kind: 'text'; text: string }
  | { kind: 'tokens'; tokens: number[] };

export interface WireSampling {
  /** null: up to the context. */
  maxTokens: number | null;
  temperature: number;
  topP: number;
  stop: string[];
  /** Log-probabilities of the chosen tokens, and this many alternatives (0: none). */
  logprobs: boolean;
  topLogprobs: number;
}

export interface WireTokenEvent {
  token: number;
  text: string;
  /** With `logprobs`: the token's own text and log-probability, and the alternatives. */
  tokenText?: string;
  logprob?: number;
  top?: { text: string; logprob: number }[];
}

export interface WireResult {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

export interface DecoderFigures {
  activeSequences: number;
  queued: number;
  lastBatchSize: number;
  maxBatchSize: number;
  steps: number;
  generatedTokens: number;
}

export interface LoadedModelFigures extends DecoderFigures {
  key: string;
  id: string;
  loadedAt: number;
  lastUsedAt: number;
  weightsBytes: number;
  kvCacheBytes: number;
  maxBatch: number;
  maxContext: number;
}

export interface ThreadFigures {
  budgetBytes: number;
  usedBytes: number;
  models: LoadedModelFigures[];
}

export type ServingErrorCode = 'invalid' | 'overloaded' | 'aborted' | 'internal';

export type ToThread =
  | {
      type: 'generate';
      id: number;
      model: ModelRef;
      input: PromptInput;
      params: WireSampling;
      /** One entry per sequence (OpenAI's `n`): its seed, if any. */
      seeds: (number | null)[];
    }
  | { type: 'abort'; id: number }
  | { type: 'embed'; id: number; model: ModelRef; inputs: PromptInput[] }
  | { type: 'stats'; id: number }
  /** Unloads the idle models whose key starts with `key`. */
  | { type: 'unload'; id: number; key: string };

export type FromThread =
  | { type: 'accepted'; id: number; promptTokens: number; maxContext: number }
  | { type: 'tokens'; events: { id: number; seq: number; event: WireTokenEvent }[] }
  | { type: 'done'; id: number; results: WireResult[] }
  | { type: 'embedded'; id: number; vectors: Float32Array[]; promptTokens: number }
  | { type: 'stats'; id: number; figures: ThreadFigures }
  | { type: 'unloaded'; id: number; unloaded: boolean }
  /** `param`: the request field at fault (`model`, or the prompt's: `messages`, `prompt`, `input[i]`). */
  | { type: 'error'; id: number; code: ServingErrorCode; message: string; param?: string };

export interface ThreadOptions {
  budgetBytes: number;
  maxBatch: number;
  maxContext: number;
  maxQueue: number;
  /** Threads of the CPU kernels; 0: every core. */
  threads: number;
}
