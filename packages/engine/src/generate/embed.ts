import type { LlamaModel } from '../model/model.ts';

/** Token rows per forward pass of an embedding batch. */
const EMBED_ROWS = 512;

/**
 * Mean-pooled last hidden state (after the final RMSNorm), one vector per input, batched: the
 * inputs' tokens, unpadded, run as rows of one forward pass after another, each input in a KV slot
 * of its own, so that a vector does not depend on the other inputs of the batch.
 */
export async function embed(model: LlamaModel, inputs: number[][]): Promise<Float32Array[]> {
  if (inputs.length === 0) return [];
  const V = model.config.vocabSize;
  inputs.forEach((input, i) => {
    if (input.length === 0) throw new Error(`embed: input ${i} has no tokens`);
    if (input.length > model.config.maxSeqLen)
      throw new Error(
        `embed: input ${i} has ${input.length} tokens, more than the model's context of ${model.config.maxSeqLen}`,
      );
    const bad = input.findIndex((t) => !Number.isInteger(t) || t < 0 || t >= V);
    if (bad >= 0)
      throw new Error(`embed: token ${input[bad]} of input ${i} is not in the vocabulary [0, ${V})`);
  });
  const C = model.config.dim;
  const total = inputs.reduce((n, input) => n + input.length, 0);
  const capacity = Math.max(...inputs.map((input) => input.length));
  const maxRows = Math.min(total, EMBED_ROWS);
  const cache = model.createSlotCache(inputs.length, capacity, maxRows);
  const sums = inputs.map(() => new Float64Array(C));
  try {
    // Rows in order, input by input, so each token's earlier positions are fed before or with it.
    const owner: number[] = [];
    const tokens: number[] = [];
    const positions: number[] = [];
    const run = async (): Promise<void> => {
      const hidden = await model.hiddenRows(cache, {
        tokens: Int32Array.from(tokens),
        slots: Int32Array.from(owner),
        positions: Int32Array.from(positions),
      });
      owner.forEach((i, r) => {
        const sum = sums[i]!;
        for (let c = 0; c < C; c++) sum[c]! += hidden[r * C + c]!;
      });
      owner.length = tokens.length = positions.length = 0;
    };
    for (const [i, input] of inputs.entries()) {
      for (const [t, token] of input.entries()) {
        owner.push(i);
        tokens.push(token);
        positions.push(t);
        if (tokens.length === maxRows) await run();
      }
    }
    if (tokens.length > 0) await run();
  } finally {
    model.freeSlotCache(cache);
  }
  return sums.map((sum, i) => Float32Array.from(sum, (x) => x / inputs[i]!.length));
}
