import type { Schemas } from '@distillery/openapi';
import type { Backend } from '../backends/backend.ts';
import { LlamaModel } from '../model/model.ts';
import { type PruneReport, pruneModel } from '../model/prune.ts';
import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import type { Curated } from '../training/curation.ts';
import type { Teacher } from '../training/teachers.ts';
import { Rng } from '../util/rng.ts';
import type { DistillationConfig } from './config.ts';
import type { DistillationRunOptions } from './distillation.ts';
import { ConfigError } from './errors.ts';
import { loadLocalModel } from './model-source.ts';
import { encodeAll, studentArchitecture } from './shared.ts';

export type DistillationMode = NonNullable<Schemas['JobResults']['distillation_mode']>;
export type PruningReport = Schemas['PruningReport'];

/** The student before training, with the tokenizer both it and the training data use. */
export interface Student {
  model: LlamaModel;
  tokenizer: Tokenizer;
  mode: DistillationMode;
  pruning?: PruningReport;
}

const SUFFIX: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9 };

/** `target_params` as reference 001 writes it ("50M", "1.5B", "250K", "120000") in parameters. */
export function parseParameterCount(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([KMB]?)$/.exec(text);
  if (!m)
    throw new ConfigError(
      'config.target_params',
      `must be a count like 50M or 1.5B, got ${JSON.stringify(text)}`,
    );
  return Math.floor(Number(m[1]) * SUFFIX[m[2]!]!);
}

/** The API's shape names for a pruning report. */
function pruningReport(r: PruneReport): PruningReport {
  const shape = (s: PruneReport['before']) => ({
    layers: s.nLayers,
    hidden_size: s.dim,
    intermediate_size: s.hiddenDim,
    attention_heads: s.nHeads,
    kv_heads: s.nKvHeads,
    head_dim: s.headDim,
  });
  return {
    teacher_parameters: r.parametersBefore,
    student_parameters: r.parametersAfter,
    teacher_shape: shape(r.before),
    student_shape: shape(r.after),
    removed_layers: r.removedLayers,
  };
}

/** Rows of curated examples (the job's own data) that pruning measures activations on. */
const CALIBRATION_ROWS = 16;

/** Whether two tokenizers give every text the same ids (the condition for logit-level distillation). */
function sameTokenizer(a: Tokenizer, b: Tokenizer): boolean {
  return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
}

/** What only the student's fields decide, checked before any work: `auto` and `target_params` go together, with a local teacher. */
export function checkStudentConfig(c: DistillationConfig): void {
  if (c.student_model === 'auto') {
    if (!c.teacher_model.startsWith('local/'))
      throw new ConfigError(
        'config.student_model',
        'auto prunes the teacher, so it needs a local teacher (local/<id>)',
      );
    if (c.target_params === undefined)
      throw new ConfigError('config.target_params', 'is required with student_model auto');
    parseParameterCount(c.target_params);
  } else if (c.target_params !== undefined)
    throw new ConfigError('config.target_params', 'applies only to student_model auto');
}

/**
 * The student a config names:
 * - `auto`: the local teacher pruned to `target_params` (Minitron-style, calibrated on the curated
 *   examples), sharing its tokenizer, so distillation is at logit level;
 * - `local/<id>`: a stored model (imported or trained), starting from its weights with its own
 *   tokenizer; logit level only when that tokenizer is the teacher's, otherwise the student learns
 *   the teacher's text (sequence level);
 * - a preset or open architecture from scratch, with the local teacher's tokenizer, or one trained
 *   on the curated text for a hosted teacher.
 */
export async function openStudent(
  c: DistillationConfig,
  teacher: Teacher,
  curated: Curated[],
  o: DistillationRunOptions,
  backend: Backend,
): Promise<Student> {
  const local = teacher.local;
  if (c.student_model === 'auto') {
    if (!local)
      throw new ConfigError(
        'config.student_model',
        'auto prunes the teacher, so it needs a local teacher (local/<id>)',
      );
    if (c.target_params === undefined)
      throw new ConfigError('config.target_params', 'is required with student_model auto');
    const target = parseParameterCount(c.target_params);
    const rows = encodeAll(
      local.tokenizer,
      curated.slice(0, CALIBRATION_ROWS),
      c.seq_len,
      local.answerBudget,
    );
    const T = Math.min(c.seq_len, local.model.config.maxSeqLen);
    const tokens = new Int32Array(rows.length * T).fill(local.tokenizer.pad);
    for (const [b, r] of rows.entries()) tokens.set(r.tokens.slice(0, T), b * T);
    const pruned = await pruneModel(local.model, { tokens, B: rows.length, T }, target).catch(
      (err: Error) => {
        // The only way pruning fails on a valid teacher: a budget below its smallest student.
        throw new ConfigError('config.target_params', err.message);
      },
    );
    return {
      model: pruned.model,
      tokenizer: local.tokenizer,
      mode: 'logit',
      pruning: pruningReport(pruned.report),
    };
  }
  if (c.student_model.startsWith('local/')) {
    const loaded = await loadLocalModel(c.student_model, o, backend);
    const shared = local !== null && sameTokenizer(local.tokenizer, loaded.tokenizer);
    return { model: loaded.model, tokenizer: loaded.tokenizer, mode: shared ? 'logit' : 'sequence' };
  }
  const tokenizer =
    local?.tokenizer ??
    BpeTokenizer.train(
      curated.map((x) => `${x.prompt}\n${x.completion}`),
      { vocabSize: o.vocabSize ?? 1024 },
    );
  const model = new LlamaModel(
    backend,
    studentArchitecture(c.student_model, tokenizer.vocabSize, c.seq_len, o.studentOverrides),
  );
  model.initialize(new Rng(c.seed + 1));
  return { model, tokenizer, mode: local ? 'logit' : 'sequence' };
}
