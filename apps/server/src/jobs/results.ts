import type { DistillationResult, FineTuningResult } from '@distillery/engine';
import { openapi, type Schemas } from '../openapi/spec.ts';
import type { FineTuningJobConfig } from '../storage/jobs.ts';

type JobResults = Schemas['JobResults'];
type Reported = keyof JobResults;

// Compile time: every field the spec reports in `results` is one the engine returns, with a type the
// spec accepts (the engine's null, "not measured", is left out of the response).
type Reportable = { [K in Reported]: NonNullable<DistillationResult[K]> extends JobResults[K] ? K : never };
const reportable: Reportable[Reported] extends Reported ? true : false = true;
void reportable;

/** The fields of `results`, as the spec lists them. */
const REPORTED = Object.keys(
  (openapi.components.schemas.JobResults as { properties: Record<Reported, unknown> }).properties,
) as Reported[];

/** A distillation's `results`: the spec's fields of the engine's result, measured ones only. */
export function distillationResults(r: DistillationResult): JobResults {
  const out: Partial<Record<Reported, unknown>> = {};
  for (const key of REPORTED) if (r[key] !== null) out[key] = r[key];
  // Each value is the engine's, of a type the spec accepts (checked above).
  return out as JobResults;
}

/** A fine-tuning's `metrics` and the tokens it trained on. */
export function fineTuningOutcome(
  r: FineTuningResult,
  config: FineTuningJobConfig,
): { metrics: Schemas['FineTuningMetrics']; trainedTokens: number } {
  return {
    metrics: {
      training_loss: r.final_loss,
      ...(r.validation_accuracy !== null ? { validation_accuracy: r.validation_accuracy } : {}),
      ...(r.validation_loss !== null ? { validation_loss: r.validation_loss } : {}),
    },
    trainedTokens: r.training_steps * config.hyperparameters.batch_size * config.hyperparameters.seq_len,
  };
}
