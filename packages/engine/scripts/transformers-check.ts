/**
 * Benchmark, not CI: does Hugging Face transformers, loading our safetensors export, compute the
 * engine's logits? Needs `pip install torch transformers` (a CPU run; PyPI's default torch wheel is fine).
 *
 * Usage: node scripts/transformers-check.ts [--model DIR] [--tokens N]
 *   --model DIR  a saved engine model (io/model-store); default: two seeded models, the first
 *                distillery-nano-shaped (GQA, tied embeddings), the second with untied embeddings
 *                (so `lm_head.weight` is exported) and as many kv heads as heads. Weights are scaled
 *                up so logits have margins and greedy paths are meaningful.
 *   --tokens N   greedy continuation length (default 16).
 * Env PYTHON: the interpreter with torch and transformers (default python3).
 *
 * For each model it exports safetensors to a temporary folder, computes the engine's logits at every
 * position of a few token sequences (written as raw little-endian f32, [T, V] per sequence) and its
 * greedy continuations (through `generate`, i.e. the KV-cache path), and the engine tokenizer's ids for
 * a few strings; then transformers-check.py loads the folder offline and compares. Exit status 1 when a
 * sequence's logits differ by more than the bound there, a greedy token differs or the tokenizers
 * disagree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { exportModel } from '../src/export/export-model.ts';
import { loadModel } from '../src/io/model-store.ts';
import { generate } from '../src/model/generate.ts';
import { LlamaModel } from '../src/model/model.ts';
import { BpeTokenizer } from '../src/tokenizer/bpe-tokenizer.ts';
import type { Tokenizer } from '../src/tokenizer/tokenizer.ts';
import { Rng } from '../src/util/rng.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    tokens: { type: 'string', default: '16' },
  },
});
const maxNewTokens = Number(values.tokens);
const PROMPTS = [
  'Subject: cheap meds online, click here',
  'Hi team, the meeting moved to 3pm.',
  'hello world',
];
/** Strings for the tokenizer comparison (special tokens are split out, as both tokenizers do). */
const TEXTS = [
  ...PROMPTS,
  'The quick brown fox jumps over the lazy dog.',
  "  leading spaces, tabs\tand\nnewlines; it's 2024-05-01!",
  'naïve café — ünïcödé 漢字 🙂',
  '<|bos|>question<|sep|>answer<|eos|>',
  '',
];

async function seeded(tokenizer: BpeTokenizer, tie: boolean, nKvHeads: number, seed: number) {
  const model = new LlamaModel(new CpuBackend(), {
    vocabSize: tokenizer.vocabSize,
    dim: 64,
    nLayers: 2,
    nHeads: 4,
    nKvHeads,
    hiddenDim: 160,
    maxSeqLen: 128,
    ropeTheta: 10000,
    normEps: 1e-5,
    tieEmbeddings: tie,
  });
  model.initialize(new Rng(seed));
  const w = await model.getWeights();
  for (let i = 0; i < w.length; i++) w[i] = w[i]! * 4;
  model.setWeights(w);
  return model;
}

const models: { name: string; model: LlamaModel; tokenizer: Tokenizer }[] = [];
if (values.model) {
  const { model, tokenizer } = await loadModel(values.model, new CpuBackend());
  models.push({ name: values.model, model, tokenizer });
} else {
  const tokenizer = BpeTokenizer.train(
    [PROMPTS.join(' ').repeat(3), 'the quick brown fox jumps over the lazy dog'],
    { vocabSize: 320 },
  );
  models.push({ name: 'seeded tied gqa', model: await seeded(tokenizer, true, 2, 1), tokenizer });
  models.push({ name: 'seeded untied mha', model: await seeded(tokenizer, false, 4, 2), tokenizer });
}

const root = await mkdtemp(join(tmpdir(), 'distillery-transformers-'));
const cases = [];
for (const [m, { name, model, tokenizer }] of models.entries()) {
  const dir = join(root, `model-${m}`);
  await exportModel(model, tokenizer, { dir, formats: ['safetensors'] });
  const V = model.config.vocabSize;
  const sequences = PROMPTS.map((t) => tokenizer.encode(t, false));
  // With a bos, and long (up to 96 positions, so RoPE turns the slow pairs too), within maxSeqLen.
  const long = [tokenizer.bos, ...tokenizer.encode([...PROMPTS, ...TEXTS, ...PROMPTS].join(' '), false)];
  sequences.push(long.slice(0, Math.min(96, model.config.maxSeqLen - maxNewTokens)));
  const seqs = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const ids of sequences) {
    const logits = await model.logits(Int32Array.from(ids), 1, ids.length);
    const [g] = await generate(model, [ids], { maxNewTokens, temperature: 0, rng: new Rng(0) });
    chunks.push(logits.slice(0, ids.length * V));
    seqs.push({ ids, greedy: g!.tokens, logits_offset: offset, length: ids.length });
    offset += ids.length * V;
  }
  const all = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  const logitsPath = join(root, `logits-${m}.f32`);
  await writeFile(logitsPath, new Uint8Array(all.buffer));
  cases.push({
    name,
    dir,
    vocab_size: V,
    logits_path: logitsPath,
    sequences: seqs,
    texts: TEXTS.map((text) => ({ text, ids: tokenizer.encode(text) })),
  });
}
const casesPath = join(root, 'cases.json');
await writeFile(casesPath, JSON.stringify({ cases }));
const python = process.env.PYTHON ?? 'python3';
const run = spawnSync(python, [join(dirname(import.meta.filename), 'transformers-check.py'), casesPath], {
  stdio: 'inherit',
  env: { ...process.env, HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1' },
});
if (run.error) console.error(`could not run ${python}: ${run.error.message}`);
console.log(`files in ${root}`);
process.exit(run.status ?? 1);
