/**
 * The lifecycle shared by distillation and fine-tuning jobs: a record holds its planned run, and
 * `syncJob` catches the record up with the clock, appending the SSE events and log lines a real
 * worker would have produced at each transition. Cancel and restart act on the plan.
 */
import type { Schemas } from '../spec';
import {
  boundaries,
  evaluate,
  type JobKind,
  lossAt,
  type Phase,
  type Plan,
  type Snapshot,
  type Status,
  stepTime,
} from './timeline';

export type JobEvent = Schemas['JobEvent'] & { id: number };
export type LogEntry = Schemas['LogEntry'] & { at: number };

export interface JobRecord {
  kind: JobKind;
  id: string;
  tenant: string;
  name: string;
  description: string | null;
  metadata: Record<string, string>;
  webhookUrl: string | null;
  /** The model a completed run produces (`local/…`), listed by `/v1/models`. */
  resultModel: string;
  createdAt: number;
  /** Bumped by restart; artifacts of an earlier run are discarded. */
  run: number;
  plan: Plan;
  cancelledAt?: number;
  /** Credits the whole run costs; `cost_accrued` grows towards it with progress. */
  estimatedCost: number;
  events: JobEvent[];
  logs: LogEntry[];
  last: Snapshot;
  syncedAt: number;
}

export const TERMINAL: ReadonlySet<Status> = new Set(['completed', 'failed', 'cancelled']);
export const isLive = (job: JobRecord) => !TERMINAL.has(job.last.status);

export function snapshotAt(job: JobRecord, t: number): Snapshot {
  return evaluate(job.plan, t, job.cancelledAt);
}

/** A new record, already holding its first event and log line. */
export function newJobRecord(
  fields: Omit<JobRecord, 'events' | 'logs' | 'last' | 'syncedAt' | 'run'>,
): JobRecord {
  const job: JobRecord = {
    ...fields,
    run: 1,
    events: [],
    logs: [],
    last: evaluate(fields.plan, fields.createdAt),
    syncedAt: fields.createdAt,
  };
  log(
    job,
    fields.createdAt,
    'info',
    `job queued (${job.kind === 'distillation' ? 'distillation' : 'fine-tuning'})`,
  );
  emit(job, 'status', job.last, fields.createdAt);
  return job;
}

/** Brings the record up to `now`, stepping through every transition in between in order. */
export function syncJob(job: JobRecord, now: number): void {
  if (now < job.syncedAt) return;
  const points = boundaries(job.plan, job.cancelledAt).filter((b) => b > job.syncedAt && b <= now);
  for (const t of [...points, now]) {
    const next = snapshotAt(job, t);
    record(job, job.last, next);
    job.last = next;
  }
  job.syncedAt = now;
}

export function cancelJob(job: JobRecord, now: number): void {
  syncJob(job, now);
  job.cancelledAt = now;
  const next = snapshotAt(job, now);
  record(job, job.last, next);
  job.last = next;
}

export function restartJob(job: JobRecord, plan: Plan, now: number): void {
  syncJob(job, now);
  job.plan = plan;
  job.run += 1;
  delete job.cancelledAt;
  const next = snapshotAt(job, now);
  log(job, now, 'info', `job restarted (run ${job.run})`);
  record(job, job.last, next);
  job.last = next;
  job.syncedAt = now;
}

function emit(job: JobRecord, type: JobEvent['type'], s: Snapshot, at: number) {
  const event: JobEvent = {
    id: (job.events.at(-1)?.id ?? 0) + 1,
    type,
    job_id: job.id,
    status: s.status,
    phase: s.phase,
    progress: s.progress,
    timestamp: new Date(at).toISOString(),
  };
  if (type === 'results' && s.results) event.results = s.results;
  if (s.error) event.error = s.error;
  job.events.push(event);
}

function log(job: JobRecord, at: number, level: LogEntry['level'], message: string, phase?: Phase) {
  job.logs.push({
    at,
    timestamp: new Date(at).toISOString(),
    level,
    message,
    ...(phase ? { phase } : {}),
  });
}

/** Appends the events and log lines for the change from `prev` to `next`, in the order they happen. */
function record(job: JobRecord, prev: Snapshot, next: Snapshot) {
  const at = next.at;
  let announced = false;
  const steps = next.progress.training_steps_total ?? 0;
  const before = prev.progress.training_step ?? 0;
  const after = next.progress.training_step ?? 0;
  // A line every tenth of training, as the engine's trainer logs.
  const every = Math.max(1, Math.ceil(steps / 10));
  for (let step = Math.ceil((before + 1) / every) * every; step <= after; step += every) {
    const loss = lossAt(job.plan, step).toFixed(4);
    log(job, stepTime(job.plan, step), 'info', `step ${step}/${steps} loss ${loss}`, 'training');
  }
  if (next.phase !== prev.phase) {
    if (next.phase === 'done') log(job, at, 'info', 'all phases finished');
    else log(job, at, 'info', `phase ${next.phase} started`, next.phase);
    if (next.phase === 'data_generation' && next.progress.prompts_total !== undefined) {
      log(
        job,
        at,
        'info',
        `generating teacher samples for ${next.progress.prompts_total} prompts`,
        next.phase,
      );
    }
    emit(job, 'phase', next, at);
    announced = true;
  }
  if (next.results && !prev.results) {
    const r = next.results;
    if (r.evaluated === false) {
      log(
        job,
        at,
        'warn',
        'evaluation: no held-out row has a label or completion to score; not evaluated',
        'evaluation',
      );
    } else {
      log(
        job,
        at,
        'info',
        `evaluation: teacher ${r.teacher_accuracy} student ${r.student_accuracy} delta ${r.accuracy_delta}`,
        'evaluation',
      );
    }
    emit(job, 'results', next, at);
    announced = true;
  }
  if (next.status !== prev.status) {
    if (next.status === 'running') log(job, at, 'info', 'worker picked the job up', next.phase);
    if (next.status === 'failed')
      log(job, at, 'error', `${next.error?.code}: ${next.error?.message}`, next.phase);
    if (next.status === 'cancelled') log(job, at, 'warn', `cancelled during ${next.phase}`, next.phase);
    if (next.status === 'completed') log(job, at, 'info', 'job completed');
    if (next.status === 'pending') log(job, at, 'info', 'job queued', next.phase);
    emit(job, 'status', next, at);
    announced = true;
  }
  if (!announced && JSON.stringify(next.progress) !== JSON.stringify(prev.progress)) {
    emit(job, 'progress', next, at);
  }
}
