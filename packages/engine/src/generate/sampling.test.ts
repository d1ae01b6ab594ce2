import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { testConfig, testModel, testTokenizer } from './__fixtures__/model.ts';
import { BatchDecoder, type TokenEvent } from './batch-decoder.ts';
import { drawToken, type SamplingParams, sampleNext } from './sampling.ts';

const tokenizer = testTokenizer();
const config = testConfig(tokenizer.vocabSize);
const model = await testModel(config);
const base: SamplingParams = {
  maxTokens: 8,
  temperature: 0,
  topP: 1,
  stopTokenIds: [],
  stop: [],
  topLogprobs: 0,
};
const prompt = [5, 17, 101, 42, 250];

async function decode(params: SamplingParams): Promise<{ tokens: number[]; events: TokenEvent[] }> {
  const decoder = new BatchDecoder(model, tokenizer, { maxBatch: 1 });
  const events: TokenEvent[] = [];
  const { tokens } = await decoder.generate(prompt, params, { onToken: (e) => events.push(e) });
  decoder.close();
  return { tokens, events };
}

describe('sampling', () => {
  it('a tiny top_p leaves only the likeliest token: greedy at any temperature', async () => {
    const greedy = await decode(base);
    const wide = await decode({ ...base, temperature: 1.5, seed: 1 });
    const narrow = await decode({ ...base, temperature: 1.5, topP: 1e-6, seed: 1 });
    expect(narrow.tokens).toEqual(greedy.tokens);
    expect(wide.tokens).not.toEqual(greedy.tokens);
  });

  it('reports the chosen token’s logprob and the top k, as a log-softmax of the untempered logits', async () => {
    const { tokens, events } = await decode({ ...base, temperature: 0.7, seed: 3, topLogprobs: 5 });
    const logits = await model.logits(
      Int32Array.from([...prompt, ...tokens]),
      1,
      prompt.length + tokens.length,
    );
    const V = config.vocabSize;
    events.forEach((e, i) => {
      const row = logits.subarray((prompt.length + i - 1) * V, (prompt.length + i) * V);
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
      const byHand = Array.from(row, (x, token) => ({ token, logprob: x - lse })).sort(
        (a, b) => b.logprob - a.logprob,
      );
      expect(e.logprob).toBeCloseTo(row[e.token]! - lse, 4);
      expect(e.topLogprobs!.map((t) => t.token)).toEqual(byHand.slice(0, 5).map((t) => t.token));
      e.topLogprobs!.forEach((t, k) => {
        expect(t.logprob).toBeCloseTo(byHand[k]!.logprob, 4);
        expect(t.text).toBe(tokenizer.decode([t.token], true));
      });
      expect(e.topLogprobs!.reduce((s, t) => s + Math.exp(t.logprob), 0)).toBeLessThanOrEqual(1);
    });
  });

  it('draws from softmax(logits / temperature) within the top-p nucleus', () => {
    const frequencies = (logits: number[], temperature: number, topP: number): number[] => {
      const rng = new Rng(5);
      const counts = logits.map(() => 0);
      const x = Float32Array.from(logits);
      for (let i = 0; i < 40000; i++) counts[drawToken(x, temperature, topP, rng)]! += 1;
      return counts.map((c) => c / 40000);
    };
    // Probabilities 0.25, 0.4, 0.35 (the likeliest is not first).
    const logits = [Math.log(0.25), Math.log(0.4), Math.log(0.35)];
    const close = (want: number[]) => want.map((p) => expect.closeTo(p, 2));
    expect(frequencies(logits, 1, 1)).toEqual(close([0.25, 0.4, 0.35]));
    // Temperature 2 takes square roots before normalising.
    const roots = [0.5, Math.sqrt(0.4), Math.sqrt(0.35)];
    const sum = roots.reduce((a, b) => a + b);
    expect(frequencies(logits, 2, 1)).toEqual(close(roots.map((r) => r / sum)));
    // top_p 0.5: 0.4 alone falls short, 0.4 + 0.35 reaches it; the nucleus is renormalised.
    expect(frequencies(logits, 1, 0.5)).toEqual(close([0, 0.4 / 0.75, 0.35 / 0.75]));
    expect(frequencies(logits, 1, 0.39)).toEqual([0, 1, 0]);
  });

  it('ranks ties by token id and omits logprobs unless asked for', () => {
    const logits = Float32Array.from([1, 3, 2, 3, -1]);
    const lse = Math.log([1, 3, 2, 3, -1].reduce((s, x) => s + Math.exp(x), 0));
    const s = sampleNext(logits, { ...base, topLogprobs: 3 }, new Rng(1));
    expect(s.token).toBe(1);
    expect(s.top!.map((t) => t.token)).toEqual([1, 3, 2]);
    expect(s.top!.map((t) => t.logprob)).toEqual(
      [3 - lse, 3 - lse, 2 - lse].map((x) => expect.closeTo(x, 6)),
    );
    expect(sampleNext(logits, base, new Rng(1))).toEqual({ token: 1 });
  });
});
