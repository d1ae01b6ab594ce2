import { sampleToken } from '../model/generate.ts';
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
 * Draws the next token of one sequence from its logits row: greedy at temperature 0, else a draw
 * from the top-p nucleus of softmax(logits / temperature) (the lock-step generator's sampler, so
 * both agree). Log-probabilities are those of the untempered distribution, log-softmax(logits), as
 * OpenAI reports them whatever the temperature.
 */
export function sampleNext(logits: Float32Array, params: SamplingParams, rng: Rng): Sampled {
  const token = sampleToken(logits, params.temperature, params.topP, rng);
  if (params.topLogprobs <= 0) return { token };
  const lse = logSumExp(logits);
  return {
    token,
    logprob: logits[token]! - lse,
    top: topK(logits, params.topLogprobs).map((t) => ({ token: t, logprob: logits[t]! - lse })),
  };
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
