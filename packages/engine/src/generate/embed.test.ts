import { describe, expect, it } from 'vitest';
import { testConfig, testModel, testTokenizer } from './__fixtures__/model.ts';
import { embed } from './embed.ts';

const tokenizer = testTokenizer();
const config = testConfig(tokenizer.vocabSize);
const model = await testModel(config);
const inputs = [[3, 9, 27], [81, 243, 1, 2, 5, 8, 13, 21, 34], [55], [200, 100]];

describe('embed', () => {
  it('gives each input the mean of its final-norm hidden states, batched or alone', async () => {
    const batched = await embed(model, inputs);
    for (const [i, input] of inputs.entries()) {
      const [alone] = await embed(model, [input]);
      expect(batched[i]).toEqual(alone);
      // By hand: the last block's output through the final RMSNorm, averaged over positions.
      const layers = await model.captureActivations(Int32Array.from(input), 1, input.length);
      const out = layers.at(-1)!.output;
      const w = await model.getWeights();
      const C = config.dim;
      const mean = new Float64Array(C);
      for (let t = 0; t < input.length; t++) {
        const x = out.subarray(t * C, (t + 1) * C);
        const rstd = 1 / Math.sqrt(x.reduce((s, v) => s + v * v, 0) / C + config.normEps);
        for (let c = 0; c < C; c++)
          mean[c]! += (x[c]! * rstd * w[model.layout.finalNorm + c]!) / input.length;
      }
      for (const [c, v] of alone!.entries()) expect(v).toBeCloseTo(mean[c]!, 4);
    }
  });

  it('splits a batch of more tokens than one forward pass takes without changing a vector', async () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      Array.from({ length: 40 }, (_, t) => (i * 31 + t * 7) % 300),
    );
    const batched = await embed(model, many);
    for (const [i, input] of many.entries()) expect(batched[i]).toEqual((await embed(model, [input]))[0]);
  });

  it('rejects an empty input', async () => {
    await expect(embed(model, [[1], []])).rejects.toThrow('input 1 has no tokens');
  });
});
