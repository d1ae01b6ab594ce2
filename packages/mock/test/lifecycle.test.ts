import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer();
const mock = server.mock;

type Job = { id: string; status: string; phase: string; progress: Record<string, number>; results: object };
type ErrorBody = { error: { code: string; message: string; param?: string; status: number } };

const config = {
  teacher_model: 'openai/gpt-4o-mini',
  student_model: 'llama-3.2-1b',
  num_prompts: 50,
  training_steps: 30,
};

async function create(body: Record<string, unknown> = { name: 'demo', config }, headers: HeadersInit = {}) {
  return apiJson<Job>('/v1/distillation', { method: 'POST', json: body, headers });
}

describe('cancel, restart and delete', () => {
  it('cancels a training job, keeping its phase, progress and the files already written', async () => {
    const { body: job } = await create();
    while ((await apiJson<Job>(`/v1/distillation/${job.id}`)).body.phase !== 'evaluation') mock.tick();
    const { status, body: cancelled } = await apiJson<Job>(`/v1/distillation/${job.id}/cancel`, {
      method: 'POST',
    });
    expect(status).toBe(200);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      phase: 'evaluation',
      progress: { training_step: 30 },
    });
    mock.clock.advance(60_000);
    expect((await apiJson<Job>(`/v1/distillation/${job.id}`)).body.status).toBe('cancelled');
    const { body: artifacts } = await apiJson<{ artifacts: Array<{ format: string }> }>(
      `/v1/distillation/${job.id}/artifacts`,
    );
    expect(artifacts.artifacts.map((a) => a.format)).toContain('safetensors');
    expect(artifacts.artifacts.map((a) => a.format)).not.toContain('gguf_q8_0');
  });

  it('refuses to cancel a finished job with job_terminal', async () => {
    const { body: job } = await create();
    mock.runUntilIdle();
    const { status, body } = await apiJson<ErrorBody>(`/v1/distillation/${job.id}/cancel`, {
      method: 'POST',
    });
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'job_terminal', message: `Job ${job.id} is already completed` });
  });

  it('refuses to restart or delete a live job with job_already_running', async () => {
    const { body: job } = await create();
    for (const [method, path] of [
      ['POST', `/v1/distillation/${job.id}/restart`],
      ['DELETE', `/v1/distillation/${job.id}`],
    ] as const) {
      const { status, body } = await apiJson<ErrorBody>(path, { method });
      expect(status).toBe(409);
      expect(body.error.code).toBe('job_already_running');
    }
  });

  it('restarts a cancelled job from the start and runs it to completion', async () => {
    const { body: job } = await create();
    mock.tick();
    await api(`/v1/distillation/${job.id}/cancel`, { method: 'POST' });
    const { status, body: restarted } = await apiJson<Job>(`/v1/distillation/${job.id}/restart`, {
      method: 'POST',
    });
    expect(status).toBe(200);
    expect(restarted).toMatchObject({ status: 'pending', phase: 'initializing', progress: {}, results: {} });
    mock.runUntilIdle();
    expect((await apiJson<Job>(`/v1/distillation/${job.id}`)).body.status).toBe('completed');
  });

  it('deletes a finished job with its artifacts', async () => {
    const { body: job } = await create();
    mock.runUntilIdle();
    expect((await api(`/v1/distillation/${job.id}`, { method: 'DELETE' })).status).toBe(204);
    const { status, body } = await apiJson<ErrorBody>(`/v1/distillation/${job.id}`);
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'job_not_found', param: 'job_id' });
    expect((await api(`/v1/distillation/${job.id}/artifacts/safetensors/download`)).status).toBe(404);
  });
});

describe('listing', () => {
  it('pages newest first with total and has_more, and filters by status and search', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await create({ name: `run ${i}`, description: i === 3 ? 'the special one' : undefined, config }))
          .body.id,
      );
      mock.clock.advance(10);
    }
    await api(`/v1/distillation/${ids[0]}/cancel`, { method: 'POST' });
    const page = await apiJson<{ jobs: Job[]; total: number; has_more: boolean }>(
      '/v1/distillation?limit=2&offset=1',
    );
    expect(page.body.total).toBe(5);
    expect(page.body.has_more).toBe(true);
    expect(page.body.jobs.map((j) => j.id)).toEqual([ids[3], ids[2]]);
    const last = await apiJson<{ has_more: boolean }>('/v1/distillation?limit=2&offset=4');
    expect(last.body.has_more).toBe(false);
    const cancelled = await apiJson<{ jobs: Job[] }>('/v1/distillation?status=cancelled');
    expect(cancelled.body.jobs.map((j) => j.id)).toEqual([ids[0]]);
    const found = await apiJson<{ jobs: Job[] }>('/v1/distillation?search=SPECIAL');
    expect(found.body.jobs.map((j) => j.id)).toEqual([ids[3]]);
  });

  it('accepts the legacy status filter training as running', async () => {
    const { body: job } = await create();
    mock.tick();
    const { body } = await apiJson<{ jobs: Job[] }>('/v1/distillation?status=training');
    expect(body.jobs.map((j) => j.id)).toEqual([job.id]);
  });

  it('answers limit above 100 with a 400 naming limit', async () => {
    const { status, body } = await apiJson<ErrorBody>('/v1/distillation?limit=500');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_request', param: 'limit' });
  });
});

