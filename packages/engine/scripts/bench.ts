/**
 * The engine's speed beside the peers a user would pick instead, measured in one run on this machine:
 * matmul GFLOP/s against numpy (OpenBLAS) on the same shapes and thread count, and training tokens/s
 * (forward + backward + AdamW, fp32) against PyTorch CPU eager on the same Llama config and batch.
 * The peers run through scripts/bench-peers.py with `DISTILLERY_BENCH_PYTHON` (default python3); a
 * peer that is not installed is reported as skipped, and the engine's own figures always print.
 *
 * Usage: npm run bench -w @distillery/engine [-- --all] [-- --threads N] [-- --webgpu]
 *   --all      adds distillery-small to the training presets
 *   --threads  threads for the WebAssembly kernels and the peers (default: every core)
 *   --webgpu   also a software WebGPU adapter (llvmpipe); a hardware adapter is always benchmarked
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createWebGpuBackend } from '../src/backends/webgpu/select.ts';
import {
  type Backend,
  CpuBackend,
  LlamaModel,
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

interface Peers {
  matmul: { shape: number[]; gflops: number }[] | { skipped: string };
  train: { preset: string; tokens_per_second: number }[] | { skipped: string };
}

function runPeers(): Peers {
  const python = process.env.DISTILLERY_BENCH_PYTHON ?? 'python3';
  const request = {
    threads,
    matmul: shapes,
    train: presets.map((preset) => ({ preset, config: MODEL_PRESETS[preset], batch: [B, T], optimizer })),
  };
  const script = fileURLToPath(new URL('./bench-peers.py', import.meta.url));
  const run = spawnSync(python, [script, JSON.stringify(request)], { encoding: 'utf8' });
  if (run.status !== 0) {
    const why = `${python} ${script} failed: ${run.error?.message ?? run.stderr.trim().split('\n').pop()}`;
    return { matmul: { skipped: why }, train: { skipped: why } };
  }
  return JSON.parse(run.stdout) as Peers;
}

const ours = {
  matmul: [] as { label: string; shape: string; gflops: number }[],
  train: [] as { label: string; preset: PresetName; tokensPerSecond: number; parameters: number }[],
};
for (const { label, backend } of backends) {
  for (const shape of shapes)
    ours.matmul.push({ label, shape: shape.join('×'), gflops: await matmulGflops(backend, shape) });
  // The TypeScript oracle trains at a few dozen tokens/s: its figure is the baseline, on micro only.
  for (const preset of backend instanceof WasmCpuBackend || backend === gpu ? presets : presets.slice(0, 1))
    ours.train.push({ label, preset, ...(await trainTokensPerSecond(backend, preset)) });
}
const peers = runPeers();

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
for (const { backend } of backends) backend.destroy();
