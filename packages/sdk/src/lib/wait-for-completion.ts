import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  DistilleryError,
  JobCancelledError,
  JobFailedError,
  WaitTimeoutError,
} from '../core/errors.js';
import type { JobEventStream } from '../core/event-stream.js';
import type { RequestOptions } from '../core/options.js';
import { sleep } from '../core/sleep.js';
import type { FineTuningJob, Job, JobEvent } from '../types.js';

export interface WaitForCompletionOptions<J> {
  /**
   * Milliseconds between two `get` calls while polling (when `useEvents` is false, or the server
   * offers no event stream), and the pause before reconnecting a dropped stream. Default 5 000.
   * Reference 001's `pollInterval: 60_000` polls once a minute.
   */
  pollInterval?: number | undefined;
  /** Give up after this many milliseconds with a `WaitTimeoutError`. Default: wait as long as it takes. */
  timeout?: number | undefined;
  /** Stops waiting (and any request or back-off in flight) with an `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with the job on every change of its status, phase or progress, starting with its current state. */
  onProgress?: ((job: J) => void) | undefined;
  /** Follow the SSE `events` stream (default) or only poll. */
  useEvents?: boolean | undefined;
}

/** The two reads waiting needs; both job resources provide them. */
export interface JobSource<J> {
  get(id: string, options?: RequestOptions): Promise<J>;
  events(
    id: string,
    options?: RequestOptions & { lastEventId?: string | undefined },
  ): Promise<JobEventStream>;
}

type AnyJob = Job | FineTuningJob;

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
/** Consecutive stream failures after which waiting falls back to polling. */
const MAX_STREAM_FAILURES = 3;

export function isTerminal(job: { status: string }): boolean {
  return TERMINAL.has(job.status);
}

/**
 * Resolves with the job once it is `completed`; rejects with `JobFailedError`, `JobCancelledError`,
 * `WaitTimeoutError` or `APIUserAbortError`. Follows the SSE stream, resuming it with `Last-Event-ID`
 * after a disconnect, and polls when the server offers no stream.
 */
export async function waitForCompletion<J extends AnyJob>(
  source: JobSource<J>,
  id: string,
  options: WaitForCompletionOptions<J> = {},
): Promise<J> {
  const { pollInterval = 5_000, timeout, onProgress, useEvents = true } = options;
  const deadline = new AbortController();
  const timer = timeout === undefined ? undefined : setTimeout(() => deadline.abort(), timeout);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  let job: J | undefined;
  let reported = '';
  const observe = (next: J) => {
    job = next;
    const key = JSON.stringify([next.status, next.phase, next.progress ?? null]);
    if (key !== reported) {
      reported = key;
      onProgress?.(next);
    }
  };

  try {
    observe(await source.get(id, { signal }));
    if (useEvents && job && !isTerminal(job)) await followEvents(source, job, signal, pollInterval, observe);
    while (job && !isTerminal(job)) {
      await sleep(pollInterval, signal);
      observe(await source.get(id, { signal }));
    }
    return settle(job as J);
  } catch (error) {
    if (deadline.signal.aborted && !options.signal?.aborted && job) {
      throw new WaitTimeoutError(job, timeout ?? 0);
    }
    if (options.signal?.aborted && !(error instanceof APIUserAbortError)) {
      throw new APIUserAbortError('Waiting aborted', { cause: options.signal.reason });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function settle<J extends AnyJob>(job: J): J {
  if (job.status === 'failed') throw new JobFailedError(job);
  if (job.status === 'cancelled') throw new JobCancelledError(job);
  return job;
}

/** Folds one event into the job as last seen. */
function applyEvent<J extends AnyJob>(job: J, event: JobEvent): J {
  const next = { ...job, status: event.status, phase: event.phase };
  if (event.progress !== undefined) next.progress = event.progress;
  if (event.error !== undefined) next.error = event.error;
  if (event.results !== undefined && 'results' in next) next.results = event.results;
  return next;
}

/** Whether an error means "no usable stream here" (poll instead) rather than a real failure to report. */
function streamUnavailable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIError) {
    // A 404 about the job itself is the caller's problem; any other 404/405/501 means no events route.
    if (error.status === 404) return error.code !== 'job_not_found';
    return error.status === 405 || error.status === 501 || error.status >= 500;
  }
  return error instanceof APIConnectionError || error instanceof DistilleryError;
}

/**
 * Reads events until the job is terminal, then re-reads the whole job (events carry only the fields
 * that change). Returns without a terminal job when the stream is unavailable, so the caller polls.
 */
async function followEvents<J extends AnyJob>(
  source: JobSource<J>,
  job: J,
  signal: AbortSignal,
  pollInterval: number,
  observe: (job: J) => void,
): Promise<void> {
  const { id } = job;
  let current = job;
  let lastEventId: string | undefined;
  let failures = 0;
  while (failures < MAX_STREAM_FAILURES) {
    let stream: JobEventStream;
    try {
      stream = await source.events(id, { signal, lastEventId, maxRetries: 0 });
    } catch (error) {
      if (!streamUnavailable(error)) throw error;
      return;
    }
    try {
      for await (const event of stream) {
        current = applyEvent(current, event);
        if (isTerminal(current)) {
          observe(await source.get(id, { signal }));
          return;
        }
        observe(current);
        failures = 0;
      }
    } catch (error) {
      if (signal.aborted) throw error;
    } finally {
      lastEventId = stream.lastEventId;
    }
    // The connection ended before the job did: a proxy timeout or a server restart. Resume after a pause.
    failures++;
    await sleep(pollInterval, signal);
  }
}
