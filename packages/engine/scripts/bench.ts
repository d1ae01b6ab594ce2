/**
 * The engine's speed beside the peers a user would pick instead, measured in one run on this machine:
 * matmul GFLOP/s against numpy (OpenBLAS) on the same shapes and thread count, training tokens/s
 * (forward + backward + AdamW, fp32) against PyTorch CPU eager on the same Llama config and batch,
 * and greedy decoding tokens/s at batch 1 against llama.cpp (llama-cpp-python) on the same f32 GGUF,
 * which the engine exports from the model it decodes with.
 * The peers run through scripts/bench-peers.py with `DISTILLERY_BENCH_PYTHON` (default python3); a
 * peer that is not installed is reported as skipped, and the engine's own figures always print.
 *
 * Usage: npm run bench -w @distillery/engine [-- --all] [-- --threads N] [-- --webgpu]
 *   --all      adds distillery-small to the training presets
 *   --threads  threads for the WebAssembly kernels and the peers (default: every core)
 *   --webgpu   also a software WebGPU adapter (llvmpipe); a hardware adapter is always benchmarked
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWebGpuBackend } from '../src/backends/webgpu/select.ts';
import { exportModel } from '../src/export/export-model.ts';
import {
  type Backend,
  BpeTokenizer,
  CpuBackend,
  generate,
  LlamaModel,
  loadSpamAssassin,
  MODEL_PRESETS,
  type PresetName,
  Rng,
  WasmCpuBackend,
} from '../src/index.ts';

const argv = process.argv.slice(2);
const all = argv.includes('--all');
const threadsAt = argv.indexOf('--threads');
const threads = threadsAt >= 0 ? Number(argv[threadsAt + 1]) : availableParallelism();
if (!Number.isInteger(threads) || threads < 1) {
  console.error('bench: --threads takes a whole number of threads, at least 1');
  process.exit(2);
}
const presets: PresetName[] = [
  'distillery-micro',
  'distillery-mini',
  ...(all ? ['distillery-small' as const] : []),
];
const shapes = [
  [256, 256, 256],
  [512, 512, 1408],
  [1024, 768, 768],
] as const;
const [B, T] = [4, 64];
const DECODE_TOKENS = 128;
const optimizer = { learningRate: 1e-4, weightDecay: 0.01, beta1: 0.9, beta2: 0.95, eps: 1e-8, gradClip: 1 };

const wasm = WasmCpuBackend.create({ threads });
if (!wasm)
  console.warn('bench: this Node has no WebAssembly SIMD with shared memory; the TypeScript kernels only');
const backends: { label: string; backend: Backend }[] = [
  ...(wasm ? [{ label: `cpu wasm ×${threads}`, backend: wasm }] : []),
  { label: 'cpu typescript ×1', backend: new CpuBackend() },
];
const gpu = await createWebGpuBackend({ allowSoftwareAdapter: argv.includes('--webgpu') }).catch(() => null);
if (gpu) backends.push({ label: `webgpu (${gpu.device})`, backend: gpu });

async function timeIt(run: () => Promise<void>, minSeconds: number): Promise<number> {
  await run();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minSeconds * 1000) {
    await run();
    n++;
  }
  return (performance.now() - t0) / 1000 / n;
}

function randomTensor(be: Backend, n: number, rng: Rng) {
  const t = be.alloc(n);
  be.upload(
    t,
    new Float32Array(n).map(() => rng.normal()),
  );
  return t;
}

async function matmulGflops(be: Backend, [N, C, OC]: readonly [number, number, number]): Promise<number> {
  const rng = new Rng(1);
  const [inp, w, out] = [randomTensor(be, N * C, rng), randomTensor(be, OC * C, rng), be.alloc(N * OC)];
  const seconds = await timeIt(async () => {
    be.matmulForward(out, inp, w, 0, N, C, OC);
    await be.sync();
  }, 1);
  for (const t of [inp, w, out]) be.free(t);
  return (2 * N * C * OC) / seconds / 1e9;
}

async function trainTokensPerSecond(be: Backend, preset: PresetName) {
  const config = MODEL_PRESETS[preset];
  const model = new LlamaModel(be, config);
  model.initialize(new Rng(0));
  const rng = new Rng(2);
  const tokens = new Int32Array(B * T).map(() => rng.int(config.vocabSize));
  const batch = {
    B,
    T,
    tokens,
    targets: tokens.map((x) => (x + 1) % config.vocabSize),
    weights: new Float32Array(B * T).fill(1),
  };
  const objective = { kdWeight: 0, kdTemperature: 1, bondBeta: 1, bondGamma: 0 };
  const seconds = await timeIt(async () => {
    await model.forwardBackward(batch, objective);
    await model.optimizerStep(optimizer);
  }, 2);
  const parameters = model.numParameters;
  model.destroy();
  return { tokensPerSecond: (B * T) / seconds, parameters };
}

/**
 * Greedy tokens/s at batch 1 after a short prompt, on a model of the preset's shape with a tokenizer
 * trained on SpamAssassin mail (its vocabulary, not the preset's, sizes the head); the model is also
 * exported as an f32 GGUF for llama.cpp to decode.
 */
async function decodeTokensPerSecond(be: Backend, preset: PresetName, tokenizer: BpeTokenizer, dir: string) {
  const model = new LlamaModel(be, { ...MODEL_PRESETS[preset], vocabSize: tokenizer.vocabSize });
  model.initialize(new Rng(0));
  const prompt = tokenizer.encode('Subject: your account statement is ready', false);
  const options = { maxNewTokens: DECODE_TOKENS, temperature: 0, rng: new Rng(0) };
  await generate(model, [prompt], { ...options, maxNewTokens: 8 });
  const t0 = performance.now();
  const [generation] = await generate(model, [prompt], options);
  const seconds = (performance.now() - t0) / 1000;
  const [gguf] = await exportModel(model, tokenizer, {
    dir: join(dir, preset),
    formats: ['gguf'],
    quantizationTypes: ['f32'],
  });
  model.destroy();
  return { tokensPerSecond: generation!.tokens.length / seconds, gguf: gguf!.path, prompt };
}

