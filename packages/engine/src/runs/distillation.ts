import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import { type ArtifactEntry, exportModel } from '../export/export-model.ts';
import { saveModel, writeFileAtomic } from '../io/model-store.ts';
import type { ModelConfig } from '../model/config.ts';
import type { LlamaModel } from '../model/model.ts';
import { bestOfN, type Curated, type Scorer } from '../training/curation.ts';
import { type EncodedExample, packBatch } from '../training/sequences.ts';
import {
  localTeacher,
  type OpenAiTeacherOptions,
  openAiTeacher,
  type Teacher,
} from '../training/teachers.ts';
import { train } from '../training/trainer.ts';
import { Rng } from '../util/rng.ts';
import {
  type DistillationConfig,
  type DistillationConfigInput,
  type PromptRow,
  resolveDistillationConfig,
} from './config.ts';
import type { RunOptions } from './context.ts';
import { ConfigError, EngineError } from './errors.ts';
import {
  accuracy,
  agreement,
  answers,
  asTeacher,
  deltaInterval,
  expectedAnswer,
  perplexity,
  smallestModelFile,
  splitRows,
} from './evaluate.ts';
import { asLocalTeacherModel, loadLocalModel } from './model-source.ts';
import { answerBudgetFor, encodeAll, openBackend, reportTraining } from './shared.ts';
import { checkStudentConfig, type DistillationMode, openStudent, type PruningReport } from './student.ts';

export interface DistillationRunOptions extends RunOptions {
  /** Prompt rows; labels/completions are never shown to the student, only used for evaluation. */
  rows: PromptRow[];
  /** Held-out rows; default: `eval_split` of `rows`. */
  evalRows?: PromptRow[];
  /** Endpoint for `openai/<model>` teachers. */
  openai?: OpenAiTeacherOptions;
  /** Best-of-N scorer (default: self-consistency, then teacher log-probability). */
  scorer?: Scorer;
  /** Architecture tweaks on top of the student preset. */
  studentOverrides?: Partial<ModelConfig>;
  /** Tokenizer size for text-only teachers (default 1024). */
  vocabSize?: number;
}

export interface DistillationResult {
  teacher_model: string;
  student_model: string;
  student_model_dir: string;
  teacher_accuracy: number | null;
  student_accuracy: number | null;
  accuracy_delta: number | null;
  /** 95% interval of the delta over the paired held-out rows. */
  accuracy_delta_ci95: [number, number] | null;
  agreement_rate: number | null;
  /** Perplexity of the held-out answers (local teachers only: a hosted one gives no log-probabilities). */
  teacher_perplexity: number | null;
  student_perplexity: number | null;
  /** Teacher parameters over student parameters. */
  compression_ratio: number | null;
  teacher_parameters: number | null;
  student_parameters: number;
  /** Teacher's stored weights over the smallest exported student file, in bytes. */
  size_compression_ratio: number | null;
  teacher_size_bytes: number | null;
  student_size_bytes: number | null;
  /** Whether any held-out row had an answer to score; without one there is no accuracy to gate on. */
  evaluated: boolean;
  /** False when not evaluated: nothing shows the student kept the teacher's accuracy. */
  threshold_passed: boolean;
  prompts_used: number;
  curated_examples: number;
  eval_rows: number;
  training_steps: number;
  resumed_from_step: number;
  final_loss: number;
  tokens_per_second: number;
  logit_distillation: boolean;
  distillation_mode: DistillationMode;
  /** How an `auto` student was pruned from its teacher. */
  pruning?: PruningReport;
  wall_seconds: number;
  /** Exported files (safetensors, tokenizer, config, GGUF per quantization type) with their sha256. */
  artifacts: ArtifactEntry[];
}

/**
 * `distil` for library callers: fills the API's defaults and checks its bounds (both from the spec)
 * first, so a config may leave them out.
 */
export async function runDistillation(
  input: DistillationConfigInput,
  o: DistillationRunOptions,
): Promise<DistillationResult> {
  return distil(resolveDistillationConfig(input), o);
}

/**
 * The distillation pipeline: the teacher samples `n_samples` completions per prompt, best-of-N
 * curation keeps one per prompt, and the student trains on the curated completions with
 * (1 − kd_weight)·CE + kd_weight·T²·[β·KL(q‖p) + (1−β)·KL(p‖q)] + γ·KL(p‖q)|T=1 where q is the
 * teacher's distribution (local teachers only; text-only teachers give sequence-level distillation).
 * Then both are evaluated on held-out rows. Generation results and training checkpoints are kept
 * under `dataDir`, so a restarted run resumes where it stopped. Every field of `c` is used as given:
 * it was filled and checked where it came in.
 */
