import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { Rng } from '../util/rng.ts';

/**
 * One training sequence: `<|bos|> prompt <|sep|> completion <|eos|>`. Loss falls on the completion
 * and the closing eos only (the prompt is masked).
 */
export interface EncodedExample {
  tokens: number[];
  /** Index of the first completion token in `tokens`. */
  completionStart: number;
  /** Teacher logits [completion tokens + eos, V] predicting tokens[completionStart..], for logit KD. */
  teacherLogits?: Float32Array;
  /** Per-example loss weight (curation); 1 by default. */
  weight?: number;
}

/** Tokens of `<|bos|> prompt <|sep|>`, the prompt cut to `promptBudget` tokens (keeping its start). */
export function encodePrompt(tok: Tokenizer, prompt: string, promptBudget: number): number[] {
  return [tok.bos, ...tok.encode(prompt, false).slice(0, Math.max(1, promptBudget)), tok.sep];
}

export function encodeExample(
  tok: Tokenizer,
  prompt: string,
  completion: string,
  seqLen: number,
  answerBudget: number,
): EncodedExample {
  const head = encodePrompt(tok, prompt, seqLen - 2 - answerBudget);
  const tail = [...tok.encode(completion, false).slice(0, answerBudget - 1), tok.eos];
  return { tokens: [...head, ...tail], completionStart: head.length };
}

export interface BatchBuffers {
  B: number;
  T: number;
  tokens: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
  teacherLogits?: Float32Array;
}

/** Packs examples into [B, T] inputs and next-token targets, padding with `pad` at weight 0. */
export function packBatch(
  examples: EncodedExample[],
  T: number,
  pad: number,
  V: number,
  withTeacher: boolean,
): BatchBuffers {
  const B = examples.length;
  const tokens = new Int32Array(B * T).fill(pad);
  const targets = new Int32Array(B * T).fill(pad);
  const weights = new Float32Array(B * T);
  const teacherLogits = withTeacher ? new Float32Array(B * T * V) : undefined;
  examples.forEach((ex, b) => {
    const n = Math.min(ex.tokens.length - 1, T);
    for (let t = 0; t < n; t++) {
      tokens[b * T + t] = ex.tokens[t]!;
      targets[b * T + t] = ex.tokens[t + 1]!;
      const k = t + 1 - ex.completionStart;
      if (k >= 0) {
        weights[b * T + t] = ex.weight ?? 1;
        if (teacherLogits && ex.teacherLogits)
          teacherLogits.set(ex.teacherLogits.subarray(k * V, (k + 1) * V), (b * T + t) * V);
      }
    }
  });
  return { B, T, tokens, targets, weights, teacherLogits };
}

/**
 * The examples of optimizer step `step`: a fresh seeded permutation each epoch, so the batch of any
 * step is a pure function of (seed, step) and resuming needs only the step number.
 */
export class BatchOrder {
  private readonly perms = new Map<number, number[]>();
  private readonly count: number;
  private readonly batchSize: number;
  private readonly seed: number;

  constructor(count: number, batchSize: number, seed: number) {
    if (count === 0) throw new Error('training needs at least one example');
    this.count = count;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  indices(step: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.batchSize; j++) {
      const i = step * this.batchSize + j;
      const epoch = Math.floor(i / this.count);
      let perm = this.perms.get(epoch);
      if (!perm) {
        perm = new Rng((this.seed * 1000003 + epoch * 7919) >>> 0).shuffle(
          Array.from({ length: this.count }, (_, k) => k),
        );
        this.perms.clear();
        this.perms.set(epoch, perm);
      }
      out.push(perm[i % this.count]!);
    }
    return out;
  }
}
