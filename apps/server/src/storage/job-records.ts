import type { Schemas } from '../openapi/spec.ts';
import type { Db } from './db.ts';
import type { JobRow } from './jobs.ts';

/** Logs, loss curve and event stream of a job: append-only records beside the job row. */

export type LogLevel = Schemas['LogEntry']['level'];
type Phase = Schemas['JobPhase'];

export async function appendLog(
  db: Db,
  jobId: string,
  level: LogLevel,
  phase: Phase | null,
  message: string,
): Promise<void> {
  await db.query('insert into job_logs (job_id, level, phase, message) values ($1, $2, $3, $4)', [
    jobId,
    level,
    phase,
    message,
  ]);
}

export interface LogRow {
  ts: Date;
  level: LogLevel;
  phase: Phase | null;
  message: string;
}

/** The newest `lines` lines (after `since`), oldest first, and whether older ones were left out. */
export async function listLogs(
  db: Db,
  jobId: string,
  lines: number,
  since?: string,
): Promise<{ rows: LogRow[]; hasMore: boolean }> {
  const params: unknown[] = [jobId];
  let where = 'job_id = $1';
  if (since) {
    // As epoch milliseconds: PostgreSQL refuses offsets that RFC 3339 allows, such as +23:59.
    params.push(Date.parse(since));
    where += ` and ts > to_timestamp($${params.length}::float8 / 1000)`;
  }
  const rows = await db.query<LogRow>(
    `select ts, level, phase, message from job_logs where ${where} order by id desc limit ${lines + 1}`,
    params,
  );
  const hasMore = rows.length > lines;
  return { rows: rows.slice(0, lines).reverse(), hasMore };
}

export type MetricPoint = Schemas['MetricPoint'];

export async function recordMetric(db: Db, jobId: string, point: MetricPoint): Promise<void> {
  await db.query(
    'insert into job_metrics (job_id, step, point) values ($1, $2, $3::jsonb) on conflict (job_id, step) do update set point = excluded.point',
    [jobId, point.step, JSON.stringify(point)],
  );
}

export async function listMetrics(db: Db, jobId: string): Promise<MetricPoint[]> {
  return (
    await db.query<{ point: MetricPoint }>('select point from job_metrics where job_id = $1 order by step', [
      jobId,
    ])
  ).map((r) => r.point);
}

export type JobEventType = 'snapshot' | 'status' | 'phase' | 'progress' | 'results';

export function eventData(job: JobRow, type: JobEventType) {
  return {
    type,
    job_id: job.id,
    status: job.status,
    phase: job.phase,
    progress: job.progress,
    ...(Object.keys(job.results).length ? { results: job.results } : {}),
    error: job.error,
    timestamp: job.updated_at.toISOString(),
  };
}

export async function appendEvent(db: Db, job: JobRow, type: JobEventType): Promise<void> {
  await db.query('insert into job_events (job_id, type, data) values ($1, $2, $3::jsonb)', [
    job.id,
    type,
    JSON.stringify(eventData(job, type)),
  ]);
}

export interface EventRow {
  id: string;
  type: JobEventType;
  data: ReturnType<typeof eventData>;
}

export async function eventsAfter(db: Db, jobId: string, afterId: string): Promise<EventRow[]> {
  return db.query<EventRow>(
    'select id::text as id, type, data from job_events where job_id = $1 and id > $2::bigint order by id limit 500',
    [jobId, afterId],
  );
}

export async function lastEventId(db: Db, jobId: string): Promise<string> {
  return (
    (
      await db.query<{ id: string }>(
        'select coalesce(max(id), 0)::text as id from job_events where job_id = $1',
        [jobId],
      )
    )[0]?.id ?? '0'
  );
}
