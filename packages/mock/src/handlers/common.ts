/**
 * Behaviour shared by the job operations of both kinds: listing with filters and pages,
 * idempotent creates, logs, loss curves and the Server-Sent Events stream.
 */
import { HttpResponse } from 'msw';
import type { MockContext } from '../context';
import { ApiError } from '../http/errors';
import type { Call } from '../http/pipeline';
import type { Schemas } from '../spec';
import { type JobEvent, type JobRecord, syncJob, TERMINAL } from '../state/jobs';
import { fingerprint } from '../state/store';
import { lossAt, round, stepTime } from '../state/timeline';

/** Limit and offset from the query (already validated against the spec), with the spec's defaults. */
export function pageOf<T>(items: T[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const page = items.slice(offset, offset + limit);
  return { page, total: items.length, limit, offset, has_more: offset + page.length < items.length };
}

/** The `status`, `since` and `search` filters of the list operations. */
export function filterJobs<T extends JobRecord>(jobs: T[], url: URL): T[] {
  const status = url.searchParams.get('status');
  // `training` is the reference API's name for a running job; it stays a valid filter.
  const wanted = status === 'training' ? 'running' : status;
  const since = url.searchParams.get('since');
  const search = url.searchParams.get('search')?.toLowerCase();
  return jobs.filter(
    (job) =>
      (!wanted || job.last.status === wanted) &&
      (!since || job.createdAt >= Date.parse(since)) &&
      (!search || `${job.name}\n${job.description ?? ''}`.toLowerCase().includes(search)),
  );
}

export const newestFirst = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

/**
 * Runs a create under its Idempotency-Key: the same key and body replays the first result (with
 * `Idempotent-Replayed: true`), the same key with another body is a 409.
 */
export function idempotent<T>(
  ctx: MockContext,
  call: Call,
  request: Request,
  operationId: string,
  body: unknown,
  lookup: (id: string) => T | undefined,
  create: () => { id: string; value: T },
): { value: T; replayed: boolean } {
  const key = request.headers.get('idempotency-key');
  if (key === null) return { value: create().value, replayed: false };
  const scope = `${call.tenant}:${operationId}`;
  const print = fingerprint(body);
  const seen = ctx.state.recall(scope, key, print, call.now);
  if (seen && !seen.sameBody) {
    throw new ApiError(409, 'idempotency_conflict', `Idempotency-Key ${key} was used with a different body`, {
      param: 'Idempotency-Key',
    });
  }
  const earlier = seen ? lookup(seen.resourceId) : undefined;
  if (earlier !== undefined) return { value: earlier, replayed: true };
  const created = create();
  ctx.state.remember(scope, key, print, created.id, call.now);
  return { value: created.value, replayed: false };
}

export function logsBody(job: JobRecord, url: URL): Schemas['JobLogs'] {
  const lines = Number(url.searchParams.get('lines') ?? 200);
  const since = url.searchParams.get('since');
  const after = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
  const matching = job.logs.filter((entry) => entry.at > after);
  const newest = matching.slice(-lines);
  return {
    job_id: job.id,
    lines: newest.map(({ at: _at, ...entry }) => entry),
    has_more: newest.length < matching.length,
  };
}

/** The loss curve: a point every twentieth of training, up to the step the job has reached. */
export function metricsBody(job: JobRecord, peakLearningRate: number): Schemas['JobMetrics'] {
  const total = job.plan.stepsTotal;
  const reached = job.last.progress.training_step ?? 0;
  const every = Math.max(1, Math.floor(total / 20));
  const points: Schemas['MetricPoint'][] = [];
  for (let step = every; step <= reached; step += every) {
    const loss = lossAt(job.plan, step);
    points.push({
      step,
      loss,
      kd_loss: round(loss * 0.62, 4),
      ce_loss: round(loss * 0.38, 4),
      // Cosine decay from the peak, as the engine's scheduler does.
      learning_rate: round(peakLearningRate * 0.5 * (1 + Math.cos((Math.PI * step) / total)), 8),
      tokens_per_second: round(5100 + 100 * Math.sin(step), 1),
      timestamp: new Date(stepTime(job.plan, step)).toISOString(),
    });
  }
  return { job_id: job.id, points };
}

const encoder = new TextEncoder();
const frame = (id: number, event: Omit<JobEvent, 'id'>) =>
  encoder.encode(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

/**
 * A `text/event-stream` of the job's events. Without `Last-Event-ID` it opens with a `snapshot`
 * (whose id is the latest event's, so a reconnect resumes from there); with one it replays every
 * later event. It follows the clock and ends after the event that makes the job terminal.
 */
export function eventStream(ctx: MockContext, job: JobRecord, lastEventId: number | undefined): Response {
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      syncJob(job, ctx.clock.now());
      let sent = lastEventId ?? job.events.at(-1)?.id ?? 0;
      if (lastEventId === undefined) {
        const s = job.last;
        controller.enqueue(
          frame(sent, {
            type: 'snapshot',
            job_id: job.id,
            status: s.status,
            phase: s.phase,
            progress: s.progress,
            ...(s.results ? { results: s.results } : {}),
            ...(s.error ? { error: s.error } : {}),
            timestamp: ctx.clock.iso(),
          }),
        );
      }
      const pump = () => {
        const deleted = ctx.state.jobs.get(job.id) !== job;
        if (!deleted) syncJob(job, ctx.clock.now());
        for (const { id, ...event } of job.events) {
          if (id <= sent) continue;
          controller.enqueue(frame(id, event));
          sent = id;
        }
        if (deleted || TERMINAL.has(job.last.status)) {
          stop();
          controller.close();
        }
      };
      const offClock = ctx.clock.subscribe(pump);
      const offState = ctx.state.onChange(pump);
      stop = () => {
        offClock();
        offState();
      };
      pump();
    },
    cancel() {
      stop();
    },
  });
  return new HttpResponse(stream, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
  });
}

export function lastEventIdOf(request: Request): number | undefined {
  const header = request.headers.get('last-event-id');
  return header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
}

export function jobConflict(job: JobRecord, action: 'restart' | 'delete' | 'cancel') {
  if (action === 'cancel') {
    if (TERMINAL.has(job.last.status)) {
      throw new ApiError(409, 'job_terminal', `Job ${job.id} is already ${job.last.status}`);
    }
    return;
  }
  if (!TERMINAL.has(job.last.status)) {
    const verb = job.kind === 'distillation' ? 'cancel' : 'stop';
    throw new ApiError(409, 'job_already_running', `Job ${job.id} is ${job.last.status}; ${verb} it first`);
  }
}
