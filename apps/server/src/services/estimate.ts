import { countParameters, isStudentModel, parseParameterCount, presetConfig } from '@distillery/engine';
import type { Schemas } from '../openapi/spec.ts';
import type { Settings } from '../settings.ts';
import type { Db } from '../storage/db.ts';
import { committedCredits, type DistillationJobConfig, type FineTuningJobConfig } from '../storage/jobs.ts';
import { getModel } from '../storage/models.ts';
import { tenantBudget } from '../storage/tenants.ts';
import { findPreset, parametersFromName } from './catalog.ts';

/** Credits per 10¹² FLOPs: the server's price of compute. */
export const CREDITS_PER_TFLOP = 0.02;
/** Sustained FLOP/s assumed for wall-time estimates on the CPU backend. */
const CPU_FLOPS = 2e9;
/** Tokens a teacher generates per sample. */
const SAMPLE_TOKENS = 64;

export async function modelParameters(db: Db, tenantId: string, id: string): Promise<number | null> {
  const preset = findPreset(id);
  if (preset) return preset.parameters;
  if (isStudentModel(id)) return countParameters(presetConfig(id));
  if (id.startsWith('local/')) return (await getModel(db, tenantId, id))?.parameters ?? null;
  return parametersFromName(id);
}

async function within(
  db: Db,
  settings: Settings,
  tenantId: string,
  cost: number,
): Promise<{ ok: boolean; remaining: number | null }> {
  const budget = await tenantBudget(db, tenantId, settings.defaultBudget);
  if (budget === null) return { ok: true, remaining: null };
  // Never negative: a budget lowered below what is already committed leaves nothing, not a debt.
  const remaining = Math.max(0, budget - (await committedCredits(db, tenantId)));
  return { ok: cost <= remaining, remaining };
}

function price(flops: number) {
  return {
    estimated_cost: Math.round((flops / 1e12) * CREDITS_PER_TFLOP * 1e4) / 1e4,
    estimated_seconds: Math.ceil(flops / CPU_FLOPS),
  };
}

/**
 * The prompts a distillation sends to its teacher: its rows, capped at `num_prompts`; a hosted
 * teacher with no rows (reference 000 creates such jobs from `num_prompts` alone) is billed for
 * `num_prompts`.
 */
function promptsSampled(numPrompts: number | undefined, rows: number): number {
  if (numPrompts === undefined) return rows;
  return rows === 0 ? numPrompts : Math.min(numPrompts, rows);
}

/** The estimate of a distillation config as validated at the edge (every default filled in). */
export async function estimateDistillation(
  db: Db,
  settings: Settings,
  tenantId: string,
  config: DistillationJobConfig,
  rows: number,
): Promise<Schemas['Estimate'] & { remaining_budget: number | null }> {
  const student =
    config.student_model === 'auto' && config.target_params !== undefined
      ? parseParameterCount(config.target_params)
      : ((await modelParameters(db, tenantId, config.student_model)) ?? 0);
  const teacher = await modelParameters(db, tenantId, config.teacher_model);
  const tokens = config.training_steps * config.batch_size * config.seq_len;
  const prompts = promptsSampled(config.num_prompts, rows);
  // Training is ~6 FLOPs per parameter per token; teacher sampling ~2 per teacher parameter per token.
  const generation = teacher ? 2 * teacher * prompts * config.n_samples * SAMPLE_TOKENS : 0;
  const flops = 6 * student * tokens + generation;
  const p = price(flops);
  const budget = await within(db, settings, tenantId, p.estimated_cost);
  return {
    ...p,
    currency: 'credits',
    flops,
    tokens,
    ...(teacher !== null ? { teacher_parameters: teacher } : {}),
    student_parameters: student,
    backend: 'cpu',
    within_budget: budget.ok,
    remaining_budget: budget.remaining,
  };
}

/** The estimate of fine-tuning `baseModel` on `rows` rows with the hyperparameters as validated at the edge. */
export async function estimateFineTuning(
  db: Db,
  settings: Settings,
  tenantId: string,
  baseModel: string,
  hp: FineTuningJobConfig['hyperparameters'],
  rows: number,
): Promise<Schemas['Estimate'] & { remaining_budget: number | null; steps: number }> {
  const params = (await modelParameters(db, tenantId, baseModel)) ?? 0;
  // The engine's step count: every row once per epoch, in batches.
  const steps = Math.max(1, Math.ceil((hp.epochs * rows) / hp.batch_size));
  const tokens = steps * hp.batch_size * hp.seq_len;
  const flops = 6 * params * tokens;
  const p = price(flops);
  const budget = await within(db, settings, tenantId, p.estimated_cost);
  return {
    ...p,
    currency: 'credits',
    flops,
    tokens,
    student_parameters: params,
    backend: 'cpu',
    within_budget: budget.ok,
    remaining_budget: budget.remaining,
    steps,
  };
}
