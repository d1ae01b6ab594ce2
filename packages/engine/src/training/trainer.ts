import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesF32, f32Bytes, writeFileAtomic } from '../io/model-store.ts';
import type { LlamaModel, Objective, OptimizerSettings } from '../model/model.ts';
import { learningRateAt } from '../model/schedule.ts';
import { BatchOrder, type EncodedExample, packBatch } from './sequences.ts';

export interface TrainOptions {
  steps: number;
  batchSize: number;
  seqLen: number;
  learningRate: number;
  warmupSteps: number;
  weightDecay?: number;
  gradClip?: number;
  objective?: Objective;
  seed: number;
  padToken: number;
  /** Directory for periodic checkpoints; training resumes from the one there when it matches. */
  checkpointDir?: string;
  checkpointEvery?: number;
  signal?: AbortSignal;
  onStep?: (s: TrainStepReport) => void | Promise<void>;
}

export interface TrainStepReport {
  step: number;
  steps: number;
  loss: number;
  ce: number;
  kd: number;
  gradNorm: number;
  learningRate: number;
  tokensPerSecond: number;
}

export interface TrainResult {
  steps: number;
  resumedFrom: number;
  finalLoss: number;
  tokensPerSecond: number;
}

interface CheckpointState {
  fingerprint: string;
  step: number;
  /** Examples consumed so far (the data position). */
  dataPosition: number;
  seed: number;
  lastLoss: number;
}

const SFT: Objective = { kdWeight: 0, kdTemperature: 1, bondBeta: 1, bondGamma: 0 };

/**
 * Trains `model` on `examples` for `steps` AdamW steps with warm-up + cosine learning rate. Batches
 * are a pure function of (seed, step), so a checkpoint only needs weights, optimizer moments and the
 * step: resuming reproduces an uninterrupted run exactly on the CPU backend.
 */
export async function train(
  model: LlamaModel,
  examples: EncodedExample[],
  o: TrainOptions,
): Promise<TrainResult> {
  const objective = o.objective ?? SFT;
  const V = model.config.vocabSize;
  const order = new BatchOrder(examples.length, o.batchSize, o.seed);
  const withTeacher =
    objective.kdWeight > 0 || objective.bondGamma > 0 ? examples.some((e) => e.teacherLogits) : false;
  const opt: OptimizerSettings = {
    learningRate: o.learningRate,
    weightDecay: o.weightDecay ?? 0.01,
    beta1: 0.9,
    beta2: 0.95,
    eps: 1e-8,
    gradClip: o.gradClip ?? 1,
  };
  const fingerprint = JSON.stringify([
    o.steps,
    o.batchSize,
    o.seqLen,
    o.learningRate,
    o.seed,
    examples.length,
    model.numParameters,
  ]);
  let start = 0;
  let lastLoss = Number.NaN;
  if (o.checkpointDir) {
    const resumed = await loadCheckpoint(model, o.checkpointDir, fingerprint);
    if (resumed) [start, lastLoss] = [resumed.step, resumed.lastLoss];
  }
  const every = o.checkpointEvery ?? 50;
  let tokens = 0;
  const t0 = performance.now();
  for (let step = start; step < o.steps; step++) {
    o.signal?.throwIfAborted();
    const picked = order.indices(step).map((i) => examples[i]!);
    const T = Math.min(o.seqLen, Math.max(...picked.map((e) => e.tokens.length - 1)));
    const batch = packBatch(picked, T, o.padToken, V, withTeacher);
    const lr = learningRateAt(step, o.steps, o.learningRate, o.warmupSteps);
    const stats = await model.forwardBackward(
      withTeacher ? { ...batch } : { ...batch, teacherLogits: undefined },
      objective,
    );
    const gradNorm = await model.optimizerStep({ ...opt, learningRate: lr });
    tokens += batch.B * T;
    lastLoss = stats.loss;
    const report: TrainStepReport = {
      step: step + 1,
      steps: o.steps,
      ...stats,
      gradNorm,
      learningRate: lr,
      tokensPerSecond: tokens / ((performance.now() - t0) / 1000),
    };
    if (o.checkpointDir && ((step + 1) % every === 0 || step + 1 === o.steps)) {
      await saveCheckpoint(model, o.checkpointDir, {
        fingerprint,
        step: step + 1,
        dataPosition: (step + 1) * o.batchSize,
        seed: o.seed,
        lastLoss,
      });
    }
    await o.onStep?.(report);
  }
  return {
    steps: o.steps,
    resumedFrom: start,
    finalLoss: lastLoss,
    tokensPerSecond: tokens / Math.max((performance.now() - t0) / 1000, 1e-9),
  };
}

async function saveCheckpoint(model: LlamaModel, dir: string, state: CheckpointState): Promise<void> {
  await mkdir(dir, { recursive: true });
  const [m, v] = await model.getOptimizerState();
  const w = await model.getWeights();
  const all = new Float32Array(w.length * 3);
  all.set(w, 0);
  all.set(m, w.length);
  all.set(v, 2 * w.length);
  await writeFileAtomic(join(dir, 'checkpoint.bin'), f32Bytes(all));
  await writeFileAtomic(join(dir, 'checkpoint.json'), JSON.stringify({ ...state, adamStep: model.step }));
}

async function loadCheckpoint(
  model: LlamaModel,
  dir: string,
  fingerprint: string,
): Promise<CheckpointState | null> {
  let state: CheckpointState & { adamStep: number };
  try {
    state = JSON.parse(await readFile(join(dir, 'checkpoint.json'), 'utf8'));
  } catch {
    return null;
  }
  if (state.fingerprint !== fingerprint) return null;
  const bytes = new Uint8Array(await readFile(join(dir, 'checkpoint.bin')));
  const n = model.numParameters;
  if (bytes.byteLength !== n * 12) return null;
  model.setWeights(bytesF32(bytes, 0, n));
  model.setOptimizerState(bytesF32(bytes, n, n), bytesF32(bytes, 2 * n, n), state.adamStep);
  return state;
}
