import type { Rng } from '../util/rng.ts';

/** How one sequence is sampled and when it stops (OpenAI's completion parameters, engine-side). */
export interface SamplingParams {
  maxTokens: number;
  /** 0 = greedy. */
  temperature: number;
  /** 1 = off. */
  topP: number;
  /** Same seed + same prompt + same params => same tokens, whatever else is in the batch. */
  seed?: number;
  /** Generation stops at any of these (e.g. the tokenizer's eos), which stay out of the output. */
  stopTokenIds: number[];
  /** Stop strings, matched on the decoded text; the stop string is not included in the output. */
  stop: string[];
  /** 0 = no logprobs; k > 0: the chosen token's logprob and the top k alternatives (OpenAI's logprobs/top_logprobs). */
  topLogprobs: number;
}

/** A sampled token, with its log-probability and the k likeliest tokens when they were asked for. */
export interface Sampled {
  token: number;
  logprob?: number;
  top?: { token: number; logprob: number }[];
}

/**
 * Draws the next token of one sequence from its logits row (see drawToken). Log-probabilities are
 * those of the untempered distribution, log-softmax(logits), as OpenAI reports them whatever the
 * temperature.
 */
export function sampleNext(logits: Float32Array, params: SamplingParams, rng: Rng): Sampled {
  const token = drawToken(logits, params.temperature, params.topP, rng);
  if (params.topLogprobs <= 0) return { token };
  const lse = logSumExp(logits);
  return {
    token,
    logprob: logits[token]! - lse,
    top: topK(logits, params.topLogprobs).map((t) => ({ token: t, logprob: logits[t]! - lse })),
  };
}

/** Per-token scratch, grown to the largest vocabulary seen (sampling runs on one thread). */
let probs = new Float64Array(0);
let heap = new Int32Array(0);

/**
 * Greedy at temperature 0, else a draw from softmax(logits / temperature) restricted to its top-p
 * nucleus: the likeliest tokens whose mass first reaches topP (ties to the lower id). The draw is
 * one uniform number per token, so a seeded Rng makes it a pure function of the logits.
 *
 * This is the distribution of model/generate.ts's sampleToken, without its sort of the whole
 * vocabulary per token (milliseconds at 50 k tokens, for every sequence of every step): at top_p 1
 * the draw walks the tokens in id order, below 1 a heap yields the nucleus in probability order.
 */
export function drawToken(logits: Float32Array, temperature: number, topP: number, rng: Rng): number {
  const V = logits.length;
  let best = 0;
  for (let i = 1; i < V; i++) if (logits[i]! > logits[best]!) best = i;
  if (temperature <= 0) return best;
  if (probs.length < V) {
    probs = new Float64Array(V);
    heap = new Int32Array(V);
  }
  const max = logits[best]!;
  let total = 0;
  for (let i = 0; i < V; i++) {
    probs[i] = Math.exp((logits[i]! - max) / temperature);
    total += probs[i]!;
  }
  if (topP >= 1) {
    let r = rng.next() * total;
    let last = best;
    for (let i = 0; i < V; i++) {
      if (probs[i] === 0) continue;
      r -= probs[i]!;
      last = i;
      if (r < 0) return i;
    }
    return last; // rounding left r at or just above zero
  }
  const nucleus = nucleusOf(V, topP * total);
  let r = rng.next() * nucleus.mass;
  for (const i of nucleus.tokens) {
    r -= probs[i]!;
    if (r < 0) return i;
  }
  return nucleus.tokens.at(-1)!;
}

/** Tokens of `probs` in decreasing probability (ties to the lower id) until their mass reaches `target`. */
function nucleusOf(V: number, target: number): { tokens: number[]; mass: number } {
  const before = (a: number, b: number) => probs[a]! > probs[b]! || (probs[a] === probs[b] && a < b);
  const down = (at: number, n: number) => {
    for (;;) {
      const l = 2 * at + 1;
      if (l >= n) return;
      const c = l + 1 < n && before(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!before(heap[c]!, heap[at]!)) return;
      [heap[at], heap[c]] = [heap[c]!, heap[at]!];
      at = c;
    }
  };
  for (let i = 0; i < V; i++) heap[i] = i;
  for (let i = (V >> 1) - 1; i >= 0; i--) down(i, V);
  const tokens: number[] = [];
  let mass = 0;
  for (let n = V; n > 0 && (tokens.length === 0 || mass < target); n--) {
    const top = heap[0]!;
    tokens.push(top);
    mass += probs[top]!;
    heap[0] = heap[n - 1]!;
    down(0, n - 1);
  }
  return { tokens, mass };
}

/** log Σ exp(x), in double precision. */
export function logSumExp(x: Float32Array): number {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i]! - max);
  return max + Math.log(s);
}

/** Indices of the k largest values, largest first (ties to the lower index), in one pass. */
function topK(x: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (best.length === k && x[i]! <= x[best[k - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && x[best[at - 1]!]! < x[i]!) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
