import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backends/cpu/cpu-backend.ts';
import { presetConfig } from '../model/config.ts';
import { LlamaModel } from '../model/model.ts';
import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { encodeExample } from '../training/sequences.ts';
import { Rng } from '../util/rng.ts';
import { perplexity } from './evaluate.ts';

const rows = [
  { prompt: 'the sky is', label: 'blue' },
  { prompt: 'grass is usually', label: 'green' },
  { prompt: 'an unlabelled prompt' },
  { prompt: 'snow is', completion: 'white and cold' },
];

describe('perplexity', () => {
  const tokenizer = BpeTokenizer.train(
    rows.map((r) => `${r.prompt} ${r.label ?? r.completion ?? ''}`),
    { vocabSize: 280 },
  );
  const model = new LlamaModel(
    new CpuBackend(),
    presetConfig('distillery-pico', { vocabSize: tokenizer.vocabSize, maxSeqLen: 16 }),
  );
  model.initialize(new Rng(3));
  const m = { model, tokenizer, promptBudget: 8, answerBudget: 6 };

  it('is exp of the mean log-loss over the answer tokens of labelled rows, batch size aside', async () => {
    let nll = 0;
    let n = 0;
    for (const r of rows) {
      const want = r.label ?? r.completion;
      if (want === undefined) continue;
      const ex = encodeExample(tokenizer, r.prompt, want, 16, 6);
      const T = ex.tokens.length - 1;
      const logits = await model.logits(Int32Array.from(ex.tokens.slice(0, T)), 1, T);
      const V = tokenizer.vocabSize;
      for (let t = ex.completionStart - 1; t < T; t++) {
        const row = logits.subarray(t * V, (t + 1) * V);
        const max = Math.max(...row);
        const logZ = max + Math.log(row.reduce((a, x) => a + Math.exp(x - max), 0));
        nll += logZ - row[ex.tokens[t + 1]!]!;
        n++;
      }
    }
    const want = Math.exp(nll / n);
    expect(await perplexity(m, rows)).toBeCloseTo(want, 3);
    expect(await perplexity(m, rows, undefined, 2)).toBeCloseTo(want, 3);
  });

  it('is null without a row to score', async () => {
    expect(await perplexity(m, [{ prompt: 'no answer here' }])).toBeNull();
  });
});
