import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer();
const mock = server.mock;

type ErrorBody = { error: { code: string; message: string; param?: string } };
type Dataset = {
  id: string;
  format: string;
  row_count: number;
  size_bytes: number;
  checksum_sha256: string;
  label_counts?: Record<string, number>;
};

const labelled = [
  '{"prompt": "Subject: Cheap meds online, no prescription", "label": "spam"}',
  '{"prompt": "Subject: Re: patch for the build script", "label": "ham"}',
  '{"prompt": "Subject: You won a prize", "label": "spam"}',
  '',
].join('\n');

const uploadRaw = (text: string, name = 'spam-labelled', headers: HeadersInit = {}) =>
  apiJson<Dataset>(`/v1/datasets?name=${name}`, {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'application/x-ndjson', ...headers },
  });

describe('datasets', () => {
  it('stores a raw JSONL upload with its row count, size, sha256 and label counts', async () => {
    const { status, body } = await uploadRaw(labelled);
    expect(status).toBe(201);
    expect(body).toMatchObject({
      format: 'prompt_completion',
      row_count: 3,
      size_bytes: Buffer.byteLength(labelled),
      checksum_sha256: createHash('sha256').update(labelled).digest('hex'),
      label_counts: { spam: 2, ham: 1 },
    });
    expect((await apiJson<Dataset>(`/v1/datasets/${body.id}`)).body.id).toBe(body.id);
  });

  it('accepts a multipart upload of chat rows', async () => {
    const form = new FormData();
    form.set('name', 'chats');
    form.set('file', new Blob(['{"messages": [{"role": "user", "content": "hi"}]}\n']), 'chats.jsonl');
    const response = await api('/v1/datasets', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'chats', format: 'messages', row_count: 1 });
  });

  it('rejects a bad row with a 400 naming its line, storing nothing', async () => {
    const bad = `${labelled.trim()}\n\n{"prompt": ""}\n`;
    const { status, body } = await uploadRaw(bad);
    expect(status).toBe(400);
    expect((body as unknown as ErrorBody).error).toMatchObject({ code: 'invalid_request', param: 'line 5' });
    const notJson = await uploadRaw('{"prompt": "a"}\n{oops\n');
    expect((notJson.body as unknown as ErrorBody).error.param).toBe('line 2');
    const mixed = await uploadRaw('{"prompt": "a"}\n{"messages": [{"role": "user", "content": "b"}]}\n');
    expect((mixed.body as unknown as ErrorBody).error.param).toBe('line 2');
    expect((await apiJson<{ total: number }>('/v1/datasets')).body.total).toBe(0);
  });

  it('lists, searches and deletes datasets', async () => {
    const a = (await uploadRaw(labelled, 'alpha')).body;
    mock.clock.advance(1);
    await uploadRaw(labelled, 'beta');
    const { body } = await apiJson<{ datasets: Dataset[]; total: number }>('/v1/datasets?search=alp');
    expect(body.datasets.map((d) => d.id)).toEqual([a.id]);
    expect((await api(`/v1/datasets/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await apiJson<ErrorBody>(`/v1/datasets/${a.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('dataset_not_found');
  });

  it('feeds a distillation: prompts_total is the rows left after the eval split', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => JSON.stringify({ prompt: `mail ${i}` })).join('\n');
    const dataset = (await uploadRaw(rows)).body;
    const { body: job } = await apiJson<{ id: string }>('/v1/distillation', {
      method: 'POST',
      json: {
        config: {
          teacher_model: 'local/distillery-small',
          student_model: 'distillery-micro',
          dataset_id: dataset.id,
          eval_split: 0.25,
        },
      },
    });
    mock.tick();
    const { body } = await apiJson<{ progress: { prompts_total: number } }>(`/v1/distillation/${job.id}`);
    expect(body.progress.prompts_total).toBe(30);
  });
});

describe('fine-tuning', () => {
  type FineTuningJob = {
    id: string;
    status: string;
    phase: string;
    result_model: string | null;
    trained_tokens: number;
    progress: { training_steps_total?: number };
    metrics: Record<string, number>;
    hyperparameters: Record<string, number>;
  };

  async function createFineTuning(extra: Record<string, unknown> = {}) {
    const dataset = (await uploadRaw(labelled)).body;
    return apiJson<FineTuningJob>('/v1/fine-tuning/jobs', {
      method: 'POST',
      json: {
        name: 'spam teacher',
        base_model: 'distillery-small',
        training_dataset: dataset.id,
        suffix: 'spam-teacher',
        hyperparameters: { epochs: 2, batch_size: 1 },
        ...extra,
      },
    });
  }

  it('skips the teacher phases, produces a model, and that model can teach a distillation', async () => {
    const { status, body: job } = await createFineTuning();
    expect(status).toBe(201);
    expect(job).toMatchObject({
      status: 'pending',
      result_model: null,
      hyperparameters: { epochs: 2, warmup_steps: 10 },
    });
    const phases: string[] = [];
    while (mock.tick() > 0)
      phases.push((await apiJson<FineTuningJob>(`/v1/fine-tuning/jobs/${job.id}`)).body.phase);
    expect(phases).toEqual(['initializing', 'training', 'evaluation', 'export', 'done']);
    const { body: done } = await apiJson<FineTuningJob>(`/v1/fine-tuning/jobs/${job.id}`);
    expect(done).toMatchObject({
      status: 'completed',
      result_model: 'local/ft-spam-teacher',
      progress: { training_steps_total: 6 },
    });
    expect(done.trained_tokens).toBe(6 * 1 * 128);
    expect(done.metrics.validation_accuracy).toBeGreaterThan(0.9);

    const model = await apiJson<{ kind: string; source_job_id: string }>(
      '/v1/models/local%2Fft-spam-teacher',
    );
    expect(model.body).toMatchObject({ kind: 'fine_tuned', source_job_id: job.id });
    const distillation = await api('/v1/distillation', {
      method: 'POST',
      json: { config: { teacher_model: 'local/ft-spam-teacher', student_model: 'distillery-micro' } },
    });
    expect(distillation.status).toBe(201);
  });

  it('answers 404 for a training dataset that does not exist', async () => {
    const { status, body } = await apiJson<ErrorBody>('/v1/fine-tuning/jobs', {
      method: 'POST',
      json: { name: 'x', base_model: 'distillery-small', training_dataset: 'ds_nothere' },
    });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'dataset_not_found', param: 'training_dataset' });
  });

  it('stops, restarts and counts jobs in its stats', async () => {
    const { body: job } = await createFineTuning();
    mock.tick();
    const stopped = await apiJson<FineTuningJob>(`/v1/fine-tuning/jobs/${job.id}/stop`, { method: 'POST' });
    expect(stopped.body.status).toBe('cancelled');
    const again = await apiJson<ErrorBody>(`/v1/fine-tuning/jobs/${job.id}/stop`, { method: 'POST' });
    expect(again.body.error.code).toBe('job_terminal');
    const stats = await apiJson<{ total: number; by_status: Record<string, number> }>(
      '/v1/fine-tuning/stats',
    );
    expect(stats.body).toMatchObject({ total: 1, by_status: { cancelled: 1, running: 0 } });
    const restarted = await apiJson<FineTuningJob>(`/v1/fine-tuning/jobs/${job.id}/restart`, {
      method: 'POST',
    });
    expect(restarted.body.status).toBe('pending');
    mock.runUntilIdle();
    expect((await api(`/v1/fine-tuning/jobs/${job.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('lists by base model and sorts by name', async () => {
    const first = (await createFineTuning({ name: 'b-job' })).body;
    const second = (await createFineTuning({ name: 'a-job', suffix: 'other' })).body;
    const { body } = await apiJson<{ jobs: FineTuningJob[]; limit: number; offset: number }>(
      '/v1/fine-tuning/jobs?sort=name:asc&base_model=distillery-small',
    );
    expect(body.jobs.map((j) => j.id)).toEqual([second.id, first.id]);
    expect(body).toMatchObject({ limit: 20, offset: 0 });
  });

  it('lists base models and estimates cost', async () => {
    const { body } = await apiJson<{ models: Array<{ id: string }> }>('/v1/fine-tuning/base-models');
    expect(body.models.map((m) => m.id)).toContain('distillery-small');
    const dataset = (await uploadRaw(labelled)).body;
    const estimate = await apiJson<{ tokens: number }>('/v1/fine-tuning/estimate-cost', {
      method: 'POST',
      json: {
        name: 'x',
        base_model: 'distillery-small',
        training_dataset: dataset.id,
        hyperparameters: { batch_size: 1 },
      },
    });
    // 3 rows × the default seq_len (128) × the default epochs (3)
    expect(estimate.body.tokens).toBe(3 * 128 * 3);
  });
});
