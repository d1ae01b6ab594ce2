import type { BodyOf, Schemas } from '../openapi/spec.ts';
import { fillStoredConfigDefaults } from '../openapi/validate.ts';
import type { Db } from './db.ts';

export type JobKind = 'distillation' | 'fine_tuning';
/** A stored status: the spec's, less `training`, its filter-only alias of `running`. */
export type JobStatus = Exclude<Schemas['JobStatus'], 'training'>;
export const LIVE_STATUSES: JobStatus[] = ['pending', 'running'];
export const TERMINAL_STATUSES: JobStatus[] = ['completed', 'failed', 'cancelled'];

export type JobError = Schemas['JobError'];

/**
 * A distillation job's stored config: the request's config with every default of the spec filled
 * in by validation at the edge (the generated type marks each defaulted field present).
 */
export type DistillationJobConfig = Schemas['DistillationConfig'];

/** A fine-tuning job's stored config: the request's training fields, defaults filled in. */
export type FineTuningJobConfig = Pick<
  BodyOf<'createFineTuningJob'>,
  'base_model' | 'training_dataset' | 'validation_dataset' | 'hyperparameters' | 'suffix' | 'backend'
>;

interface JobRowBase {
  id: string;
  tenant_id: string;
  name: string | null;
  description: string | null;
  status: JobStatus;
  phase: Schemas['JobPhase'];
  progress: Schemas['JobProgress'];
  /** A distillation's results once evaluated; empty for fine-tuning, whose figures are `metrics`. */
  results: Schemas['JobResults'];
  metrics: Schemas['FineTuningMetrics'];
  error: JobError | null;
  cost_accrued: number;
  estimated_cost: number;
  trained_tokens: number;
  result_model: string | null;
  metadata: Record<string, string>;
  webhook_url: string | null;
  attempt: number;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface DistillationJobRow extends JobRowBase {
  kind: 'distillation';
  config: DistillationJobConfig;
}

export interface FineTuningJobRow extends JobRowBase {
  kind: 'fine_tuning';
  config: FineTuningJobConfig;
}

/** A job as stored: its kind says what its config is. */
export type JobRow = DistillationJobRow | FineTuningJobRow;
export type JobRowOf<K extends JobKind> = Extract<JobRow, { kind: K }>;

/**
 * A row as read. Jobs stored before a default existed (fine-tuning jobs once kept
 * `hyperparameters: {}`) get the spec's defaults filled in, as a new request would.
 */
function parse<R extends JobRow | undefined>(row: R): R {
  if (row) fillStoredConfigDefaults(row.kind, row.config);
  return row;
}

// bigint comes back as a string from `pg`; cast so both drivers return numbers.
const COLUMNS = `id, kind, tenant_id, name, description, status, phase, config, progress, results, metrics, error,
  cost_accrued, estimated_cost, trained_tokens::float8 as trained_tokens, result_model, metadata, webhook_url, attempt,
  created_at, updated_at, started_at, finished_at`;

type NewJobOf<R extends JobRow> = Pick<
  R,
  | 'id'
  | 'kind'
  | 'tenant_id'
  | 'name'
  | 'description'
  | 'config'
  | 'metadata'
  | 'webhook_url'
  | 'estimated_cost'
>;
export type NewJob = NewJobOf<DistillationJobRow> | NewJobOf<FineTuningJobRow>;

export async function insertJob<J extends NewJob>(db: Db, job: J): Promise<JobRowOf<J['kind']>> {
  const rows = await db.query<JobRow>(
    `insert into jobs (id, kind, tenant_id, name, description, status, phase, config, metadata, webhook_url, estimated_cost)
     values ($1, $2, $3, $4, $5, 'pending', 'initializing', $6::jsonb, $7::jsonb, $8, $9) returning ${COLUMNS}`,
    [
      job.id,
      job.kind,
      job.tenant_id,
      job.name,
      job.description,
      JSON.stringify(job.config),
      JSON.stringify(job.metadata),
      job.webhook_url,
      job.estimated_cost,
    ],
  );
  return parse(rows[0] as JobRowOf<J['kind']>);
}

/** A tenant's job of one kind; another tenant's job is simply not found. */
export async function getJob<K extends JobKind>(
  db: Db,
  tenantId: string,
  kind: K,
  id: string,
): Promise<JobRowOf<K> | undefined> {
  const rows = await db.query<JobRowOf<K>>(
    `select ${COLUMNS} from jobs where id = $1 and tenant_id = $2 and kind = $3`,
    [id, tenantId, kind],
  );
  return parse(rows[0]);
}

export async function getJobById(db: Db, id: string): Promise<JobRow | undefined> {
  return parse((await db.query<JobRow>(`select ${COLUMNS} from jobs where id = $1`, [id]))[0]);
}

export interface JobFilter<K extends JobKind = JobKind> {
  tenantId: string;
  kind: K;
  status?: string;
  since?: string;
  search?: string;
  baseModel?: string;
  sort?: string;
  limit: number;
  offset: number;
}

const SORTS: Record<string, string> = {
  'created_at:desc': 'created_at desc, id desc',
  'created_at:asc': 'created_at asc, id asc',
  'updated_at:desc': 'updated_at desc, id desc',
  'updated_at:asc': 'updated_at asc, id asc',
  'name:asc': 'name asc, id asc',
  'name:desc': 'name desc, id desc',
};

export async function listJobs<K extends JobKind>(
  db: Db,
  f: JobFilter<K>,
): Promise<{ rows: JobRowOf<K>[]; total: number }> {
  const where = ['tenant_id = $1', 'kind = $2'];
  const params: unknown[] = [f.tenantId, f.kind];
  if (f.status) {
    // `training` is the reference API's alias of `running`.
    params.push(f.status === 'training' ? 'running' : f.status);
    where.push(`status = $${params.length}`);
  }
  if (f.since) {
    // As epoch milliseconds: PostgreSQL refuses offsets that RFC 3339 allows, such as +23:59.
    params.push(Date.parse(f.since));
    where.push(`created_at >= to_timestamp($${params.length}::float8 / 1000)`);
  }
  if (f.search) {
    params.push(`%${f.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(name ilike $${params.length} or description ilike $${params.length})`);
  }
  if (f.baseModel) {
    params.push(f.baseModel);
    where.push(`config->>'base_model' = $${params.length}`);
  }
  const clause = where.join(' and ');
  const order = SORTS[f.sort ?? 'created_at:desc'] ?? SORTS['created_at:desc'];
  const total = await db.query<{ n: number }>(`select count(*)::int as n from jobs where ${clause}`, params);
  const rows = await db.query<JobRowOf<K>>(
    `select ${COLUMNS} from jobs where ${clause} order by ${order} limit ${f.limit} offset ${f.offset}`,
    params,
  );
  return { rows: rows.map(parse), total: total[0]?.n ?? 0 };
}

/** pending/running → cancelled; a terminal job is returned unchanged for the caller to refuse. */
export async function cancelJob<K extends JobKind>(
  db: Db,
  tenantId: string,
  kind: K,
  id: string,
): Promise<{ row: JobRowOf<K>; changed: boolean } | undefined> {
  const rows = await db.query<JobRowOf<K>>(
    `update jobs set status = 'cancelled', finished_at = now(), updated_at = now()
     where id = $1 and tenant_id = $2 and kind = $3 and status in ('pending', 'running') returning ${COLUMNS}`,
    [id, tenantId, kind],
  );
  if (rows[0]) return { row: parse(rows[0]), changed: true };
  const current = await getJob(db, tenantId, kind, id);
  return current && { row: current, changed: false };
}

/** A finished job back to pending with a new attempt number; a live job is returned unchanged. */
export async function restartJob<K extends JobKind>(
  db: Db,
  tenantId: string,
  kind: K,
  id: string,
): Promise<{ row: JobRowOf<K>; changed: boolean } | undefined> {
  const rows = await db.query<JobRowOf<K>>(
    `update jobs set status = 'pending', phase = 'initializing', progress = '{}', results = '{}', metrics = '{}', error = null,
       result_model = null, trained_tokens = 0, attempt = attempt + 1, started_at = null, finished_at = null, updated_at = now()
     where id = $1 and tenant_id = $2 and kind = $3 and status in ('completed', 'failed', 'cancelled') returning ${COLUMNS}`,
    [id, tenantId, kind],
  );
  if (rows[0]) {
    await db.query('delete from job_metrics where job_id = $1', [id]);
    await db.query('delete from artifacts where job_id = $1', [id]);
    return { row: parse(rows[0]), changed: true };
  }
  const current = await getJob(db, tenantId, kind, id);
  return current && { row: current, changed: false };
}

export async function deleteJob(
  db: Db,
  tenantId: string,
  kind: JobKind,
  id: string,
): Promise<'deleted' | JobRow | undefined> {
  const rows = await db.query<{ id: string }>(
    `delete from jobs where id = $1 and tenant_id = $2 and kind = $3 and status in ('completed', 'failed', 'cancelled') returning id`,
    [id, tenantId, kind],
  );
  if (rows[0]) return 'deleted';
  return getJob(db, tenantId, kind, id);
}

/** Changes a job the worker holds; only while it is still running, so a cancel is never overwritten. */
export async function updateRunningJob(
  db: Db,
  id: string,
  attempt: number,
  set: Partial<
    Pick<
      JobRow,
      'phase' | 'progress' | 'results' | 'metrics' | 'cost_accrued' | 'trained_tokens' | 'result_model'
    >
  >,
): Promise<JobRow | undefined> {
  const sets: string[] = ['updated_at = now()'];
  const params: unknown[] = [id, attempt];
  for (const [key, value] of Object.entries(set)) {
    const json = typeof value === 'object' && value !== null;
    params.push(json ? JSON.stringify(value) : value);
    sets.push(`${key} = $${params.length}${json ? '::jsonb' : ''}`);
  }
  const rows = await db.query<JobRow>(
    `update jobs set ${sets.join(', ')} where id = $1 and attempt = $2 and status = 'running' returning ${COLUMNS}`,
    params,
  );
  return parse(rows[0]);
}

/** pending → running for this attempt (or a running job picked up again after its worker died). */
export async function claimJob(db: Db, id: string, attempt: number): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `update jobs set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
     where id = $1 and attempt = $2 and status in ('pending', 'running') returning ${COLUMNS}`,
    [id, attempt],
  );
  return parse(rows[0]);
}