interface Peers {
  matmul: { shape: number[]; gflops: number }[] | { skipped: string };
  train: { preset: string; tokens_per_second: number }[] | { skipped: string };
  decode: { preset: string; tokens_per_second: number }[] | { skipped: string };
}

function runPeers(decode: { preset: PresetName; gguf: string; prompt: number[] }[]): Peers {
  const python = process.env.DISTILLERY_BENCH_PYTHON ?? 'python3';
  const request = {
    threads,
    matmul: shapes,
    train: presets.map((preset) => ({ preset, config: MODEL_PRESETS[preset], batch: [B, T], optimizer })),
    decode: decode.map((d) => ({ ...d, tokens: DECODE_TOKENS })),
  };
  const script = fileURLToPath(new URL('./bench-peers.py', import.meta.url));
  const run = spawnSync(python, [script, JSON.stringify(request)], { encoding: 'utf8' });
  if (run.status !== 0) {
    const why = `${python} ${script} failed: ${run.error?.message ?? run.stderr.trim().split('\n').pop()}`;
    return { matmul: { skipped: why }, train: { skipped: why }, decode: { skipped: why } };
  }
  return JSON.parse(run.stdout) as Peers;
}

const ours = {
  matmul: [] as { label: string; shape: string; gflops: number }[],
  train: [] as { label: string; preset: PresetName; tokensPerSecond: number; parameters: number }[],
  decode: [] as {
    label: string;
    preset: PresetName;
    tokensPerSecond: number;
    gguf: string;
    prompt: number[];
  }[],
};
const tokenizer = BpeTokenizer.train(
  loadSpamAssassin({ limit: { labelled: 300, unlabelled: 0, test: 0 } }).labelled.map((row) => row.prompt),
  { vocabSize: 2048 },
);
const ggufDir = await mkdtemp(join(tmpdir(), 'distillery-bench-'));
for (const { label, backend } of backends) {
  for (const shape of shapes)
    ours.matmul.push({ label, shape: shape.join('×'), gflops: await matmulGflops(backend, shape) });
  // The TypeScript oracle trains at a few dozen tokens/s: its figure is the baseline, on micro only.
  for (const preset of backend instanceof WasmCpuBackend || backend === gpu ? presets : presets.slice(0, 1))
    ours.train.push({ label, preset, ...(await trainTokensPerSecond(backend, preset)) });
  if (backend instanceof WasmCpuBackend || backend === gpu)
    for (const preset of presets)
      ours.decode.push({
        label,
        preset,
        ...(await decodeTokensPerSecond(backend, preset, tokenizer, ggufDir)),
      });
}
const firstDecodes = ours.decode.filter((d) => d.label === ours.decode[0]?.label);
const peers = runPeers(firstDecodes);
await rm(ggufDir, { recursive: true, force: true });

const fixed = (x: number | undefined, digits: number) => (x === undefined ? '—' : x.toFixed(digits));
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '—');

console.log(`\nmatmul out[N, OC] = inp[N, C] · W[OC, C]ᵀ, f32, ${threads} thread(s) where a backend threads`);
if ('skipped' in peers.matmul) console.log(`numpy skipped: ${peers.matmul.skipped}`);
const numpy = 'skipped' in peers.matmul ? [] : peers.matmul;
console.table(
  ours.matmul.map(({ label, shape, gflops }) => {
    const peer = numpy.find((p) => p.shape.join('×') === shape)?.gflops;
    return {
      backend: label,
      'N×C×OC': shape,
      gflops: fixed(gflops, 1),
      numpy_gflops: fixed(peer, 1),
      vs_numpy: ratio(gflops, peer),
    };
  }),
);

console.log(`\ntraining step (forward + backward + AdamW), batch ${B}×${T}, f32`);
if ('skipped' in peers.train) console.log(`PyTorch skipped: ${peers.train.skipped}`);
const torch = 'skipped' in peers.train ? [] : peers.train;
console.table(
  ours.train.map(({ label, preset, tokensPerSecond, parameters }) => {
    const peer = torch.find((p) => p.preset === preset)?.tokens_per_second;
    return {
      backend: label,
      preset,
      parameters,
      tokens_per_second: fixed(tokensPerSecond, 0),
      pytorch_tokens_per_second: fixed(peer, 0),
      vs_pytorch: ratio(tokensPerSecond, peer),
    };
  }),
);
console.log(`\ngreedy decoding at batch 1, ${DECODE_TOKENS} tokens, f32, vocabulary ${tokenizer.vocabSize}`);
if ('skipped' in peers.decode) console.log(`llama.cpp skipped: ${peers.decode.skipped}`);
const llamaCpp = 'skipped' in peers.decode ? [] : peers.decode;
console.table(
  ours.decode.map(({ label, preset, tokensPerSecond }) => {
    const peer = llamaCpp.find((p) => p.preset === preset)?.tokens_per_second;
    return {
      backend: label,
      preset,
      tokens_per_second: fixed(tokensPerSecond, 0),
      llama_cpp_tokens_per_second: fixed(peer, 0),
      vs_llama_cpp: ratio(tokensPerSecond, peer),
    };
  }),
);
for (const { backend } of backends) backend.destroy();