describe('validation', () => {
  it('names an out-of-range config field', async () => {
    const { status, body } = await create({ config: { ...config, bond_beta: 2 } });
    expect(status).toBe(400);
    expect(body as unknown as ErrorBody).toMatchObject({
      error: {
        code: 'invalid_config',
        param: 'config.bond_beta',
        message: 'config.bond_beta must be between 0 and 1',
      },
    });
  });

  it('names an unknown config field and a missing required one', async () => {
    const unknown = await create({ config: { ...config, colour: 'red' } });
    expect((unknown.body as unknown as ErrorBody).error.param).toBe('config.colour');
    const missing = await create({ config: { student_model: 'x' } });
    expect((missing.body as unknown as ErrorBody).error).toMatchObject({
      code: 'invalid_config',
      param: 'config.teacher_model',
    });
    const student = await create({ config: { ...config, student_model: 'gpt-2' } });
    expect(student.status).toBe(400);
    expect((student.body as unknown as ErrorBody).error).toMatchObject({
      code: 'invalid_config',
      param: 'config.student_model',
      message: expect.stringContaining('llama-3.2-1b'),
    });
  });

  it('rejects an unknown local teacher and a dataset that does not exist', async () => {
    const teacher = await create({ config: { ...config, teacher_model: 'local/nope' } });
    expect((teacher.body as unknown as ErrorBody).error.param).toBe('config.teacher_model');
    const dataset = await create({ config: { ...config, dataset_id: 'ds_missing' } });
    expect((dataset.body as unknown as ErrorBody).error).toMatchObject({
      code: 'invalid_config',
      param: 'config.dataset_id',
    });
  });

  it('answers malformed JSON with invalid_request', async () => {
    const response = await api('/v1/distillation', {
      method: 'POST',
      body: '{"config":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({
      code: 'invalid_request',
      param: 'body',
    });
  });
});

describe('idempotency keys', () => {
  it('replays the original job for the same key and body, and refuses another body', async () => {
    const key = { 'Idempotency-Key': '6f1c2a9e-8b3d-4c5f-9a7e-1d2b3c4d5e6f' };
    const first = await create({ name: 'once', config }, key);
    mock.tick();
    const again = await create({ config, name: 'once' }, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.status).toBe('running');
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(first.response.headers.get('idempotent-replayed')).toBe('false');
    const other = await create({ name: 'twice', config }, key);
    expect(other.status).toBe(409);
    expect((other.body as unknown as ErrorBody).error).toMatchObject({
      code: 'idempotency_conflict',
      param: 'Idempotency-Key',
    });
    const { body } = await apiJson<{ total: number }>('/v1/distillation');
    expect(body.total).toBe(1);
  });
});

describe('logs, metrics and estimate', () => {
  it('logs each phase, newest lines last, limited by lines and since', async () => {
    const { body: job } = await create();
    mock.runUntilIdle();
    const { body } = await apiJson<{
      lines: Array<{ message: string; timestamp: string }>;
      has_more: boolean;
    }>(`/v1/distillation/${job.id}/logs`);
    const messages = body.lines.map((l) => l.message);
    expect(messages).toContain('phase training started');
    expect(messages.at(-1)).toBe('job completed');
    expect(messages.some((m) => /^step 30\/30 loss/.test(m))).toBe(true);
    const few = await apiJson<{ lines: unknown[]; has_more: boolean }>(
      `/v1/distillation/${job.id}/logs?lines=3`,
    );
    expect(few.body.lines).toHaveLength(3);
    expect(few.body.has_more).toBe(true);
    const cut = body.lines.at(-3)!.timestamp;
    const since = await apiJson<{ lines: Array<{ timestamp: string }> }>(
      `/v1/distillation/${job.id}/logs?since=${encodeURIComponent(cut)}`,
    );
    expect(since.body.lines.every((l) => l.timestamp > cut)).toBe(true);
  });

  it('estimates a config without creating a job', async () => {
    const { status, body } = await apiJson<{ estimated_seconds: number; within_budget: boolean }>(
      '/v1/distillation/estimate',
      { method: 'POST', json: { config } },
    );
    expect(status).toBe(200);
    expect(body.estimated_seconds).toBe(39);
    expect(body.within_budget).toBe(true);
    expect((await apiJson<{ total: number }>('/v1/distillation')).body.total).toBe(0);
  });
});
