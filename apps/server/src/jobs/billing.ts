import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { estimateDistillation, estimateFineTuning } from '../services/estimate.ts';
import { getDataset } from '../storage/datasets.ts';
import type { Db } from '../storage/db.ts';
import type { DistillationJobConfig, JobRow } from '../storage/jobs.ts';

/**
 * The rows a distillation trains on: its dataset's, else its inline prompts. Creating a job and
 * restarting it both bill by this count, so a restart costs what the first attempt did.
 */
export async function distillationRowCount(
  db: Db,
  tenantId: string,
  config: DistillationJobConfig,
): Promise<number> {
  if (config.dataset_id) return (await getDataset(db, tenantId, config.dataset_id))?.row_count ?? 0;
  return config.prompts?.length ?? 0;
}

/** The estimate of a stored job, from its stored (resolved) config and the rows it names now. */
export async function estimateJob(s: Services, job: JobRow) {
  if (job.kind === 'distillation') {
    const rows = await distillationRowCount(s.db, job.tenant_id, job.config);
    return estimateDistillation(s.db, s.settings, job.tenant_id, job.config, rows);
  }
  const ds = await getDataset(s.db, job.tenant_id, job.config.training_dataset);
  return estimateFineTuning(
    s.db,
    s.settings,
    job.tenant_id,
    job.config.base_model,
    job.config.hyperparameters,
    ds?.row_count ?? 0,
  );
}

/** 402 when an estimate exceeds what the tenant has left. */
export function assertWithinBudget(
  tenantId: string,
  estimate: { estimated_cost: number; within_budget: boolean; remaining_budget: number | null },
): void {
  if (!estimate.within_budget)
    throw insufficientCredits(tenantId, estimate.estimated_cost, estimate.remaining_budget ?? 0);
}

export function insufficientCredits(tenantId: string, cost: number, remaining: number): ApiError {
  return new ApiError(
    402,
    'insufficient_credits',
    `Estimated cost ${cost.toFixed(2)} exceeds the remaining budget ${remaining.toFixed(2)} of tenant ${tenantId}`,
    {
      details: { estimated_cost: cost, remaining_budget: remaining },
    },
  );
}
