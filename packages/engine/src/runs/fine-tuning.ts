import { join } from 'node:path';
import { saveModel } from '../io/model-store.ts';
import { isPresetName, type ModelConfig, presetConfig } from '../model/config.ts';
import { LlamaModel } from '../model/model.ts';
import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { train } from '../training/trainer.ts';
import { Rng } from '../util/rng.ts';
import {
  type FineTuningConfig,
  type FineTuningConfigInput,
  type PromptRow,
  resolveFineTuningConfig,
} from './config.ts';
import type { RunOptions } from './context.ts';
import { ConfigError } from './errors.ts';
import { accuracy, answers, asTeacher, expectedAnswer, perplexity } from './evaluate.ts';
import { loadLocalModel, modelsDir } from './model-source.ts';
import { answerBudgetFor, encodeAll, openBackend, reportTraining, studentArchitecture } from './shared.ts';

export interface FineTuningRunOptions extends RunOptions {
  /** Training rows; each needs a `completion` or a `label`. */
  rows: PromptRow[];
  /** Held-out rows for validation accuracy (optional). */
  validationRows?: PromptRow[];
  /** Architecture tweaks on top of the preset (tests and demos use smaller shapes). */
  modelOverrides?: Partial<ModelConfig>;
  /** Tokenizer size when training from a preset; without one, the preset's, capped at 2048. */
  vocabSize?: number;
}

export interface FineTuningResult {
  model_id: string;
  model_dir: string;
  base_model: string;
  parameters: number;
  training_steps: number;
  resumed_from_step: number;
  final_loss: number;
  validation_accuracy: number | null;
  /** Mean log-loss per answer token of the validation rows (prompt masked, as in training). */
  validation_loss: number | null;
  tokens_per_second: number;
  wall_seconds: number;
}

/**
 * `fineTune` for library callers: fills the API's defaults and checks its bounds (both from the
 * spec) first, so a config may leave them out.
 */
export async function runFineTuning(
  input: FineTuningConfigInput,
  o: FineTuningRunOptions,
): Promise<FineTuningResult> {
  const config = resolveFineTuningConfig(input);
  return fineTune(config, input.vocab_size === undefined ? o : { ...o, vocabSize: input.vocab_size });
}

/**
 * Supervised fine-tuning: cross-entropy on completions (labels count as completions), prompt masked.
 * From a preset, a byte-level BPE tokenizer is trained on the rows first. The model is saved under
 * `<modelsDir>/<result_model>` and can then be a distillation teacher as `local/<result_model>`.
 * Every field of `config` is used as given: it was filled and checked where it came in.
 */
export async function fineTune(config: FineTuningConfig, o: FineTuningRunOptions): Promise<FineTuningResult> {
  const t0 = performance.now();
  const hp = config.hyperparameters;
  o.onLog?.(`running with ${JSON.stringify(config)}`);
  const pairs = o.rows.map((r, i) => {
    const completion = r.completion ?? r.label;
    if (typeof r.prompt !== 'string' || completion === undefined)
      throw new ConfigError(`rows[${i}]`, 'needs a prompt and a completion or label');
    return { prompt: r.prompt, completion };
  });
  if (pairs.length === 0) throw new ConfigError('training_dataset', 'has no rows');

  o.onPhase?.('initializing');
  const backend = await openBackend(config.backend, o);
  // The WebAssembly CPU backend holds threads and its memory until destroyed, failed runs included.
  try {
    let model: LlamaModel;
    let tokenizer: Tokenizer;
    if (config.base_model.startsWith('local/')) {
      const loaded = await loadLocalModel(config.base_model, o, backend);
      [model, tokenizer] = [loaded.model, loaded.tokenizer];
    } else {
      if (!isPresetName(config.base_model))
        throw new ConfigError('config.base_model', `unknown base model '${config.base_model}'`);
      const vocab = o.vocabSize ?? Math.min(2048, presetConfig(config.base_model).vocabSize);
      // A byte-level BPE needs its 256 bytes and special tokens before any merge.
      if (!Number.isInteger(vocab) || vocab < 260 || vocab > 65536)
        throw new ConfigError('vocab_size', 'must be an integer from 260 to 65536');
      tokenizer = BpeTokenizer.train(
        pairs.map((p) => `${p.prompt}\n${p.completion}`),
        { vocabSize: vocab },
      );
      model = new LlamaModel(
        backend,
        studentArchitecture(config.base_model, tokenizer.vocabSize, hp.seq_len, o.modelOverrides),
      );
      model.initialize(new Rng(hp.seed));
    }
    const answerBudget = answerBudgetFor(
      tokenizer,
      pairs.map((p) => p.completion),
    );
    const promptBudget = hp.seq_len - 2 - answerBudget;
    const examples = encodeAll(tokenizer, pairs, hp.seq_len, answerBudget);
    const steps = Math.max(1, Math.ceil((hp.epochs * pairs.length) / hp.batch_size));
    o.onLog?.(
      `fine-tuning ${config.base_model}: ${model.numParameters} parameters, ${pairs.length} rows, ${steps} steps`,
    );

    o.onPhase?.('training');
    const trained = await train(model, examples, {
      steps,
      batchSize: hp.batch_size,
      seqLen: hp.seq_len,
      learningRate: hp.learning_rate,
      warmupSteps: hp.warmup_steps,
      seed: hp.seed,
      padToken: tokenizer.pad,
      checkpointDir: join(o.dataDir, 'checkpoints', 'fine-tuning'),
      checkpointEvery: o.checkpointEvery,
      signal: o.signal,
      onStep: reportTraining(o, t0),
    });

    o.onPhase?.('evaluation');
    let validationAccuracy: number | null = null;
    let validationLoss: number | null = null;
    const validation = (o.validationRows ?? []).filter((r) => expectedAnswer(r) !== undefined);
    if (validation.length > 0) {
      const scored = { model, tokenizer, promptBudget, answerBudget };
      const asT = asTeacher('model', scored);
      const got = await answers(
        asT,
        validation.map((r) => r.prompt),
        answerBudget,
        o.signal,
      );
      validationAccuracy = accuracy(validation, got);
      const ppl = await perplexity(scored, validation, o.signal);
      validationLoss = ppl === null ? null : Math.log(ppl);
      o.onLog?.(
        `validation accuracy ${validationAccuracy?.toFixed(4)}, loss ${validationLoss?.toFixed(4)} on ${validation.length} rows`,
      );
    }

    o.onPhase?.('export');
    const modelId = config.result_model;
    // The id names a directory: nothing that could step out of the models directory.
    if (!/^[A-Za-z0-9._-]+$/.test(modelId))
      throw new ConfigError('config.result_model', 'may only contain letters, digits, . _ -');
    const dir = join(modelsDir(o), modelId);
    await saveModel(dir, model, tokenizer, {
      base_model: config.base_model,
      prompt_budget: promptBudget,
      answer_budget: answerBudget,
      seq_len: hp.seq_len,
      training_steps: steps,
      validation_accuracy: validationAccuracy,
    });
    const result: FineTuningResult = {
      model_id: modelId,
      model_dir: dir,
      base_model: config.base_model,
      parameters: model.numParameters,
      training_steps: steps,
      resumed_from_step: trained.resumedFrom,
      final_loss: trained.finalLoss,
      validation_accuracy: validationAccuracy,
      validation_loss: validationLoss,
      tokens_per_second: trained.tokensPerSecond,
      wall_seconds: (performance.now() - t0) / 1000,
    };
    model.destroy();
    o.onPhase?.('done');
    return result;
  } finally {
    backend.destroy();
  }
}
