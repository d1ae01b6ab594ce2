import type { Backend } from '../backends/backend.ts';
import { type BackendKind, createBackend } from '../backends/index.ts';
import { type ModelConfig, presetConfig } from '../model/config.ts';
import type { LlamaModel } from '../model/model.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { type EncodedExample, encodeExample } from '../training/sequences.ts';
import type { TrainStepReport } from '../training/trainer.ts';
import type { RunOptions } from './context.ts';

export async function openBackend(kind: BackendKind, o: RunOptions): Promise<Backend> {
  const backend = await createBackend(kind);
  o.onLog?.(`backend: ${backend.name} (${backend.device})`);
  return backend;
}

/** A preset's architecture sized to a tokenizer and a sequence length. */
export function studentArchitecture(
  preset: string,
  vocabSize: number,
  seqLen: number,
  overrides: Partial<ModelConfig> = {},
): ModelConfig {
  const base = presetConfig(preset);
  return presetConfig(preset, { ...overrides, vocabSize, maxSeqLen: Math.max(base.maxSeqLen, seqLen) });
}

/** Tokens a completion may take (eos included): the longest one seen plus eos, capped at 32. */
export function answerBudgetFor(tok: Tokenizer, completions: string[]): number {
  let longest = 1;
  for (const c of completions) longest = Math.max(longest, tok.encode(c, false).length);
  return Math.min(32, longest + 1);
}

export function encodeAll(
  tok: Tokenizer,
  pairs: { prompt: string; completion: string }[],
  seqLen: number,
  answerBudget: number,
): EncodedExample[] {
  return pairs.map((p) => encodeExample(tok, p.prompt, p.completion, seqLen, answerBudget));
}

/** Forwards trainer reports to the run's progress and metric callbacks. */
export function reportTraining(o: RunOptions, t0: number): (r: TrainStepReport) => void {
  return (r) => {
    const elapsed = (performance.now() - t0) / 1000;
    o.onMetric?.({
      step: r.step,
      loss: r.loss,
      ce_loss: r.ce,
      kd_loss: r.kd,
      learning_rate: r.learningRate,
      grad_norm: r.gradNorm,
      tokens_per_second: r.tokensPerSecond,
    });
    o.onProgress?.({
      training_step: r.step,
      training_steps_total: r.steps,
      loss: r.loss,
      eta_seconds: Math.round((elapsed / r.step) * (r.steps - r.step)),
    });
    if (r.step === 1 || r.step % 25 === 0 || r.step === r.steps) {
      o.onLog?.(
        `step ${r.step}/${r.steps} loss ${r.loss.toFixed(4)} lr ${r.learningRate.toExponential(2)} ${Math.round(r.tokensPerSecond)} tok/s`,
      );
    }
  };
}

export function disposeModel(m: LlamaModel | null | undefined): void {
  m?.destroy();
}
