import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, mailJsonl, removeDir, startServer, type TestServer, until } from './support/harness.ts';

// Real runs through the engine (CPU backend, the smallest preset, few steps).
const SECRET = `whsec_${Buffer.from('test-webhook-secret-0123456789').toString('base64')}`;
// The receiver listens on loopback, which webhooks reach only when the operator allows it.
const env = {
  DISTILLERY_WEBHOOK_SECRET: SECRET,
  DISTILLERY_WEBHOOK_HOSTS: '127.0.0.1',
  DISTILLERY_MONITOR_SECONDS: '2',
};
let server: TestServer;
let api: ReturnType<typeof client>;
let datasetId: string;
let hooks: Server;
const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];

beforeAll(async () => {
  hooks = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  server = await startServer({ env });
  api = client(server.url);
  const up = await api('POST', '/v1/datasets?name=mail', mailJsonl(40), {
    'content-type': 'application/x-ndjson',
  });
  datasetId = up.json.id;
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
  hooks?.close();
});

async function finished(path: string, timeoutMs?: number) {
  return until(async () => {
    const j = (await api('GET', path)).json;
    return ['completed', 'failed', 'cancelled'].includes(j.status) ? j : undefined;
  }, timeoutMs);
}

const teacherHp = { epochs: 2, batch_size: 8, seq_len: 32 };

