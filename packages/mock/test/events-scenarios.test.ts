import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer();
const mock = server.mock;

type Job = {
  id: string;
  status: string;
  phase: string;
  results: { evaluated?: boolean; accuracy_delta?: number; threshold_passed?: boolean };
  error: { code: string; phase: string; message: string } | null;
};
type ErrorBody = { error: { code: string } };
type Frame = { id: number; event: string; data: { type: string; status: string; phase: string } };
const config = { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-micro', training_steps: 20 };

const create = async () =>
  (await apiJson<Job>('/v1/distillation', { method: 'POST', json: { config } })).body;
const get = async (id: string) => (await apiJson<Job>(`/v1/distillation/${id}`)).body;

function parseFrames(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const fields = Object.fromEntries(
        block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
      );
      return { id: Number(fields.id), event: fields.event!, data: JSON.parse(fields.data!) };
    });
}

describe('server-sent events', () => {
  it('opens with a snapshot, follows the clock and ends after the terminal event', async () => {
    const job = await create();
    const response = await api(`/v1/distillation/${job.id}/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = response.text();
    mock.runUntilIdle();
    const frames = parseFrames(await text);
    expect(frames[0]).toMatchObject({ event: 'snapshot', data: { status: 'pending' } });
    const phases = frames.filter((f) => f.event === 'phase').map((f) => f.data.phase);
    expect(phases).toEqual(
      ['initializing', 'data_generation', 'curation', 'training', 'evaluation', 'export', 'done'].slice(1),
    );
    expect(frames.some((f) => f.event === 'results')).toBe(true);
    expect(frames.at(-1)).toMatchObject({ event: 'status', data: { status: 'completed' } });
    const ids = frames.slice(1).map((f) => f.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('resumes after Last-Event-ID with exactly the events missed', async () => {
    const job = await create();
    mock.tick();
    mock.tick();
    const first = (await api(`/v1/distillation/${job.id}/events`)).text();
    mock.runUntilIdle();
    const all = parseFrames(await first);
    const cut = all[3]!.id;
    const resumed = parseFrames(
      await (
        await api(`/v1/distillation/${job.id}/events`, { headers: { 'Last-Event-ID': String(cut) } })
      ).text(),
    );
    expect(resumed.map((f) => f.id)).toEqual(
      all.filter((f) => f.id > cut && f.event !== 'snapshot').map((f) => f.id),
    );
  });

  it('ends the stream with the cancelled status when the job is cancelled', async () => {
    const job = await create();
    const text = (await api(`/v1/distillation/${job.id}/events`)).text();
    mock.tick();
    await api(`/v1/distillation/${job.id}/cancel`, { method: 'POST' });
    expect(parseFrames(await text).at(-1)).toMatchObject({ event: 'status', data: { status: 'cancelled' } });
  });
});

describe('scenario controls', () => {
  it('fails the next job in the chosen phase, and only the next one', async () => {
    mock.scenarios.failNextJob('curation');
    const failing = await create();
    const healthy = await create();
    mock.runUntilIdle();
    expect(await get(failing.id)).toMatchObject({
      status: 'failed',
      phase: 'curation',
      error: { code: 'training_error', phase: 'curation' },
    });
    expect((await get(healthy.id)).status).toBe('completed');
    const logs = await apiJson<{ lines: Array<{ level: string }> }>(`/v1/distillation/${failing.id}/logs`);
    expect(logs.body.lines.at(-1)!.level).toBe('error');
  });

  it('finishes the next job with the chosen accuracy delta', async () => {
    mock.scenarios.nextJobAccuracy(-0.05, 0.9);
    const job = await create();
    mock.runUntilIdle();
    expect((await get(job.id)).results).toMatchObject({
      teacher_accuracy: 0.9,
      student_accuracy: 0.85,
      accuracy_delta: -0.05,
      threshold_passed: false,
    });
  });

  it('completes the next job without an evaluation, and only the next one', async () => {
    mock.scenarios.nextJobAccuracy(-0.05).nextJobNotEvaluated();
    const unscored = await create();
    const events = (await api(`/v1/distillation/${unscored.id}/events`)).text();
    const scored = await create();
    mock.runUntilIdle();
    const job = await get(unscored.id);
    expect(job.status).toBe('completed');
    // No accuracies, delta, interval, agreement or perplexities; the parameter count stays.
    expect(job.results).toEqual({
      evaluated: false,
      eval_rows: 0,
      threshold_passed: false,
      student_parameters: expect.any(Number),
    });
    const resultsEvent = parseFrames(await events).find((f) => f.event === 'results');
    expect(resultsEvent?.data).toMatchObject({
      results: { evaluated: false, eval_rows: 0, threshold_passed: false },
    });
    const logs = await apiJson<{ lines: Array<{ level: string; message: string }> }>(
      `/v1/distillation/${unscored.id}/logs`,
    );
    expect(logs.body.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('not evaluated') }),
    );
    expect((await get(scored.id)).results).toMatchObject({ evaluated: true, threshold_passed: true });
  });

  it('leaves validation_accuracy out of a fine-tuning job that could not be evaluated', async () => {
    const dataset = await apiJson<{ id: string }>('/v1/datasets?name=unlabelled', {
      method: 'POST',
      body: '{"prompt": "hello"}\n{"prompt": "world"}\n',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    mock.scenarios.nextJobNotEvaluated();
    const created = await apiJson<{ id: string }>('/v1/fine-tuning/jobs', {
      method: 'POST',
      json: { name: 'unscored', base_model: 'distillery-small', training_dataset: dataset.body.id },
    });
    mock.runUntilIdle();
    const job = await apiJson<{ status: string; metrics: Record<string, number> }>(
      `/v1/fine-tuning/jobs/${created.body.id}`,
    );
    expect(job.body.status).toBe('completed');
    expect(job.body.metrics).toHaveProperty('training_loss');
    expect(job.body.metrics).not.toHaveProperty('validation_accuracy');
  });

  it('makes the next job slow', async () => {
    mock.scenarios.slowNextJob(10);
    const slow = await create();
    const normal = await create();
    mock.clock.advance(60_000);
    expect((await get(normal.id)).status).toBe('completed');
    expect((await get(slow.id)).status).toBe('running');
    mock.runUntilIdle();
    expect((await get(slow.id)).status).toBe('completed');
  });

  it('rate-limits the next requests with Retry-After', async () => {
    mock.scenarios.rateLimitNext(2, { retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const limited = await apiJson<ErrorBody>('/v1/stats');
      expect(limited.status).toBe(429);
      expect(limited.response.headers.get('retry-after')).toBe('7');
      expect(limited.body.error.code).toBe('rate_limited');
    }
    expect((await api('/v1/stats')).status).toBe(200);
  });

  it('answers the next request with a 500 internal_error', async () => {
    mock.scenarios.failNextRequests(1);
    const failed = await apiJson<ErrorBody>('/v1/models');
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('internal_error');
    expect((await api('/v1/models')).status).toBe(200);
  });

  it('reports an unhealthy database on /health until reset', async () => {
    mock.scenarios.unhealthy('database');
    const { status, body } = await apiJson<{ checks: Record<string, string> }>('/health');
    expect(status).toBe(503);
    expect(body.checks.database).toBe('error');
    mock.reset();
    expect((await api('/v1/health')).status).toBe(200);
  });

  it('reset forgets jobs and rewinds the clock', async () => {
    await create();
    mock.clock.advance(1000);
    mock.reset();
    expect(mock.clock.iso()).toBe('2026-04-19T12:00:00.000Z');
    expect((await apiJson<{ total: number }>('/v1/distillation')).body.total).toBe(0);
  });
});
