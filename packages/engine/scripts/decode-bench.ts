/**
 * Continuous-batching decode speed: tokens/s of one batched decode step (every row a different
 * sequence at its own position, one forward pass) at batch 1, 4 and 16, then of whole BatchDecoder
 * runs (sampling and text included), on a randomly initialised preset. Figures, not assertions.
 *
 * Usage: node scripts/decode-bench.ts [preset] [--threads N] [--typescript]
 *   preset        a MODEL_PRESETS name (default distillery-mini)
 *   --threads     threads of the WebAssembly kernels (default: every core)
 *   --typescript  the single-threaded TypeScript backend instead
 */
import { availableParallelism } from 'node:os';
import type { Backend } from '../src/backends/backend.ts';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { WasmCpuBackend } from '../src/backends/cpu/wasm-cpu-backend.ts';
import { BatchDecoder } from '../src/generate/index.ts';
import { MODEL_PRESETS, type PresetName } from '../src/model/config.ts';
import { LlamaModel } from '../src/model/model.ts';
import type { Tokenizer } from '../src/tokenizer/tokenizer.ts';
import { Rng } from '../src/util/rng.ts';

const argv = process.argv.slice(2);
const preset = (argv.find((a) => !a.startsWith('--') && a in MODEL_PRESETS) ??
  'distillery-mini') as PresetName;
const threadsAt = argv.indexOf('--threads');
const threads = threadsAt >= 0 ? Number(argv[threadsAt + 1]) : availableParallelism();
const backend: Backend = argv.includes('--typescript')
  ? new CpuBackend()
  : (WasmCpuBackend.create({ threads }) ?? new CpuBackend());
const config = MODEL_PRESETS[preset];
const model = new LlamaModel(backend, config);
model.initialize(new Rng(1));
console.log(`${preset} (${(model.numParameters / 1e6).toFixed(1)} M parameters) on ${backend.device}`);

const CONTEXT = 128;
const STEPS = 50;
for (const batch of [1, 4, 16]) {
  const cache = model.createSlotCache(batch, CONTEXT, 64);
  const rng = new Rng(batch);
  // Rows at staggered positions (prompts of different lengths), each fed up to there first.
  const start = Array.from({ length: batch }, (_, b) => 16 + ((b * 7) % 48));
  for (let b = 0; b < batch; b++) {
    const tokens = Int32Array.from({ length: start[b]! }, () => rng.int(config.vocabSize));
    await model.decodeRows(
      cache,
      { tokens, slots: new Int32Array(start[b]!).fill(b), positions: Int32Array.from(tokens, (_, i) => i) },
      [],
    );
  }
  const all = Array.from({ length: batch }, (_, b) => b);
  const step = async (s: number) =>
    model.decodeRows(
      cache,
      {
        tokens: Int32Array.from(all, () => rng.int(config.vocabSize)),
        slots: Int32Array.from(all),
        positions: Int32Array.from(all, (b) => start[b]! + s),
      },
      all,
    );
  for (let s = 0; s < 5; s++) await step(s); // warm-up
  const t0 = performance.now();
  for (let s = 5; s < 5 + STEPS; s++) await step(s);
  const ms = (performance.now() - t0) / STEPS;
  console.log(
    `decode step, batch ${String(batch).padStart(2)}: ${ms.toFixed(2)} ms/step, ${((batch * 1000) / ms).toFixed(0)} tokens/s`,
  );
  model.freeSlotCache(cache);
}

// Every id of the preset's vocabulary decodes, so sampling runs over all of it as with a real tokenizer.
const tokenizer: Tokenizer = {
  vocabSize: config.vocabSize,
  encode: () => [],
  decode: (ids) => ids.map((id) => `t${id} `).join(''),
  bos: 0,
  eos: 1,
  pad: 2,
  sep: 3,
  toJSON: () => ({ type: 'byte-level-bpe', version: 1, merges: [], specialTokens: [] }),
};
for (const batch of [1, 4, 16]) {
  const decoder = new BatchDecoder(model, tokenizer, { maxBatch: batch, maxContext: CONTEXT });
  const rng = new Rng(7);
  // OpenAI's defaults. A random model's distribution is nearly flat, so a top_p below 1 would time
  // a nucleus of most of the vocabulary, which no trained model has.
  const params = { maxTokens: 64, temperature: 1, topP: 1, stopTokenIds: [], stop: [], topLogprobs: 0 };
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: batch }, (_, i) =>
      decoder.generate(
        Array.from({ length: 16 + i * 3 }, () => rng.int(config.vocabSize)),
        { ...params, seed: i },
      ),
    ),
  );
  const s = (performance.now() - t0) / 1000;
  const generated = results.reduce((n, r) => n + r.completionTokens, 0);
  console.log(
    `BatchDecoder, ${String(batch).padStart(2)} requests of 64 tokens: ${(generated / s).toFixed(0)} tokens/s ` +
      `(${decoder.stats.steps} steps, prefill included)`,
  );
  decoder.close();
}
backend.destroy();