describe('fine-tune a teacher, then distil a student from it', () => {
  let teacher: string;

  it('fine-tunes distillery-nano into a local model listed by /v1/models', async () => {
    const created = await api('POST', '/v1/fine-tuning/jobs', {
      name: 'mail teacher',
      base_model: 'distillery-nano',
      training_dataset: datasetId,
      validation_dataset: datasetId,
      hyperparameters: teacherHp,
      suffix: 'mail-teacher',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: 'pending',
      phase: 'initializing',
      hyperparameters: { epochs: 2, warmup_steps: 10 },
    });
    const job = await finished(`/v1/fine-tuning/jobs/${created.json.id}`);
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ status: 'completed', phase: 'done', result_model: 'local/ft-mail-teacher' });
    expect(job.progress.training_step).toBe(job.progress.training_steps_total);
    expect(job.metrics.training_loss).toBeGreaterThan(0);
    // Scored on rows it was trained on: below the uniform guess over its vocabulary, ln 512.
    expect(job.metrics.validation_loss).toBeGreaterThan(0);
    expect(job.metrics.validation_loss).toBeLessThan(Math.log(512));
    expect(job.metrics.validation_accuracy).toBeGreaterThanOrEqual(0);
    expect(job.trained_tokens).toBeGreaterThan(0);
    teacher = job.result_model;

    const model = await api('GET', `/v1/models/${encodeURIComponent(teacher)}`);
    expect(model.json).toMatchObject({
      kind: 'fine_tuned',
      base_model: 'distillery-nano',
      source_job_id: created.json.id,
    });
    const points = (await api('GET', `/v1/fine-tuning/jobs/${created.json.id}/metrics`)).json.points;
    expect(points.map((p: { step: number }) => p.step)).toEqual(points.map((_: unknown, i: number) => i + 1));
    const stats = (await api('GET', '/v1/fine-tuning/stats')).json;
    expect(stats.by_status.completed).toBeGreaterThanOrEqual(1);
  });

  it('distils through every phase, streaming events, with results, loss curve, artifacts and signed webhooks', async () => {
    const created = await api('POST', '/v1/distillation', {
      name: 'mail student',
      webhook_url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`,
      config: {
        teacher_model: teacher,
        student_model: 'distillery-nano',
        dataset_id: datasetId,
        training_steps: 20,
        n_samples: 2,
        batch_size: 4,
        seq_len: 32,
        eval_split: 0.2,
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id;

    const stream = await fetch(`${server.url}/v1/distillation/${id}/events`);
    const text = await stream.text(); // the stream ends after the terminal event
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
      type: m[1],
      data: JSON.parse(m[2] as string),
    }));
    expect(events[0]?.type).toBe('snapshot');
    const phases = events.filter((e) => e.type === 'phase').map((e) => e.data.phase);
    expect(phases).toEqual(
      expect.arrayContaining(['data_generation', 'curation', 'training', 'evaluation', 'export']),
    );
    expect(events.some((e) => e.type === 'progress' && e.data.progress.training_step > 0)).toBe(true);
    expect(events.at(-1)?.data).toMatchObject({ status: 'completed', phase: 'done' });

    const job = (await api('GET', `/v1/distillation/${id}`)).json;
    expect(job.results).toMatchObject({
      student_parameters: expect.any(Number),
      teacher_parameters: expect.any(Number),
      eval_rows: 8,
    });
    expect(typeof job.results.threshold_passed).toBe('boolean');
    expect(job.results.evaluated).toBe(true);
    expect(job.progress).toMatchObject({
      prompts_done: 32,
      prompts_total: 32,
      training_step: 20,
      training_steps_total: 20,
    });
    expect(job.cost_accrued).toBeGreaterThan(0);
    expect(job.started_at).not.toBeNull();
    expect(job.finished_at).not.toBeNull();

    const points = (await api('GET', `/v1/distillation/${id}/metrics`)).json.points;
    expect(points).toHaveLength(20);
    expect(points[0]).toMatchObject({ step: 1, loss: expect.any(Number), learning_rate: expect.any(Number) });

    const arts = (await api('GET', `/v1/distillation/${id}/artifacts`)).json;
    expect(arts.config_path).toMatch(/train_config\.json$/);
    const config = arts.artifacts.find((a: { format: string }) => a.format === 'config');
    const whole = await fetch(config.download_url);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(whole.headers.get('x-checksum-sha256')).toBe(config.checksum_sha256);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(config.checksum_sha256);
    expect(bytes.length).toBe(config.size_bytes);
    const part = await fetch(config.download_url, { headers: { Range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-9/${config.size_bytes}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(0, 10));
    const tail = await fetch(config.download_url, { headers: { Range: 'bytes=-5' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 5));
    const outside = await fetch(config.download_url, {
      headers: { Range: `bytes=${config.size_bytes + 10}-` },
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${config.size_bytes}`);
    // The student's exports: safetensors and the default GGUF (q8_0), each downloadable with its sha256.
    expect(arts.safetensors_path).toMatch(/model\.safetensors$/);
    expect(Object.keys(arts.gguf_paths)).toEqual(['q8_0']);
    const gguf = arts.artifacts.find((a: { format: string }) => a.format === 'gguf_q8_0');
    const ggufBytes = Buffer.from(await (await fetch(gguf.download_url)).arrayBuffer());
    expect(ggufBytes.subarray(0, 4).toString()).toBe('GGUF');
    expect(createHash('sha256').update(ggufBytes).digest('hex')).toBe(gguf.checksum_sha256);
    expect(job.results.accuracy_delta_ci95).toHaveLength(2);
    // The size ratio is measured on the files: the teacher's stored weights over the q8_0 GGUF.
    expect(job.results.student_size_bytes).toBe(gguf.size_bytes);
    expect(job.results.size_compression_ratio).toBeCloseTo(
      job.results.teacher_size_bytes / gguf.size_bytes,
      6,
    );
    expect(job.results.teacher_perplexity).toBeGreaterThan(1);
    expect(job.results.student_perplexity).toBeGreaterThan(1);
    expect((await api('GET', `/v1/distillation/${id}/artifacts/gguf_q4_0/download`)).json.error.code).toBe(
      'artifact_not_found',
    );

    const distilled = (await api('GET', '/v1/models')).json.data.find(
      (m: { source_job_id?: string }) => m.source_job_id === id,
    );
    expect(distilled).toMatchObject({ id: `local/${id}`, kind: 'distilled', base_model: 'distillery-nano' });
    // A distilled student can teach in turn.
    const chained = await api('POST', '/v1/distillation', {
      config: {
        teacher_model: distilled.id,
        student_model: 'distillery-nano',
        dataset_id: datasetId,
        training_steps: 3,
        n_samples: 1,
        seq_len: 32,
      },
    });
    expect(chained.status).toBe(201);
    expect((await finished(`/v1/distillation/${chained.json.id}`)).status).toBe('completed');

    // Four unlabelled prompts: 10% of them holds out no row, so there is nothing to score.
    const unscored = await api('POST', '/v1/distillation', {
      config: {
        teacher_model: distilled.id,
        student_model: 'distillery-pico',
        prompts: ['Subject: a', 'Subject: b', 'Subject: c', 'Subject: d'],
        training_steps: 3,
        n_samples: 1,
        seq_len: 32,
      },
    });
    expect(unscored.status).toBe(201);
    const notEvaluated = await finished(`/v1/distillation/${unscored.json.id}`);
    expect(notEvaluated.status).toBe('completed');
    expect(notEvaluated.results).toMatchObject({ evaluated: false, eval_rows: 0, threshold_passed: false });
    expect(notEvaluated.results).not.toHaveProperty('student_accuracy');
    expect(notEvaluated.results).not.toHaveProperty('accuracy_delta');

    const deliveries = await until(async () => {
      const mine = received.filter((r) => JSON.parse(r.body).data.job_id === id);
      return mine.some((r) => JSON.parse(r.body).type === 'job.completed') ? mine : undefined;
    });
    const types = deliveries.map((d) => JSON.parse(d.body).type);
    expect(types).toContain('job.phase_changed');
    for (const d of deliveries) {
      const msgId = d.headers['webhook-id'] as string;
      const ts = d.headers['webhook-timestamp'] as string;
      const expected = createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64'))
        .update(`${msgId}.${ts}.${d.body}`)
        .digest('base64');
      expect(d.headers['webhook-signature']).toBe(`v1,${expected}`);
      expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(120);
    }
    expect(
      JSON.parse(deliveries.find((d) => JSON.parse(d.body).type === 'job.completed')?.body as string).data,
    ).toMatchObject({
      job_type: 'distillation',
      status: 'completed',
      phase: 'done',
    });
  });
});

