import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Job, JobEvent } from '../src/index.js';
import { BASE_URL, completedJob, eventStream, jobIn, pendingJob } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const JOBS_URL = `${BASE_URL}/v1/distillation`;
const JOB_URL = `${JOBS_URL}/job_abc123`;

describe('jobs', () => {
  it('create posts the body, filling in the client tenant', async () => {
    let body: unknown;
    server.use(
      http.post(JOBS_URL, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(pendingJob, { status: 201, headers: { 'x-request-id': 'req_create' } });
      }),
    );
    const config = { teacher_model: 'openai/gpt-4o-mini', student_model: 'llama-3.2-1b', num_prompts: 50 };
    const job = await testClient({ tenantId: 'acme' }).jobs.create({ name: 'demo', config });
    expect(body).toEqual({ name: 'demo', config, tenant_id: 'acme' });
    expect(job).toMatchObject({ id: 'job_abc123', status: 'pending', phase: 'initializing' });
    expect(job.requestId).toBe('req_create');
  });

  it('get returns the job', async () => {
    server.use(http.get(JOB_URL, () => HttpResponse.json(completedJob)));
    expect(await testClient().jobs.get('job_abc123')).toEqual(completedJob);
  });

  it('cancel, restart and delete call their routes', async () => {
    const calls: string[] = [];
    server.use(
      http.post(`${JOB_URL}/cancel`, () => {
        calls.push('cancel');
        return HttpResponse.json(jobIn('cancelled', 'training'));
      }),
      http.post(`${JOB_URL}/restart`, () => {
        calls.push('restart');
        return HttpResponse.json(pendingJob);
      }),
      http.delete(JOB_URL, () => {
        calls.push('delete');
        return new HttpResponse(null, { status: 204, headers: { 'x-request-id': 'req_del' } });
      }),
    );
    const client = testClient();
    expect((await client.jobs.cancel('job_abc123')).status).toBe('cancelled');
    expect((await client.jobs.restart('job_abc123')).status).toBe('pending');
    expect(await client.jobs.delete('job_abc123')).toEqual({ requestId: 'req_del' });
    expect(calls).toEqual(['cancel', 'restart', 'delete']);
  });

  it('logs passes lines and since, and metrics returns the loss curve', async () => {
    let query = '';
    server.use(
      http.get(`${JOB_URL}/logs`, ({ request }) => {
        query = new URL(request.url).search;
        return HttpResponse.json({
          job_id: 'job_abc123',
          lines: [{ timestamp: '2026-04-19T12:03:41Z', level: 'info', message: 'step 45/100 loss 0.6812' }],
          has_more: false,
        });
      }),
      http.get(`${JOB_URL}/metrics`, () =>
        HttpResponse.json({
          job_id: 'job_abc123',
          points: [{ step: 10, loss: 1.94, timestamp: '2026-04-19T12:02:10Z' }],
        }),
      ),
    );
    const client = testClient();
    const logs = await client.jobs.logs('job_abc123', { lines: 50, since: '2026-04-19T12:00:00Z' });
    expect(query).toBe('?lines=50&since=2026-04-19T12%3A00%3A00Z');
    expect(logs.lines[0]?.message).toBe('step 45/100 loss 0.6812');
    expect((await client.jobs.metrics('job_abc123')).points.map((p) => p.loss)).toEqual([1.94]);
  });

  it('estimate returns cost, time and FLOPs', async () => {
    server.use(
      http.post(`${JOBS_URL}/estimate`, () =>
        HttpResponse.json({
          estimated_cost: 0.42,
          currency: 'credits',
          estimated_seconds: 185,
          flops: 2.1e13,
          tokens: 1228800,
          backend: 'cpu',
          within_budget: true,
        }),
      ),
    );
    const estimate = await testClient().jobs.estimate({
      config: { teacher_model: 'local/ft-spam-teacher', student_model: 'distillery-micro' },
    });
    expect(estimate).toMatchObject({ estimated_cost: 0.42, within_budget: true });
  });

  it('events yields each event and tracks the last event id for resuming', async () => {
    let lastEventId: string | null = null;
    const base = { job_id: 'job_abc123', timestamp: '2026-04-19T12:03:41Z' };
    server.use(
      http.get(`${JOB_URL}/events`, ({ request }) => {
        lastEventId = request.headers.get('last-event-id');
        return new HttpResponse(
          eventStream(
            [
              ['progress', { ...base, type: 'progress', status: 'running', phase: 'training' }],
              ['status', { ...base, type: 'status', status: 'completed', phase: 'done' }],
            ],
            4,
          ),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const stream = await testClient().jobs.events('job_abc123', { lastEventId: '3' });
    const events: JobEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(lastEventId).toBe('3');
    expect(events.map((e) => e.status)).toEqual(['running', 'completed']);
    expect(stream.lastEventId).toBe('5');
  });
});

describe('jobs.list pagination', () => {
  const jobs = Array.from({ length: 5 }, (_, i): Job => ({ ...pendingJob, id: `job_${i}` }));

  function pagedJobs(requests: string[]) {
    return http.get(JOBS_URL, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url.search);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const page = jobs.slice(offset, offset + limit);
      return HttpResponse.json({
        jobs: page,
        total: jobs.length,
        has_more: offset + page.length < jobs.length,
      });
    });
  }

  it('awaits to the first page with its totals', async () => {
    const requests: string[] = [];
    server.use(pagedJobs(requests));
    const page = await testClient().jobs.list({ limit: 2, status: 'pending' });
    expect(page.items.map((j) => j.id)).toEqual(['job_0', 'job_1']);
    expect(page.data).toBe(page.items); // deprecated alias
    expect(page.jobs).toBe(page.items); // the API's own field
    expect(page.total).toBe(5);
    expect(page.hasMore).toBe(true);
    expect(page.hasNextPage()).toBe(true);
    expect(requests).toEqual(['?limit=2&status=pending&offset=0']);
    const next = await page.getNextPage();
    expect(next.items.map((j) => j.id)).toEqual(['job_2', 'job_3']);
    expect(next.offset).toBe(2);
  });

  it('iterates every item across pages with for await', async () => {
    const requests: string[] = [];
    server.use(pagedJobs(requests));
    const ids: string[] = [];
    for await (const job of testClient().jobs.list({ limit: 2 })) ids.push(job.id);
    expect(ids).toEqual(['job_0', 'job_1', 'job_2', 'job_3', 'job_4']);
    expect(requests).toEqual(['?limit=2&offset=0', '?limit=2&offset=2', '?limit=2&offset=4']);
  });

  it('fetches pages lazily: nothing before use, and no further page after a break', async () => {
    const requests: string[] = [];
    server.use(pagedJobs(requests));
    const list = testClient().jobs.list({ limit: 2 });
    expect(requests).toEqual([]);
    for await (const job of list) {
      if (job.id === 'job_1') break;
    }
    expect(requests).toHaveLength(1);
  });
});
