import type { BackendKind } from '../backends/index.ts';
import { QUANTIZATION_TYPES, type QuantizationType } from '../export/quant-mix.ts';

/** A dataset row as the API accepts it. */
export interface PromptRow {
  prompt: string;
  completion?: string;
  label?: string;
}

/** Distillation job config (snake_case, as in the API). Missing fields take the API defaults. */
export interface DistillationConfig {
  teacher_model: string;
  student_model: string;
  num_prompts?: number;
  n_samples?: number;
  training_steps?: number;
  bond_beta?: number;
  bond_gamma?: number;
  temperature?: number;
  learning_rate?: number;
  batch_size?: number;
  seq_len?: number;
  seed?: number;
  kd_temperature?: number;
  kd_weight?: number;
  eval_split?: number;
  accuracy_threshold?: number;
  backend?: BackendKind;
  output_formats?: OutputFormat[];
  export_gguf?: boolean;
  quantization_types?: QuantizationType[];
  [other: string]: unknown;
}

export type OutputFormat = 'safetensors' | 'gguf';

export type ResolvedDistillationConfig = Required<
  Pick<
    DistillationConfig,
    | 'teacher_model'
    | 'student_model'
    | 'n_samples'
    | 'training_steps'
    | 'bond_beta'
    | 'bond_gamma'
    | 'temperature'
    | 'learning_rate'
    | 'batch_size'
    | 'seq_len'
    | 'seed'
    | 'kd_temperature'
    | 'kd_weight'
    | 'eval_split'
    | 'accuracy_threshold'
    | 'backend'
    | 'output_formats'
    | 'quantization_types'
  >
> & { num_prompts: number | null };

/** Thrown for a bad config value; `param` names the field, e.g. `config.bond_beta`. */
export class ConfigError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(`${param} ${message}`);
    this.name = 'ConfigError';
    this.param = param;
  }
}

export function checkNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  integer = false,
  exclusiveMin = false,
): number {
  const param = `config.${field}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(param, 'must be a number');
  if (integer && !Number.isInteger(value)) throw new ConfigError(param, 'must be an integer');
  if (exclusiveMin ? value <= min : value < min)
    throw new ConfigError(param, `must be ${exclusiveMin ? '>' : '≥'} ${min}`);
  if (value > max) throw new ConfigError(param, `must be ≤ ${max}`);
  return value;
}

export function checkBackend(value: unknown): BackendKind {
  if (value !== 'auto' && value !== 'cpu' && value !== 'webgpu')
    throw new ConfigError('config.backend', "must be 'auto', 'webgpu' or 'cpu'");
  return value;
}

function checkList<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  if (!Array.isArray(value)) throw new ConfigError(`config.${field}`, 'must be an array');
  for (const item of value) {
    if (!allowed.includes(item)) throw new ConfigError(`config.${field}`, `accepts ${allowed.join(', ')}`);
  }
  return [...new Set(value as T[])];
}

/** What the export phase writes; `export_gguf: false` drops GGUF whatever `output_formats` says. */
function exportFormats(
  c: DistillationConfig,
): Pick<ResolvedDistillationConfig, 'output_formats' | 'quantization_types'> {
  const formats = checkList(c.output_formats ?? ['safetensors', 'gguf'], 'output_formats', [
    'safetensors',
    'gguf',
  ] as const);
  return {
    output_formats: c.export_gguf === false ? formats.filter((f) => f !== 'gguf') : formats,
    quantization_types: checkList(c.quantization_types ?? ['q8_0'], 'quantization_types', QUANTIZATION_TYPES),
  };
}

export function resolveDistillationConfig(c: DistillationConfig): ResolvedDistillationConfig {
  if (typeof c.teacher_model !== 'string' || !/^[a-z0-9_-]+\/\S+$/.test(c.teacher_model)) {
    throw new ConfigError('config.teacher_model', "must look like 'local/<model-id>' or 'openai/<model>'");
  }
  if (typeof c.student_model !== 'string' || c.student_model.length === 0)
    throw new ConfigError('config.student_model', 'is required');
  const d = <T>(v: T | undefined, fallback: T): T => (v === undefined ? fallback : v);
  return {
    teacher_model: c.teacher_model,
    student_model: c.student_model,
    num_prompts:
      c.num_prompts === undefined ? null : checkNumber(c.num_prompts, 'num_prompts', 1, 1_000_000, true),
    n_samples: checkNumber(d(c.n_samples, 4), 'n_samples', 1, 64, true),
    training_steps: checkNumber(d(c.training_steps, 100), 'training_steps', 1, 1_000_000, true),
    bond_beta: checkNumber(d(c.bond_beta, 0.5), 'bond_beta', 0, 1),
    bond_gamma: checkNumber(d(c.bond_gamma, 0.1), 'bond_gamma', 0, 10),
    temperature: checkNumber(d(c.temperature, 0.8), 'temperature', 0, 2),
    learning_rate: checkNumber(d(c.learning_rate, 3e-4), 'learning_rate', 0, 1, false, true),
    batch_size: checkNumber(d(c.batch_size, 8), 'batch_size', 1, 1024, true),
    seq_len: checkNumber(d(c.seq_len, 128), 'seq_len', 8, 8192, true),
    seed: checkNumber(d(c.seed, 0), 'seed', 0, 2147483647, true),
    kd_temperature: checkNumber(d(c.kd_temperature, 2), 'kd_temperature', 0, 20, false, true),
    kd_weight: checkNumber(d(c.kd_weight, 0.5), 'kd_weight', 0, 1),
    eval_split: checkNumber(d(c.eval_split, 0.1), 'eval_split', 0, 0.5),
    accuracy_threshold: checkNumber(d(c.accuracy_threshold, -0.02), 'accuracy_threshold', -1, 1),
    backend: checkBackend(d(c.backend, 'auto')),
    ...exportFormats(c),
  };
}

/** Fine-tuning job config (snake_case, as in the API). */
export interface FineTuningConfig {
  /** A preset (`distillery-micro`) to train from scratch, or `local/<model-id>` to continue. */
  base_model: string;
  hyperparameters?: { epochs?: number; learning_rate?: number; batch_size?: number; warmup_steps?: number };
  seq_len?: number;
  seed?: number;
  /** Tokenizer size when training from a preset (default: the preset's, capped at 2048). */
  vocab_size?: number;
  backend?: BackendKind;
  /** Id of the resulting model under the models directory (default derived from base_model and suffix). */
  result_model?: string;
  suffix?: string;
  [other: string]: unknown;
}
