import type { Rng } from '../util/rng.ts';
import type { LlamaModel } from './model.ts';

export interface GenerateOptions {
  maxNewTokens: number;
  /** 0 is greedy. */
  temperature: number;
  /** Nucleus sampling mass (1 disables). */
  topP?: number;
  /** Generation stops for a row at any of these tokens (which are kept out of the output). */
  stopTokens?: number[];
  rng: Rng;
}

export interface Generation {
  tokens: number[];
  /** Sum of log p(token) under the model's untempered distribution, over the generated tokens. */
  logProb: number;
}

/**
 * Batched generation with a KV cache. Rows advance in lock-step: the shared prefix length is
 * prefilled in one call, then each step feeds every row either its next prompt token or, once its
 * prompt is consumed, the token it just sampled. No padding or attention mask is needed.
 */
export async function generate(
  model: LlamaModel,
  prompts: number[][],
  opts: GenerateOptions,
): Promise<Generation[]> {
  if (prompts.length === 0) return [];
  const B = prompts.length;
  const V = model.config.vocabSize;
  const minLen = Math.min(...prompts.map((p) => p.length));
  const maxLen = Math.max(...prompts.map((p) => p.length));
  if (minLen === 0) throw new Error('generate: every prompt needs at least one token');
  const capacity = Math.min(model.config.maxSeqLen, maxLen + opts.maxNewTokens);
  if (maxLen >= capacity)
    throw new Error(`generate: a prompt of ${maxLen} tokens leaves no room within maxSeqLen`);
  const state = model.createInferenceState(B, capacity, minLen);
  const stops = new Set(opts.stopTokens ?? []);
  const out: Generation[] = prompts.map(() => ({ tokens: [], logProb: 0 }));
  const done = new Array<boolean>(B).fill(false);
  try {
    const prefill = new Int32Array(B * minLen);
    for (let b = 0; b < B; b++) prefill.set(prompts[b]!.slice(0, minLen), b * minLen);
    let logits = await model.decode(state, prefill, minLen, 0);
    for (let pos = minLen; pos < capacity; pos++) {
      const next = new Int32Array(B);
      for (let b = 0; b < B; b++) {
        const prompt = prompts[b]!;
        if (pos < prompt.length) {
          next[b] = prompt[pos]!;
          continue;
        }
        if (done[b]) continue;
        const row = logits.subarray(b * V, (b + 1) * V);
        const tok = sampleToken(row, opts.temperature, opts.topP ?? 1, opts.rng);
        out[b]!.logProb += logSoftmaxAt(row, tok);
        if (stops.has(tok)) done[b] = true;
        else out[b]!.tokens.push(tok);
        if (out[b]!.tokens.length >= opts.maxNewTokens) done[b] = true;
        next[b] = tok;
      }
      if (done.every(Boolean)) break;
      logits = await model.decode(state, next, 1, pos);
    }
  } finally {
    model.freeInferenceState(state);
  }
  return out;
}

/** Greedy at temperature 0, else a draw from the top-p nucleus of softmax(logits / temperature). */
export function sampleToken(logits: Float32Array, temperature: number, topP: number, rng: Rng): number {
  const V = logits.length;
  if (temperature <= 0) {
    let best = 0;
    for (let i = 1; i < V; i++) if (logits[i]! > logits[best]!) best = i;
    return best;
  }
  let max = -Infinity;
  for (let i = 0; i < V; i++) if (logits[i]! > max) max = logits[i]!;
  const probs = new Float64Array(V);
  let total = 0;
  for (let i = 0; i < V; i++) {
    probs[i] = Math.exp((logits[i]! - max) / temperature);
    total += probs[i]!;
  }
  const order = Array.from({ length: V }, (_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
  let keep = V;
  if (topP < 1) {
    let mass = 0;
    for (let i = 0; i < V; i++) {
      mass += probs[order[i]!]! / total;
      if (mass >= topP) {
        keep = i + 1;
        break;
      }
    }
  }
  let nucleus = 0;
  for (let i = 0; i < keep; i++) nucleus += probs[order[i]!]!;
  let r = rng.next() * nucleus;
  for (let i = 0; i < keep; i++) {
    r -= probs[order[i]!]!;
    if (r <= 0) return order[i]!;
  }
  return order[keep - 1]!;
}

function logSoftmaxAt(logits: Float32Array, index: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let s = 0;
  for (let i = 0; i < logits.length; i++) s += Math.exp(logits[i]! - max);
  return logits[index]! - max - Math.log(s);
}
