import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Schemas } from '../openapi/spec.ts';
import { listArtifacts } from '../storage/artifacts.ts';
import { eventData, eventsAfter, lastEventId, listLogs, listMetrics } from '../storage/job-records.ts';
import { getJobById, type JobRow, TERMINAL_STATUSES } from '../storage/jobs.ts';

/**
 * What distillation and fine-tuning routes share: a job's records, read and shaped for HTTP. Each
 * takes the job its route found (with the jobs service's `findJob`) and the validated input it needs.
 */
export async function logs(
  s: Services,
  job: JobRow,
  query: { lines: number; since?: string },
): Promise<Schemas['JobLogs']> {
  const { rows, hasMore } = await listLogs(s.db, job.id, query.lines, query.since);
  return {
    job_id: job.id,
    lines: rows.map((r) => ({
      timestamp: r.ts.toISOString(),
      level: r.level,
      ...(r.phase ? { phase: r.phase } : {}),
      message: r.message,
    })),
    has_more: hasMore,
  };
}

export async function metrics(s: Services, job: JobRow): Promise<Schemas['JobMetrics']> {
  return { job_id: job.id, points: await listMetrics(s.db, job.id) };
}

/**
 * Server-Sent Events: a `snapshot` first (or, with Last-Event-ID, the events missed since), then
 * each recorded event as it is written, ending after the event that makes the job terminal.
 */
export function events(
  s: Services,
  c: Context,
  job: JobRow,
  resumeFrom: string | undefined,
  requestId: string,
) {
  c.header('Cache-Control', 'no-cache');
  c.header('x-request-id', requestId);
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
export async function download(
  s: Services,
  job: JobRow,
  format: string,
  range: string | undefined,
  requestId: string,
): Promise<Response> {
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
    'x-request-id': requestId,
  };
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
