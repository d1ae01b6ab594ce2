import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Schemas } from '../openapi/spec.ts';
import { enqueueTraining } from '../queue/queue.ts';
import { estimateDistillation, estimateFineTuning } from '../services/estimate.ts';
import { assertWebhookUrl, queueWebhook } from '../services/webhooks.ts';
import { listArtifacts } from '../storage/artifacts.ts';
import { getDataset } from '../storage/datasets.ts';
import {
  appendEvent,
  appendLog,
  eventData,
  eventsAfter,
  lastEventId,
  listLogs,
  listMetrics,
} from '../storage/job-records.ts';
import {
  cancelJob,
  deleteJob,
  getJob,
  getJobById,
  type JobKind,
  type JobRow,
  restartJob,
  TERMINAL_STATUSES,
} from '../storage/jobs.ts';
import type { FineTuningConfigRow } from './present.ts';

/**
 * The state machine and records shared by distillation and fine-tuning jobs:
 * pending → running → completed | failed | cancelled; cancel only while live, restart and delete
 * only once finished.
 */
export function jobDir(s: Services, job: Pick<JobRow, 'id' | 'kind'>): string {
  return join(s.settings.dataDir, job.kind === 'distillation' ? 'distillation' : 'fine-tuning', job.id);
}

export async function loadJob(s: Services, c: Context<AppEnv>, kind: JobKind): Promise<JobRow> {
  const { job_id } = c.get('input').path as { job_id: string };
  const job = await getJob(s.db, c.get('input').tenantId, kind, job_id);
  if (!job) throw notFound('job_not_found', `No job ${job_id}`, 'job_id');
  return job;
}

export async function cancel(s: Services, c: Context<AppEnv>, kind: JobKind): Promise<JobRow> {
  const { job_id } = c.get('input').path as { job_id: string };
  const r = await cancelJob(s.db, c.get('input').tenantId, kind, job_id);
  if (!r) throw notFound('job_not_found', `No job ${job_id}`, 'job_id');
  if (!r.changed) throw new ApiError(409, 'job_terminal', `Job ${job_id} is already ${r.row.status}`);
  // A running job's worker sees the status within a second and aborts the engine.
  await appendEvent(s.db, r.row, 'status');
  await appendLog(s.db, job_id, 'warn', r.row.phase, 'cancelled by request');
  await queueWebhook(s.boss, r.row, 'job.cancelled');
  return r.row;
}

export async function restart(s: Services, c: Context<AppEnv>, kind: JobKind): Promise<JobRow> {
  const current = await loadJob(s, c, kind);
  if (!TERMINAL_STATUSES.includes(current.status)) {
    throw new ApiError(409, 'job_already_running', `Job ${current.id} is ${current.status}; cancel it first`);
  }
  // The operator's webhook rules may have changed since the job was created.
  assertWebhookUrl(current.webhook_url, s.settings.webhookHosts);
  await assertBudget(s, current);
  const r = await restartJob(s.db, current.tenant_id, kind, current.id);
  if (!r) throw notFound('job_not_found', `No job ${current.id}`, 'job_id');
  if (!r.changed)
    throw new ApiError(409, 'job_already_running', `Job ${current.id} is ${r.row.status}; cancel it first`);
  // From the start: checkpoints of the previous attempt must not be resumed.
  await rm(join(jobDir(s, r.row), 'work'), { recursive: true, force: true });
  await appendEvent(s.db, r.row, 'status');
  await appendLog(s.db, r.row.id, 'info', 'initializing', `restarted (attempt ${r.row.attempt + 1})`);
  await enqueueTraining(s.boss, r.row.tenant_id, { job_id: r.row.id, attempt: r.row.attempt });
  return r.row;
}

