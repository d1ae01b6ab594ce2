/**
 * Benchmark, not CI: do llama.cpp's greedy tokens on our GGUF exports equal the engine's?
 * Needs `python3 -m pip install llama-cpp-python` (it compiles llama.cpp; several minutes).
 *
 * Usage: node scripts/llama-cpp-check.ts [--model DIR] [--types f32,f16,q8_0,q4_0,q4_k_m] [--tokens N]
 *   --model DIR  a saved engine model (io/model-store); default: a seeded distillery-nano-shaped model
 *                with a tokenizer trained on a few sentences (random weights: greedy ties are rare but
 *                the 4-bit types may legitimately differ).
 * The engine side runs each GGUF as imported (dequantised to f32), so the comparison isolates
 * llama.cpp's reading of the file (names, RoPE order, tokenizer, block layouts) from quantisation.
 * Exit status 1 when tokenizers disagree or f32 / f16 greedy tokens differ (see llama-cpp-check.py).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { exportModel } from '../src/export/export-model.ts';
import { QUANTIZATION_TYPES, type QuantizationType } from '../src/export/quant-mix.ts';
import { loadCheckpoint } from '../src/import/import-model.ts';
import { loadModel } from '../src/io/model-store.ts';
import { generate } from '../src/model/generate.ts';
import { LlamaModel } from '../src/model/model.ts';
import { BpeTokenizer } from '../src/tokenizer/bpe-tokenizer.ts';
import type { Tokenizer } from '../src/tokenizer/tokenizer.ts';
import { Rng } from '../src/util/rng.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    types: { type: 'string', default: QUANTIZATION_TYPES.join(',') },
    tokens: { type: 'string', default: '16' },
  },
});
const types = values.types.split(',') as QuantizationType[];
const maxNewTokens = Number(values.tokens);
const PROMPTS = [
  'Subject: cheap meds online, click here',
  'Hi team, the meeting moved to 3pm.',
  'hello world',
];

let model: LlamaModel;
let tokenizer: Tokenizer;
if (values.model) {
  ({ model, tokenizer } = await loadModel(values.model, new CpuBackend()));
} else {
  tokenizer = BpeTokenizer.train(
    [PROMPTS.join(' ').repeat(3), 'the quick brown fox jumps over the lazy dog'],
    {
      vocabSize: 320,
    },
  );
  model = new LlamaModel(new CpuBackend(), {
    vocabSize: tokenizer.vocabSize,
    dim: 64,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: 2,
    hiddenDim: 160,
    maxSeqLen: 128,
    ropeTheta: 10000,
    normEps: 1e-5,
    tieEmbeddings: true,
  });
  model.initialize(new Rng(1));
  // Larger weights than the initialisation, so logits have margins and the greedy path is meaningful.
  const w = await model.getWeights();
  for (let i = 0; i < w.length; i++) w[i] = w[i]! * 4;
  model.setWeights(w);
}

const dir = await mkdtemp(join(tmpdir(), 'distillery-llama-cpp-'));
const manifest = await exportModel(model, tokenizer, { dir, formats: ['gguf'], quantizationTypes: types });
const cases = [];
for (const a of manifest) {
  const { model: back } = await loadCheckpoint(a.path, new CpuBackend());
  const prompts = [];
  for (const text of PROMPTS) {
    const ids = tokenizer.encode(text, false);
    const [g] = await generate(back, [ids], { maxNewTokens, temperature: 0, rng: new Rng(0) });
    const first = await back.logits(Int32Array.from(ids), 1, ids.length);
    const V = back.config.vocabSize;
    prompts.push({
      text,
      ids,
      greedy: g!.tokens,
      first_logits: Array.from(first.subarray((ids.length - 1) * V, ids.length * V)),
    });
  }
  cases.push({ gguf: a.path, quantization: a.quantization, max_new_tokens: maxNewTokens, prompts });
}
const casesPath = join(dir, 'cases.json');
await writeFile(casesPath, JSON.stringify({ cases }));
const run = spawnSync('python3', [join(dirname(import.meta.filename), 'llama-cpp-check.py'), casesPath], {
  stdio: 'inherit',
});
console.log(`files in ${dir}`);
process.exit(run.status ?? 1);