export async function finishJob(
  db: Db,
  id: string,
  attempt: number,
  status: 'completed' | 'failed',
  set: { phase?: string; error?: JobError | null },
): Promise<JobRow | undefined> {
  const rows = await db.query<JobRow>(
    `update jobs set status = $3, phase = coalesce($4, phase), error = $5::jsonb, finished_at = now(), updated_at = now()
     where id = $1 and attempt = $2 and status = 'running' returning ${COLUMNS}`,
    [id, attempt, status, set.phase ?? null, set.error ? JSON.stringify(set.error) : null],
  );
  return parse(rows[0]);
}

export async function statusCounts(db: Db, tenantId: string, kind: JobKind) {
  const rows = await db.query<{ status: JobStatus; n: number }>(
    'select status, count(*)::int as n from jobs where tenant_id = $1 and kind = $2 group by status',
    [tenantId, kind],
  );
  const by_status = { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const r of rows) by_status[r.status] = r.n;
  return { total: rows.reduce((a, r) => a + r.n, 0), by_status };
}

/** Credits spent, counting a live job's whole estimate as reserved so queued jobs cannot overdraw. */
export async function committedCredits(db: Db, tenantId: string): Promise<number> {
  const rows = await db.query<{ spent: number }>(
    `select coalesce(sum(case when status in ('pending', 'running') then greatest(cost_accrued, estimated_cost) else cost_accrued end), 0)::float8 as spent
     from jobs where tenant_id = $1`,
    [tenantId],
  );
  return rows[0]?.spent ?? 0;
}

export async function runningJobCount(db: Db): Promise<number> {
  return (
    (await db.query<{ n: number }>(`select count(*)::int as n from jobs where status = 'running'`))[0]?.n ?? 0
  );
}
