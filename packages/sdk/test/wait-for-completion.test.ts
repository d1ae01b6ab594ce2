import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  type Job,
  JobCancelledError,
  JobFailedError,
  NotFoundError,
  WaitTimeoutError,
} from '../src/index.js';
import { BASE_URL, completedJob, errorBody, eventStream, jobIn } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const JOB_URL = `${BASE_URL}/v1/distillation/job_abc123`;
const EVENTS_URL = `${JOB_URL}/events`;
const sseHeaders = { 'content-type': 'text/event-stream' };
const noEvents = http.get(EVENTS_URL, () =>
  HttpResponse.json(errorBody(404, 'invalid_request', 'no such route'), { status: 404 }),
);

/** Answers GETs of the job with each state in turn, repeating the last. */
function jobStates(...states: Job[]) {
  let calls = 0;
  const handler = http.get(JOB_URL, () => HttpResponse.json(states[Math.min(calls++, states.length - 1)]));
  return { handler, calls: () => calls };
}

describe('waitForCompletion over the event stream', () => {
  it('follows events to the end, reporting each change, and returns the job re-read in full', async () => {
    const gets = jobStates(jobIn('pending', 'initializing'), completedJob);
    let lastEventIdSent: string | null = 'unset';
    server.use(
      gets.handler,
      http.get(EVENTS_URL, ({ request }) => {
        lastEventIdSent = request.headers.get('last-event-id');
        const base = { job_id: 'job_abc123', timestamp: '2026-04-19T12:00:00Z' };
        return new HttpResponse(
          eventStream([
            ['snapshot', { ...base, type: 'snapshot', status: 'running', phase: 'data_generation' }],
            [
              'progress',
              {
                ...base,
                type: 'progress',
                status: 'running',
                phase: 'data_generation',
                progress: { prompts_done: 50 },
              },
            ],
            [
              'phase',
              {
                ...base,
                type: 'phase',
                status: 'running',
                phase: 'training',
                progress: { training_step: 1 },
              },
            ],
            ['status', { ...base, type: 'status', status: 'completed', phase: 'done' }],
          ]),
          { headers: sseHeaders },
        );
      }),
    );
    const seen: string[] = [];
    const job = await testClient().jobs.waitForCompletion('job_abc123', {
      pollInterval: 10_000,
      onProgress: (j) => seen.push(`${j.status}/${j.phase}/${JSON.stringify(j.progress)}`),
    });
    expect(job).toEqual(completedJob);
    expect(lastEventIdSent).toBeNull();
    expect(seen).toEqual([
      'pending/initializing/{}',
      'running/data_generation/{}',
      'running/data_generation/{"prompts_done":50}',
      'running/training/{"training_step":1}',
      `completed/done/${JSON.stringify(completedJob.progress)}`,
    ]);
    expect(gets.calls()).toBe(2);
  });

  it('resumes with Last-Event-ID when the stream drops before the job ends', async () => {
    const gets = jobStates(jobIn('running', 'training'), completedJob);
    const resumedFrom: (string | null)[] = [];
    const base = { job_id: 'job_abc123', timestamp: '2026-04-19T12:00:00Z' };
    server.use(
      gets.handler,
      http.get(EVENTS_URL, ({ request }) => {
        const from = request.headers.get('last-event-id');
        resumedFrom.push(from);
        const events: [string, object][] =
          from === null
            ? [
                [
                  'progress',
                  {
                    ...base,
                    type: 'progress',
                    status: 'running',
                    phase: 'training',
                    progress: { training_step: 2 },
                  },
                ],
              ]
            : [['status', { ...base, type: 'status', status: 'completed', phase: 'done' }]];
        return new HttpResponse(eventStream(events, from === null ? 7 : 8), { headers: sseHeaders });
      }),
    );
    const job = await testClient().jobs.waitForCompletion('job_abc123', { pollInterval: 5 });
    expect(job.status).toBe('completed');
    expect(resumedFrom).toEqual([null, '7']);
  });

  it('stops reading the stream as soon as the signal aborts', async () => {
    server.use(
      jobStates(jobIn('running', 'training')).handler,
      http.get(EVENTS_URL, () => {
        // Open and silent, like a long training step.
        const body = new ReadableStream<Uint8Array>({ start() {} });
        return new HttpResponse(body, { headers: sseHeaders });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await testClient()
      .jobs.waitForCompletion('job_abc123', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects with JobFailedError carrying the job and its error code', async () => {
    const failed: Job = {
      ...jobIn('failed', 'data_generation'),
      error: {
        code: 'teacher_unreachable',
        message: 'openai/gpt-4o did not answer',
        phase: 'data_generation',
      },
    };
    const base = { job_id: 'job_abc123', timestamp: '2026-04-19T12:00:00Z' };
    server.use(
      jobStates(jobIn('running', 'data_generation'), failed).handler,
      http.get(
        EVENTS_URL,
        () =>
          new HttpResponse(
            eventStream([
              ['status', { ...base, type: 'status', status: 'failed', phase: 'data_generation' }],
            ]),
            {
              headers: sseHeaders,
            },
          ),
      ),
    );
    const error = await testClient()
      .jobs.waitForCompletion('job_abc123')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ code: 'teacher_unreachable', job: failed });
  });
});

describe('waitForCompletion by polling', () => {
  it('polls when the server has no event stream, reporting only changes', async () => {
    const running = jobIn('running', 'training', { training_step: 5 });
    const gets = jobStates(jobIn('pending', 'initializing'), running, running, completedJob);
    server.use(gets.handler, noEvents);
    const seen: string[] = [];
    const job = await testClient().jobs.waitForCompletion('job_abc123', {
      pollInterval: 5,
      onProgress: (j) => seen.push(j.status),
    });
    expect(job).toEqual(completedJob);
    expect(gets.calls()).toBe(4);
    expect(seen).toEqual(['pending', 'running', 'completed']);
  });

  it('polls when asked not to use events', async () => {
    let streamed = false;
    server.use(
      jobStates(jobIn('running', 'training'), completedJob).handler,
      http.get(EVENTS_URL, () => {
        streamed = true;
        return new HttpResponse('', { headers: sseHeaders });
      }),
    );
    await testClient().jobs.waitForCompletion('job_abc123', { pollInterval: 5, useEvents: false });
    expect(streamed).toBe(false);
  });

  it('rejects with JobCancelledError when the job is cancelled', async () => {
    server.use(jobStates(jobIn('running', 'training'), jobIn('cancelled', 'training')).handler, noEvents);
    const error = await testClient()
      .jobs.waitForCompletion('job_abc123', { pollInterval: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobCancelledError);
    expect((error as JobCancelledError).job.status).toBe('cancelled');
  });

  it('rejects with WaitTimeoutError and the last state once the timeout passes', async () => {
    server.use(jobStates(jobIn('running', 'training', { training_step: 3 })).handler, noEvents);
    const error = await testClient()
      .jobs.waitForCompletion('job_abc123', { pollInterval: 20, timeout: 120 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).job.progress).toEqual({ training_step: 3 });
  });

  it('stops between polls as soon as the signal aborts', async () => {
    const gets = jobStates(jobIn('running', 'training'));
    server.use(gets.handler, noEvents);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await testClient()
      .jobs.waitForCompletion('job_abc123', { pollInterval: 60_000, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(gets.calls()).toBe(1);
  });

  it('stops during a retry back-off as soon as the signal aborts', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => {
        calls++;
        return HttpResponse.json({}, { status: 503, headers: { 'Retry-After': '30' } });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await testClient()
      .jobs.waitForCompletion('job_abc123', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(calls).toBe(1);
  });

  it('rejects at once for a job that does not exist', async () => {
    server.use(
      http.get(JOB_URL, () => HttpResponse.json(errorBody(404, 'job_not_found', 'No job'), { status: 404 })),
    );
    await expect(testClient().jobs.waitForCompletion('job_abc123')).rejects.toBeInstanceOf(NotFoundError);
  });
});