/** 402 when the job's estimate exceeds what the tenant has left. */
async function assertBudget(s: Services, job: JobRow): Promise<void> {
  let estimate: { estimated_cost: number; within_budget: boolean; remaining_budget: number | null };
  if (job.kind === 'distillation') {
    estimate = await estimateDistillation(
      s.db,
      s.settings,
      job.tenant_id,
      job.config as Schemas['DistillationConfig'],
      0,
    );
  } else {
    const c = job.config as unknown as FineTuningConfigRow;
    const ds = await getDataset(s.db, job.tenant_id, c.training_dataset);
    estimate = await estimateFineTuning(
      s.db,
      s.settings,
      job.tenant_id,
      c.base_model,
      c.hyperparameters,
      ds?.row_count ?? 0,
    );
  }
  if (!estimate.within_budget)
    throw insufficientCredits(job.tenant_id, estimate.estimated_cost, estimate.remaining_budget ?? 0);
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

export async function remove(s: Services, c: Context<AppEnv>, kind: JobKind): Promise<void> {
  const { job_id } = c.get('input').path as { job_id: string };
  const r = await deleteJob(s.db, c.get('input').tenantId, kind, job_id);
  if (!r) throw notFound('job_not_found', `No job ${job_id}`, 'job_id');
  if (r !== 'deleted')
    throw new ApiError(409, 'job_already_running', `Job ${job_id} is ${r.status}; cancel it first`);
  await rm(jobDir(s, { id: job_id, kind }), { recursive: true, force: true });
}

export async function logs(s: Services, c: Context<AppEnv>, kind: JobKind): Promise<Schemas['JobLogs']> {
  const job = await loadJob(s, c, kind);
  const q = c.get('input').query as { lines: number; since?: string };
  const { rows, hasMore } = await listLogs(s.db, job.id, q.lines, q.since);
  return {
    job_id: job.id,
    lines: rows.map((r) => ({
      timestamp: r.ts.toISOString(),
      level: r.level,
      ...(r.phase ? { phase: r.phase as Schemas['JobPhase'] } : {}),
      message: r.message,
    })),
    has_more: hasMore,
  };
}

export async function metrics(
  s: Services,
  c: Context<AppEnv>,
  kind: JobKind,
): Promise<Schemas['JobMetrics']> {
  const job = await loadJob(s, c, kind);
  return { job_id: job.id, points: await listMetrics(s.db, job.id) };
}

/**
 * Server-Sent Events: a `snapshot` first (or, with Last-Event-ID, the events missed since), then
 * each recorded event as it is written, ending after the event that makes the job terminal.
 */
export async function events(s: Services, c: Context<AppEnv>, kind: JobKind) {
  const job = await loadJob(s, c, kind);
  const resumeFrom = c.get('input').header['last-event-id'] as string | undefined;
  c.header('Cache-Control', 'no-cache');
  c.header('x-request-id', c.get('requestId'));
  return streamSSE(c, async (stream) => {
    let closed = false;
    stream.onAbort(() => {
      closed = true;
    });
    let last = resumeFrom ?? (await lastEventId(s.db, job.id));
    if (!resumeFrom) {
      await stream.writeSSE({
        id: last,
        event: 'snapshot',
        data: JSON.stringify(eventData(job, 'snapshot')),
      });
      if (TERMINAL_STATUSES.includes(job.status)) return;
    }
    let idle = 0;
    while (!closed) {
      const batch = await eventsAfter(s.db, job.id, last);
      for (const e of batch) {
        await stream.writeSSE({ id: e.id, event: e.type, data: JSON.stringify(e.data) });
        last = e.id;
        if (TERMINAL_STATUSES.includes(e.data.status as JobRow['status'])) return;
      }
      if (batch.length === 0) {
        // Resumed after the terminal event, or the job was deleted: nothing more will come.
        const now = await getJobById(s.db, job.id);
        if (
          !now ||
          (TERMINAL_STATUSES.includes(now.status) && (await eventsAfter(s.db, job.id, last)).length === 0)
        )
          return;
        if (++idle % 30 === 0) await stream.write(': keep-alive\n\n');
        await stream.sleep(500);
      } else idle = 0;
    }
  });
}

/** Streams an artifact, whole or one byte range, with its sha256 in `x-checksum-sha256`. */
export async function download(s: Services, c: Context<AppEnv>, kind: JobKind): Promise<Response> {
  const job = await loadJob(s, c, kind);
  const format = (c.get('input').path as { format: string }).format;
  const artifact = (await listArtifacts(s.db, job.id)).find((a) => a.format === format);
  if (!artifact) throw notFound('artifact_not_found', `Job ${job.id} has no ${format} artifact`, 'format');
  const size = (await stat(artifact.path).catch(() => null))?.size;
  if (size === undefined)
    throw notFound('artifact_not_found', `The ${format} file of job ${job.id} is missing on disk`, 'format');
  const name = artifact.path.slice(artifact.path.lastIndexOf('/') + 1);
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'x-checksum-sha256': artifact.checksum_sha256,
    'accept-ranges': 'bytes',
    'content-disposition': `attachment; filename="${name}"`,
    'x-request-id': c.get('requestId'),
  };
  const range = c.get('input').header.range as string | undefined;
  let start = 0;
  let end = size - 1;
  let status = 200;
  // A Range that is not one `bytes=a-b` is ignored and the whole file served, as RFC 9110 allows.
  const parsed = range?.match(/^bytes=(\d*)-(\d*)$/);
  if (range && parsed) {
    const [, a = '', b = ''] = parsed;
    if (a === '' && b !== '') {
      start = Math.max(0, size - Number(b));
    } else {
      start = Number(a || 0);
      end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    }
    if (start >= size || start > end || (a === '' && b === '')) {
      throw new ApiError(416, 'invalid_request', `Range ${range} is outside the ${size}-byte file`, {
        param: 'Range',
        headers: { 'Content-Range': `bytes */${size}` },
      });
    }
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['content-length'] = String(end - start + 1);
  const body = Readable.toWeb(createReadStream(artifact.path, { start, end })) as ReadableStream;
  return new Response(body, { status, headers });
}
