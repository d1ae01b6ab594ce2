import { countParameters, isStudentModel, presetConfig } from '@distillery/engine';
import type { Schemas } from '../openapi/spec.ts';
import type { Settings } from '../settings.ts';
import type { Db } from '../storage/db.ts';
import { committedCredits } from '../storage/jobs.ts';
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

export async function estimateDistillation(
  db: Db,
  settings: Settings,
  tenantId: string,
  config: Schemas['DistillationConfig'],
  promptCount: number,
): Promise<Schemas['Estimate'] & { remaining_budget: number | null }> {
  const student = (await modelParameters(db, tenantId, config.student_model)) ?? 0;
  const teacher = await modelParameters(db, tenantId, config.teacher_model);
  const steps = config.training_steps ?? 100;
  const tokens = steps * (config.batch_size ?? 8) * (config.seq_len ?? 128);
  const prompts = Math.min(config.num_prompts ?? promptCount, promptCount || (config.num_prompts ?? 0));
  // Training is ~6 FLOPs per parameter per token; teacher sampling ~2 per teacher parameter per token.
  const generation = teacher ? 2 * teacher * prompts * (config.n_samples ?? 4) * SAMPLE_TOKENS : 0;
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

export async function estimateFineTuning(
  db: Db,
  settings: Settings,
  tenantId: string,
  baseModel: string,
  hp: Schemas['FineTuningHyperparameters'],
  rows: number,
): Promise<Schemas['Estimate'] & { remaining_budget: number | null; steps: number }> {
  const params = (await modelParameters(db, tenantId, baseModel)) ?? 0;
  const batch = hp.batch_size ?? 8;
  const steps = Math.max(1, Math.ceil(((hp.epochs ?? 1) * rows) / batch));
  const tokens = steps * batch * (hp.seq_len ?? 128);
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