describe('cancellation', () => {
  it('stops a job mid-training within seconds; queued jobs wait their turn and cannot be deleted while live', async () => {
    const long = await api('POST', '/v1/fine-tuning/jobs', {
      name: 'long',
      base_model: 'distillery-nano',
      training_dataset: datasetId,
      hyperparameters: { epochs: 100, batch_size: 2, seq_len: 32 },
    });
    const id = long.json.id;
    await until(async () => {
      const j = (await api('GET', `/v1/fine-tuning/jobs/${id}`)).json;
      return j.phase === 'training' && j.progress.training_step >= 2 ? j : undefined;
    });

    // One job per worker: a second one stays pending behind it.
    const queued = await api('POST', '/v1/fine-tuning/jobs', {
      name: 'queued',
      base_model: 'distillery-nano',
      training_dataset: datasetId,
      hyperparameters: teacherHp,
    });
    expect((await api('GET', `/v1/fine-tuning/jobs/${queued.json.id}`)).json.status).toBe('pending');
    const del = await api('DELETE', `/v1/fine-tuning/jobs/${queued.json.id}`);
    expect(del.status).toBe(409);
    expect(del.json.error.code).toBe('job_already_running');

    const stopped = await api('POST', `/v1/fine-tuning/jobs/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.json).toMatchObject({ status: 'cancelled', phase: 'training' });
    const t0 = Date.now();
    await until(async () => {
      const logs = (await api('GET', `/v1/fine-tuning/jobs/${id}/logs`)).json.lines;
      return logs.some((l: { message: string }) => l.message.startsWith('engine stopped')) ? true : undefined;
    }, 15_000);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const stepAtStop = (await api('GET', `/v1/fine-tuning/jobs/${id}`)).json.progress.training_step;
    await new Promise((r) => setTimeout(r, 1500));
    const later = (await api('GET', `/v1/fine-tuning/jobs/${id}`)).json;
    expect(later.status).toBe('cancelled');
    expect(later.progress.training_step).toBe(stepAtStop);

    // The freed worker takes the queued job.
    expect((await finished(`/v1/fine-tuning/jobs/${queued.json.id}`)).status).toBe('completed');
    expect((await api('POST', `/v1/fine-tuning/jobs/${queued.json.id}/stop`)).json.error.code).toBe(
      'job_terminal',
    );
    expect((await api('DELETE', `/v1/fine-tuning/jobs/${queued.json.id}`)).status).toBe(204);

    const restarted = await api('POST', `/v1/fine-tuning/jobs/${id}/restart`);
    expect(restarted.json).toMatchObject({ status: 'pending', phase: 'initializing', progress: {} });
    expect((await api('POST', `/v1/fine-tuning/jobs/${id}/stop`)).json.status).toBe('cancelled');
  });
});

describe('crash and resume', () => {
  it('picks a job up again after kill -9 and finishes it from its checkpoint', async () => {
    const created = await api('POST', '/v1/fine-tuning/jobs', {
      name: 'crash',
      base_model: 'distillery-nano',
      training_dataset: datasetId,
      hyperparameters: { epochs: 50, batch_size: 2, seq_len: 32 },
    });
    const id = created.json.id;
    await until(
      async () => {
        const j = (await api('GET', `/v1/fine-tuning/jobs/${id}`)).json;
        return j.progress.training_step > 120 ? j : undefined;
      },
      undefined,
      100,
    );
    await server.kill9();

    server = await startServer({ dataDir: server.dataDir, env });
    api = client(server.url);
    const job = await finished(`/v1/fine-tuning/jobs/${id}`);
    expect(job.status).toBe('completed');
    const messages = (await api('GET', `/v1/fine-tuning/jobs/${id}/logs?lines=1000`)).json.lines.map(
      (l: { message: string }) => l.message,
    );
    expect(messages.some((m: string) => m.startsWith('resumed on'))).toBe(true);
    // The engine checkpoints every 50 steps; the resumed run starts from the last one, not from 0.
    const resumedAt = Number(
      messages.find((m: string) => m.startsWith('resumed from the checkpoint'))?.match(/step (\d+)/)?.[1],
    );
    expect(resumedAt).toBeGreaterThanOrEqual(100);
    expect(resumedAt % 50).toBe(0);
    // The resumed attempt replays the early phases, but the job's phase never moves back.
    const order = ['initializing', 'data_generation', 'curation', 'training', 'evaluation', 'export', 'done'];
    const phases = messages
      .filter((m: string) => m.startsWith('phase '))
      .map((m: string) => order.indexOf(m.slice('phase '.length)));
    expect(phases.length).toBeGreaterThan(0);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    // Nothing acknowledged was lost: the dataset and the earlier jobs are still there.
    expect((await api('GET', `/v1/datasets/${datasetId}`)).status).toBe(200);
    expect((await api('GET', '/v1/fine-tuning/jobs')).json.total).toBeGreaterThanOrEqual(3);
  });

  it('stops promptly on SIGTERM, even with an event stream open, and the restarted server finishes the job', async () => {
    const created = await api('POST', '/v1/fine-tuning/jobs', {
      name: 'sigterm',
      base_model: 'distillery-nano',
      training_dataset: datasetId,
      hyperparameters: { epochs: 50, batch_size: 2, seq_len: 32 },
    });
    const id = created.json.id;
    const stream = fetch(`${server.url}/v1/fine-tuning/jobs/${id}/events`)
      .then((r) => r.text())
      .catch(() => '');
    await until(
      async () =>
        (await api('GET', `/v1/fine-tuning/jobs/${id}`)).json.progress.training_step > 60 ? true : undefined,
      undefined,
      100,
    );
    const t0 = Date.now();
    await server.stop();
    expect(Date.now() - t0).toBeLessThan(10_000);
    await stream;

    server = await startServer({ dataDir: server.dataDir, env });
    api = client(server.url);
    expect((await finished(`/v1/fine-tuning/jobs/${id}`)).status).toBe('completed');
    const messages = (await api('GET', `/v1/fine-tuning/jobs/${id}/logs?lines=1000`)).json.lines.map(
      (l: { message: string }) => l.message,
    );
    expect(messages).toContain('engine stopped: the worker is shutting down');
    expect(messages.some((m: string) => m.startsWith('resumed from the checkpoint'))).toBe(true);
  });
});
