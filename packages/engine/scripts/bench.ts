/**
 * Matmul GFLOP/s and training tokens/s per available backend and model preset.
 * Usage: npm run bench -w @distillery/engine [-- --all]   (--all adds distillery-small and -base)
 */
import {
  type Backend,
  createBackend,
  LlamaModel,
  MODEL_PRESETS,
  type PresetName,
  Rng,
} from '../src/index.ts';

const all = process.argv.includes('--all');
const presets: PresetName[] = all
  ? (Object.keys(MODEL_PRESETS) as PresetName[])
  : ['distillery-nano', 'distillery-micro', 'distillery-mini'];
const backends: Backend[] = [await createBackend('cpu')];
const gpu = await createBackend('webgpu').catch(() => null);
if (gpu) backends.push(gpu);

async function timeIt(run: () => Promise<void>, minSeconds = 1): Promise<number> {
  await run();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minSeconds * 1000) {
    await run();
    n++;
  }
  return (performance.now() - t0) / 1000 / n;
}

const matmulRows = [];
for (const be of backends) {
  for (const [N, C, OC] of [
    [256, 256, 256],
    [512, 512, 1408],
    [1024, 768, 768],
  ] as const) {
    const inp = be.alloc(N * C);
    const w = be.alloc(OC * C);
    const out = be.alloc(N * OC);
    const rng = new Rng(1);
    be.upload(
      inp,
      new Float32Array(N * C).map(() => rng.normal()),
    );
    be.upload(
      w,
      new Float32Array(OC * C).map(() => rng.normal()),
    );
    const fwd = await timeIt(async () => {
      be.matmulForward(out, inp, w, 0, N, C, OC);
      await be.sync();
    });
    matmulRows.push({
      backend: be.name,
      shape: `${N}×${C} · (${OC}×${C})ᵀ`,
      forward_gflops: ((2 * N * C * OC) / fwd / 1e9).toFixed(2),
    });
    for (const t of [inp, w, out]) be.free(t);
  }
}
console.log('matmul');
console.table(matmulRows);

const trainRows = [];
for (const be of backends) {
  for (const name of presets) {
    const config = MODEL_PRESETS[name];
    const model = new LlamaModel(be, config);
    model.initialize(new Rng(0));
    const [B, T] = [4, 64];
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
    const opt = { learningRate: 1e-4, weightDecay: 0.01, beta1: 0.9, beta2: 0.95, eps: 1e-8, gradClip: 1 };
    const step = await timeIt(async () => {
      await model.forwardBackward(batch, objective);
      await model.optimizerStep(opt);
    }, 2);
    trainRows.push({
      backend: be.name,
      preset: name,
      parameters: model.numParameters,
      batch: `${B}×${T}`,
      step_seconds: step.toFixed(3),
      tokens_per_second: Math.round((B * T) / step),
    });
    model.destroy();
  }
}
console.log('training (forward + backward + AdamW)');
console.table(trainRows);
for (const be of backends) be.destroy();
