import type {
  BackendKind,
  DistillationConfig as EngineDistillationConfig,
  FineTuningConfig as EngineFineTuningConfig,
} from '@distillery/engine';
import type { DistillationJobConfig, FineTuningJobConfig } from '../storage/jobs.ts';

/** The fields of a distillation config that say where its rows come from: the worker reads them. */
type RowSources = 'dataset_id' | 'prompts' | 'eval_dataset_id';

// Compile-time contract between the spec and the engine: the engine's run configs are exactly the
// spec's types with defaults required. A field added to, or changed in, either one fails the build.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const distillationMatchesSpec: Equals<
  EngineDistillationConfig,
  Omit<DistillationJobConfig, RowSources>
> = true;
const fineTuningMatchesSpec: Equals<
  Omit<EngineFineTuningConfig, 'result_model'>,
  Pick<FineTuningJobConfig, 'base_model' | 'hyperparameters' | 'backend'>
> = true;
void [distillationMatchesSpec, fineTuningMatchesSpec];

/** What the engine runs for a distillation job: its config less the row sources, on a concrete backend. */
export function engineDistillationConfig(
  config: DistillationJobConfig,
  backend: BackendKind,
): EngineDistillationConfig {
  const { dataset_id: _d, eval_dataset_id: _e, prompts: _p, ...engine } = config;
  return { ...engine, backend };
}

/** What the engine runs for a fine-tuning job, training the model `resultModel`. */
export function engineFineTuningConfig(
  config: FineTuningJobConfig,
  backend: BackendKind,
  resultModel: string,
): EngineFineTuningConfig {
  return {
    base_model: config.base_model,
    hyperparameters: config.hyperparameters,
    backend,
    result_model: resultModel,
  };
}