export async function distil(c: DistillationConfig, o: DistillationRunOptions): Promise<DistillationResult> {
  const t0 = performance.now();
  o.onLog?.(`running with ${JSON.stringify(c)}`);
  checkStudentConfig(c);
  o.onPhase?.('initializing');
  await mkdir(o.dataDir, { recursive: true });
  const backend = await openBackend(c.backend, o);
  const rng = new Rng(c.seed);
  let student: LlamaModel | null = null;
  let teacher: Teacher | null = null;
  try {
    teacher = await openTeacher(c.teacher_model, o, backend, rng);
    const split = o.evalRows ? { train: o.rows, held: o.evalRows } : splitRows(o.rows, c.eval_split, c.seed);
    // Without a cap (`num_prompts` undefined) the slice keeps every row.
    const prompts = split.train.slice(0, c.num_prompts).map((r) => r.prompt);
    if (prompts.length === 0) throw new Error('distillation needs at least one training prompt (rows)');
    const evalRows = split.held.filter((r) => expectedAnswer(r) !== undefined);

    const maxTokens = teacher.local?.answerBudget ?? 64;
    const curated = await generateAndCurate(teacher, prompts, c.n_samples, c.temperature, maxTokens, o);

    o.onPhase?.('training');
    const opened = await openStudent(c, teacher, curated, o, backend);
    student = opened.model;
    const tokenizer = opened.tokenizer;
    const answerBudget =
      (opened.mode === 'logit' ? teacher.local?.answerBudget : undefined) ??
      answerBudgetFor(
        tokenizer,
        curated.map((x) => x.completion),
      );
    const promptBudget = c.seq_len - 2 - answerBudget;
    const examples = encodeAll(tokenizer, curated, c.seq_len, answerBudget);
    const logitKd = opened.mode === 'logit' && (c.kd_weight > 0 || c.bond_gamma > 0);
    if (logitKd)
      await attachTeacherLogits(teacher.local!.model, examples, c.seq_len, tokenizer.pad, o.signal);
    o.onLog?.(
      `student ${c.student_model}: ${student.numParameters} parameters; ${examples.length} curated examples; ${opened.mode}-level distillation${logitKd ? '' : ' (no logit KD)'}`,
    );
    const trained = await train(student, examples, {
      steps: c.training_steps,
      batchSize: c.batch_size,
      seqLen: c.seq_len,
      learningRate: c.learning_rate,
      warmupSteps: Math.min(100, Math.ceil(c.training_steps / 10)),
      seed: c.seed,
      padToken: tokenizer.pad,
      objective: logitKd
        ? {
            kdWeight: c.kd_weight,
            kdTemperature: c.kd_temperature,
            bondBeta: c.bond_beta,
            bondGamma: c.bond_gamma,
          }
        : undefined,
      checkpointDir: join(o.dataDir, 'checkpoints', 'distillation'),
      checkpointEvery: o.checkpointEvery,
      signal: o.signal,
      onStep: reportTraining(o, t0),
    });

    o.onPhase?.('evaluation');
    const studentAsTeacher = asTeacher('student', { model: student, tokenizer, promptBudget, answerBudget });
    const evalPrompts = evalRows.map((r) => r.prompt);
    const teacherAnswers = evalRows.length ? await answers(teacher, evalPrompts, maxTokens, o.signal) : [];
    const studentAnswers = evalRows.length
      ? await answers(studentAsTeacher, evalPrompts, answerBudget, o.signal)
      : [];
    const teacherAccuracy = accuracy(evalRows, teacherAnswers);
    const studentAccuracy = accuracy(evalRows, studentAnswers);
    const delta =
      teacherAccuracy === null || studentAccuracy === null ? null : studentAccuracy - teacherAccuracy;
    const teacherPerplexity = teacher.local ? await perplexity(teacher.local, evalRows, o.signal) : null;
    const studentPerplexity = await perplexity(studentAsTeacher.local!, evalRows, o.signal);

    o.onPhase?.('export');
    const studentDir = join(o.dataDir, 'student');
    await saveModel(studentDir, student, tokenizer, {
      teacher_model: c.teacher_model,
      student_model: c.student_model,
      prompt_budget: promptBudget,
      answer_budget: answerBudget,
      seq_len: c.seq_len,
    });
    const artifacts = await exportModel(student, tokenizer, {
      dir: join(o.dataDir, 'export'),
      formats: c.export_gguf ? c.output_formats : c.output_formats.filter((f) => f !== 'gguf'),
      quantizationTypes: c.quantization_types,
      name: c.student_model,
    });
    const teacherBytes = teacher.local?.weightsBytes ?? null;
    const studentBytes = smallestModelFile(artifacts)?.size_bytes ?? null;
    const result: DistillationResult = {
      teacher_model: c.teacher_model,
      student_model: c.student_model,
      student_model_dir: studentDir,
      teacher_accuracy: teacherAccuracy,
      student_accuracy: studentAccuracy,
      accuracy_delta: delta,
      accuracy_delta_ci95: deltaInterval(evalRows, studentAnswers, teacherAnswers),
      agreement_rate: agreement(studentAnswers, teacherAnswers),
      teacher_perplexity: teacherPerplexity,
      student_perplexity: studentPerplexity,
      compression_ratio: teacher.parameters === null ? null : teacher.parameters / student.numParameters,
      teacher_parameters: teacher.parameters,
      student_parameters: student.numParameters,
      size_compression_ratio:
        teacherBytes === null || studentBytes === null ? null : teacherBytes / studentBytes,
      teacher_size_bytes: teacherBytes,
      student_size_bytes: studentBytes,
      evaluated: delta !== null,
      threshold_passed: delta !== null && delta >= c.accuracy_threshold,
      prompts_used: prompts.length,
      curated_examples: examples.length,
      eval_rows: evalRows.length,
      training_steps: c.training_steps,
      resumed_from_step: trained.resumedFrom,
      final_loss: trained.finalLoss,
      tokens_per_second: trained.tokensPerSecond,
      logit_distillation: logitKd,
      distillation_mode: opened.mode,
      ...(opened.pruning ? { pruning: opened.pruning } : {}),
      wall_seconds: (performance.now() - t0) / 1000,
      artifacts,
    };
    o.onPhase?.('done');
    return result;
  } finally {
    student?.destroy();
    teacher?.local?.model.destroy();
    backend.destroy();
  }
}

