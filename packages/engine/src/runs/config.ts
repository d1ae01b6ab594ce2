import type { Schemas } from '@distillery/openapi';
import type { BackendKind } from '../backends/index.ts';
import type { QuantizationType } from '../export/quant-mix.ts';
import { configSchemas } from '../generated/config-schemas.ts';
import { ConfigError } from './errors.ts';
import { withSchemaDefaults } from './spec-schema.ts';

export { ConfigError } from './errors.ts';

/** A dataset row as the API accepts it. */
export type PromptRow = Schemas['PromptRow'];

export type OutputFormat = Schemas['DistillationConfig']['output_formats'][number];

/**
 * What a distillation runs on, every field given: the API's `DistillationConfig` with its defaults
 * filled in, less where the rows come from (`dataset_id`, `prompts`, `eval_dataset_id`), which the
 * caller reads and passes as `rows` / `evalRows`. The server checks at compile time that this is
 * exactly the spec's type, so the two cannot drift.
 */
export interface DistillationConfig {
  teacher_model: string;
  student_model: string;
  /** Parameter budget of an `auto` student ("50M"); only with it. */
  target_params?: string;
  /** Cap on the training rows used for data generation; without one, every row. */
  num_prompts?: number;
  n_samples: number;
  training_steps: number;
  bond_beta: number;
  bond_gamma: number;
  temperature: number;
  /** `false` drops GGUF whatever `output_formats` says. */
  export_gguf: boolean;
  quantization_types: QuantizationType[];
  eval_split: number;
  learning_rate: number;
  batch_size: number;
  seq_len: number;
  seed: number;
  kd_temperature: number;
  kd_weight: number;
  output_formats: OutputFormat[];
  accuracy_threshold: number;
  backend: BackendKind;
}

/** The API's `FineTuningHyperparameters`, every default filled in. */
export interface FineTuningHyperparameters {
  epochs: number;
  learning_rate: number;
  batch_size: number;
  warmup_steps: number;
  seq_len: number;
  seed: number;
}

/** What a fine-tuning runs on, every field given (the fields of the API's request that it trains by). */
export interface FineTuningConfig {
  /** A preset (`distillery-micro`) to train from scratch, or `local/<model-id>` to continue. */
  base_model: string;
  hyperparameters: FineTuningHyperparameters;
  backend: BackendKind;
  /** Id of the resulting model under the models directory. */
  result_model: string;
}

/** A distillation config as a library caller may write it: the API's defaults can be left out. */
export type DistillationConfigInput = Pick<DistillationConfig, 'teacher_model' | 'student_model'> &
  Partial<DistillationConfig>;

/** A fine-tuning config as a library caller may write it: the API's defaults can be left out. */
export interface FineTuningConfigInput {
  base_model: string;
  hyperparameters?: Partial<FineTuningHyperparameters>;
  /** Shorthand for `hyperparameters.seq_len`. */
  seq_len?: number;
  /** Shorthand for `hyperparameters.seed`. */
  seed?: number;
  backend?: BackendKind;
  /** Default: derived from `base_model`, `suffix` and the seed. */
  result_model?: string;
  suffix?: string;
  /** Tokenizer size when training from a preset (the run option `vocabSize`). */
  vocab_size?: number;
}

/**
 * A library caller's distillation config with the API's defaults filled in and its bounds checked,
 * both read from the spec (generated/config-schemas.ts). The server never calls this: Ajv fills the
 * same defaults when a request arrives.
 */
export function resolveDistillationConfig(input: DistillationConfigInput): DistillationConfig {
  // Checked against the spec's schema just above, so it has the shape the type says.
  return withSchemaDefaults(
    configSchemas.DistillationConfig,
    input,
    'config',
  ) as unknown as DistillationConfig;
}

/** The same for fine-tuning: the spec's hyperparameter and backend defaults and bounds. */
export function resolveFineTuningConfig(input: FineTuningConfigInput): FineTuningConfig {
  const request = configSchemas.CreateFineTuningJobRequest;
  if (typeof input.base_model !== 'string' || input.base_model.length === 0)
    throw new ConfigError('config.base_model', 'is required');
  const filled = withSchemaDefaults(
    {
      properties: {
        hyperparameters: request.properties.hyperparameters,
        backend: request.properties.backend,
      },
    },
    {
      hyperparameters: { seq_len: input.seq_len, seed: input.seed, ...input.hyperparameters },
      backend: input.backend,
    },
    'config',
  ) as unknown as Pick<FineTuningConfig, 'hyperparameters' | 'backend'>;
  const suffix = input.suffix ? `-${input.suffix}` : '';
  return {
    base_model: input.base_model,
    ...filled,
    result_model:
      input.result_model ??
      `ft-${input.base_model.replace(/^local\//, '')}${suffix}-s${filled.hyperparameters.seed}`,
  };
}
