import { join } from 'node:path';
import type { Services } from '../context.ts';
import type { JobRow } from '../storage/jobs.ts';

/** A job's directory under the data dir: its config record, the engine's work dir and exports. */
export function jobDir(s: Services, job: Pick<JobRow, 'id' | 'kind'>): string {
  return join(s.settings.dataDir, job.kind === 'distillation' ? 'distillation' : 'fine-tuning', job.id);
}

/** Where a tenant's models live, so that a job's output can be another job's `local/` model. */
export function tenantModelsDir(s: Services, tenantId: string): string {
  return join(s.settings.dataDir, 'models', tenantId);
}