async function openTeacher(
  ref: string,
  o: DistillationRunOptions,
  backend: Backend,
  rng: Rng,
): Promise<Teacher> {
  const [provider, ...rest] = ref.split('/');
  const name = rest.join('/');
  if (provider === 'local')
    return localTeacher(ref, asLocalTeacherModel(await loadLocalModel(name, o, backend)), rng);
  if (provider === 'openai') {
    if (!o.openai?.baseUrl)
      throw new EngineError(
        'teacher_unreachable',
        `teacher ${ref}: no OpenAI-compatible endpoint is configured (base URL missing)`,
      );
    return openAiTeacher(name, o.openai);
  }
  throw new ConfigError(
    'config.teacher_model',
    `has an unknown provider '${provider}' (expected local/ or openai/)`,
  );
}

/** data_generation + curation, cached in `<dataDir>/curated.json` so a resumed run skips them. */
async function generateAndCurate(
  teacher: Teacher,
  prompts: string[],
  n: number,
  temperature: number,
  maxTokens: number,
  o: DistillationRunOptions,
): Promise<Curated[]> {
  const cache = join(o.dataDir, 'curated.json');
  const key = JSON.stringify([teacher.id, prompts.length, n, temperature, maxTokens]);
  try {
    const saved = JSON.parse(await readFile(cache, 'utf8')) as { key: string; curated: Curated[] };
    if (saved.key === key) {
      o.onLog?.(`reusing ${saved.curated.length} curated teacher samples`);
      return saved.curated;
    }
  } catch {
    // nothing cached yet
  }
  o.onPhase?.('data_generation');
  const samples = [];
  const chunk = 64;
  for (let i = 0; i < prompts.length; i += chunk) {
    o.signal?.throwIfAborted();
    samples.push(
      ...(await teacher.sample(prompts.slice(i, i + chunk), { n, temperature, maxTokens, signal: o.signal })),
    );
    o.onProgress?.({ prompts_done: Math.min(prompts.length, i + chunk), prompts_total: prompts.length });
  }
  o.onPhase?.('curation');
  const curated = bestOfN(prompts, samples, o.scorer);
  o.onLog?.(`curated ${curated.length} of ${prompts.length} prompts (best of ${n})`);
  if (curated.length === 0) throw new Error(`teacher ${teacher.id} produced no usable completions`);
  await writeFileAtomic(cache, JSON.stringify({ key, curated }));
  return curated;
}

/** Runs the teacher over each curated sequence once and keeps its logits at the completion positions. */
async function attachTeacherLogits(
  teacher: LlamaModel,
  examples: EncodedExample[],
  seqLen: number,
  pad: number,
  signal?: AbortSignal,
): Promise<void> {
  const V = teacher.config.vocabSize;
  const B = 16;
  for (let i = 0; i < examples.length; i += B) {
    signal?.throwIfAborted();
    const group = examples.slice(i, i + B);
    const T = Math.min(seqLen, Math.max(...group.map((e) => e.tokens.length - 1)));
    const batch = packBatch(group, T, pad, V, false);
    const logits = await teacher.logits(batch.tokens, group.length, T);
    group.forEach((ex, b) => {
      const first = ex.completionStart - 1;
      const count = Math.min(ex.tokens.length - 1, T) - first;
      ex.teacherLogits = logits.slice((b * T + first) * V, (b * T + first + count) * V);
    });
  }
}
