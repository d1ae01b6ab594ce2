import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { FineTuningJob } from '../src/index.js';
import { BASE_URL, pendingFineTuningJob } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const FT_URL = `${BASE_URL}/v1/fine-tuning`;
const JOB_URL = `${FT_URL}/jobs/ftjob_abc123`;
const completed: FineTuningJob = {
  ...pendingFineTuningJob,
  status: 'completed',
  phase: 'done',
  result_model: 'local/ft-spam-teacher',
};

describe('fineTuning.jobs', () => {
  it('create sends the body with an Idempotency-Key', async () => {
    let body: unknown;
    let key: string | null = null;
    server.use(
      http.post(`${FT_URL}/jobs`, async ({ request }) => {
        body = await request.json();
        key = request.headers.get('idempotency-key');
        return HttpResponse.json(pendingFineTuningJob, { status: 201 });
      }),
    );
    const params = {
      name: 'spam teacher',
      base_model: 'distillery-small',
      training_dataset: 'ds_2b7f1c9e4a',
      hyperparameters: { epochs: 2 },
      suffix: 'spam-teacher',
    };
    const job = await testClient().fineTuning.jobs.create(params);
    expect(body).toEqual(params);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.id).toBe('ftjob_abc123');
  });

  it('get, cancel (stop), restart and delete call their routes', async () => {
    const calls: string[] = [];
    const answer = (name: string, job: FineTuningJob) => () => {
      calls.push(name);
      return HttpResponse.json(job);
    };
    server.use(
      http.get(JOB_URL, answer('get', completed)),
      http.post(`${JOB_URL}/stop`, answer('stop', { ...pendingFineTuningJob, status: 'cancelled' })),
      http.post(`${JOB_URL}/restart`, answer('restart', pendingFineTuningJob)),
      http.delete(JOB_URL, () => {
        calls.push('delete');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const jobs = testClient().fineTuning.jobs;
    expect((await jobs.get('ftjob_abc123')).result_model).toBe('local/ft-spam-teacher');
    expect((await jobs.cancel('ftjob_abc123')).status).toBe('cancelled');
    expect((await jobs.restart('ftjob_abc123')).status).toBe('pending');
    await jobs.delete('ftjob_abc123');
    expect(calls).toEqual(['get', 'stop', 'restart', 'delete']);
  });

  it('list pages with base_model and sort filters', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${FT_URL}/jobs`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const offset = Number(url.searchParams.get('offset'));
        return HttpResponse.json({
          jobs: [{ ...pendingFineTuningJob, id: `ftjob_${offset}` }],
          total: 2,
          limit: 1,
          offset,
          has_more: offset === 0,
        });
      }),
    );
    const ids: string[] = [];
    const list = testClient().fineTuning.jobs.list({
      base_model: 'distillery-small',
      sort: 'name:asc',
      limit: 1,
    });
    for await (const job of list) ids.push(job.id);
    expect(ids).toEqual(['ftjob_0', 'ftjob_1']);
    expect(seen[1]).toBe('?base_model=distillery-small&sort=name%3Aasc&limit=1&offset=1');
  });

  it('logs, metrics and events read the fine-tuning routes', async () => {
    server.use(
      http.get(`${JOB_URL}/logs`, () =>
        HttpResponse.json({ job_id: 'ftjob_abc123', lines: [], has_more: false }),
      ),
      http.get(`${JOB_URL}/metrics`, () =>
        HttpResponse.json({
          job_id: 'ftjob_abc123',
          points: [{ step: 1, loss: 2.5, timestamp: '2026-04-19T11:51:00Z' }],
        }),
      ),
      http.get(
        `${JOB_URL}/events`,
        () =>
          new HttpResponse(
            `id: 1\nevent: snapshot\ndata: ${JSON.stringify({ type: 'snapshot', job_id: 'ftjob_abc123', status: 'running', phase: 'training', timestamp: '2026-04-19T11:51:00Z' })}\n\n`,
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    const jobs = testClient().fineTuning.jobs;
    expect((await jobs.logs('ftjob_abc123', { lines: 10 })).has_more).toBe(false);
    expect((await jobs.metrics('ftjob_abc123')).points[0]?.loss).toBe(2.5);
    const phases: string[] = [];
    for await (const event of await jobs.events('ftjob_abc123')) phases.push(event.phase);
    expect(phases).toEqual(['training']);
  });

  it('waitForCompletion returns the job with its result model', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => HttpResponse.json(calls++ === 0 ? pendingFineTuningJob : completed)),
      http.get(
        `${JOB_URL}/events`,
        () => new HttpResponse('not a stream', { headers: { 'content-type': 'text/plain' } }),
      ),
    );
    const job = await testClient().fineTuning.jobs.waitForCompletion('ftjob_abc123', { pollInterval: 5 });
    expect(job.result_model).toBe('local/ft-spam-teacher');
  });
});

describe('fineTuning', () => {
  it('baseModels.list, stats and jobs.estimate', async () => {
    server.use(
      http.get(`${FT_URL}/base-models`, () =>
        HttpResponse.json({ models: [{ id: 'distillery-small', parameters: 6815744, context_length: 512 }] }),
      ),
      http.get(`${FT_URL}/stats`, () =>
        HttpResponse.json({
          total: 15,
          by_status: { pending: 1, running: 2, completed: 10, failed: 1, cancelled: 1 },
          trained_tokens: 18350080,
          cost_accrued: 12.4,
        }),
      ),
      http.post(`${FT_URL}/estimate-cost`, () =>
        HttpResponse.json({
          estimated_cost: 0.31,
          currency: 'credits',
          estimated_seconds: 140,
          flops: 1.6e13,
          tokens: 983040,
          backend: 'cpu',
          within_budget: true,
        }),
      ),
    );
    const ft = testClient().fineTuning;
    const base = await ft.baseModels.list();
    expect(base.items.map((m) => m.id)).toEqual(['distillery-small']);
    expect(base).toMatchObject({ total: 1, hasMore: false });
    expect(base.models).toBe(base.items);
    // The deprecated call form is the same request, resolving with the array.
    expect((await ft.baseModels()).map((m) => m.id)).toEqual(['distillery-small']);
    expect((await ft.stats()).by_status.completed).toBe(10);
    const estimate = await ft.jobs.estimate({
      name: 'x',
      base_model: 'distillery-small',
      training_dataset: 'ds_1',
    });
    expect(estimate.estimated_seconds).toBe(140);
  });
});
