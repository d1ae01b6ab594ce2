import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, client, mailJsonl, removeDir, startServer, type TestServer, until } from './support/harness.ts';

// One loopback server (no keys) with a credit budget, two job slots and one per tenant, shared by this file.
let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer({
    env: { DISTILLERY_BUDGET: '50', DISTILLERY_WORKER_CONCURRENCY: '2', DISTILLERY_TENANT_CONCURRENCY: '1' },
  });
  api = client(server.url);
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

/** Reference 000's curl, exactly as written there, pointed at this server's port. */
function curl(args: string[]) {
  const r = spawnSync(
    'curl',
    args.map((a) => a.replace('http://localhost:8000', server.url)),
    { encoding: 'utf8' },
  );
  return JSON.parse(r.stdout);
}

const demoBody = `{
    "name": "demo",
    "config": {
      "teacher_model": "openai/gpt-4o-mini",
      "student_model": "llama-3.2-1b",
      "num_prompts": 50,
      "training_steps": 30
    }
  }`;

describe('reference 000 as written', () => {
  it('creates the demo job, which fails clearly in data_generation without an OpenAI endpoint', async () => {
    const created = curl([
      '-s',
      '-X',
      'POST',
      'http://localhost:8000/v1/distillation',
      '-H',
      'Content-Type: application/json',
      '-d',
      demoBody,
    ]);
    expect(created).toMatchObject({
      name: 'demo',
      tenant_id: 'default',
      status: 'pending',
      phase: 'initializing',
      progress: {},
      results: {},
      cost_accrued: 0,
    });
    expect(created.id).toMatch(/^job_[a-z0-9]+$/);
    expect(created.config).toMatchObject({
      n_samples: 4,
      bond_beta: 0.5,
      bond_gamma: 0.1,
      temperature: 0.8,
      export_gguf: true,
    });

    // The polling idiom: GET with tenant_id until completed or failed.
    const state = await until(async () => {
      const s = curl(['-s', `http://localhost:8000/v1/distillation/${created.id}?tenant_id=default`]);
      return s.status === 'completed' || s.status === 'failed' ? s : undefined;
    });
    expect(state.status).toBe('failed');
    expect(state.phase).toBe('data_generation');
    expect(state.error.code).toBe('teacher_unreachable');
    expect(state.error.message).toContain('OPENAI_BASE_URL');

    const list = curl(['-s', 'http://localhost:8000/v1/distillation?tenant_id=default&limit=20']);
    expect(list.jobs.map((j: { id: string }) => j.id)).toContain(created.id);
    expect(typeof list.total).toBe('number');
    expect(typeof list.has_more).toBe('boolean');

    const cancel = curl(['-s', '-X', 'POST', `http://localhost:8000/v1/distillation/${created.id}/cancel`]);
    expect(cancel.error).toMatchObject({ code: 'job_terminal', status: 409 });

    const logs = await api('GET', `/v1/distillation/${created.id}/logs`);
    expect(logs.json.lines.at(-1)).toMatchObject({ level: 'error', phase: 'data_generation' });
    expect(logs.json.lines.at(-1).message).toContain('teacher_unreachable');
  });
});

describe('validation', () => {
  const config = { teacher_model: 'openai/gpt-4o', student_model: 'distillery-micro' };

  it.each([
    [{ config: { ...config, bond_beta: 2 } }, 'invalid_config', 'config.bond_beta'],
    [{ config: { ...config, surprise: true } }, 'invalid_config', 'config.surprise'],
    [{ config: { student_model: 'distillery-micro' } }, 'invalid_config', 'config.teacher_model'],
    [{ config: { ...config, student_model: 'gpt-2' } }, 'invalid_config', 'config.student_model'],
    [
      { config: { ...config, quantization_types: ['q3_k'] } },
      'invalid_config',
      'config.quantization_types[0]',
    ],
    [{ config, name: 7 }, 'invalid_request', 'name'],
    [{ config, tenant_id: 'Not A Tenant' }, 'invalid_request', 'tenant_id'],
  ])('%j → 400 %s naming %s', async (body, code, param) => {
    const r = await api('POST', '/v1/distillation', body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code, param, status: 400 });
    expect(r.json.error.message).toContain(param);
    expect(r.json.error.request_id).toBe(r.headers.get('x-request-id'));
  });

  it('names query parameters and headers', async () => {
    expect((await api('GET', '/v1/distillation?limit=500')).json.error).toMatchObject({
      code: 'invalid_request',
      param: 'limit',
    });
    expect((await api('GET', '/v1/distillation?status=sleeping')).json.error).toMatchObject({
      param: 'status',
    });
    const longKey = await api('POST', '/v1/distillation', { config }, { 'Idempotency-Key': 'x'.repeat(300) });
    expect(longKey.json.error).toMatchObject({ code: 'invalid_request', param: 'Idempotency-Key' });
    expect((await api('POST', '/v1/distillation', '{"config": ')).json.error).toMatchObject({
      code: 'invalid_request',
      param: 'body',
    });
  });

  it('refuses a dataset that does not exist and a local teacher this server does not hold', async () => {
    const ds = await api('POST', '/v1/distillation', { config: { ...config, dataset_id: 'ds_missing' } });
    expect(ds.json.error).toMatchObject({ code: 'invalid_config', param: 'config.dataset_id' });
    const teacher = await api('POST', '/v1/distillation', {
      config: { ...config, teacher_model: 'local/nobody' },
    });
    expect(teacher.json.error).toMatchObject({ code: 'invalid_config', param: 'config.teacher_model' });
  });
});

describe('idempotency', () => {
  it('replays the original job for the same key and body, and refuses another body', async () => {
    const body = {
      name: 'idem',
      config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-micro' },
    };
    const key = { 'Idempotency-Key': `k-${Date.now()}` };
    const first = await api('POST', '/v1/distillation', body, key);
    const again = await api('POST', '/v1/distillation', body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.id).toBe(first.json.id);
    const other = await api('POST', '/v1/distillation', { ...body, name: 'other' }, key);
    expect(other.status).toBe(409);
    expect(other.json.error).toMatchObject({ code: 'idempotency_conflict', param: 'Idempotency-Key' });
  });
});

describe('listing', () => {
  it('pages newest first with total and has_more, and filters by search and status', async () => {
    const tag = `page-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api('POST', '/v1/distillation', {
        name: `${tag} ${i}`,
        config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano' },
      });
      ids.push(r.json.id);
    }
    const p1 = await api('GET', `/v1/distillation?search=${tag}&limit=2`);
    expect(p1.json.total).toBe(5);
    expect(p1.json.has_more).toBe(true);
    expect(p1.json.jobs.map((j: { id: string }) => j.id)).toEqual([ids[4], ids[3]]);
    const p3 = await api('GET', `/v1/distillation?search=${tag}&limit=2&offset=4`);
    expect(p3.json.jobs.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
    expect(p3.json.has_more).toBe(false);
    await until(async () =>
      (await api('GET', `/v1/distillation?search=${tag}&status=failed`)).json.total === 5 ? true : undefined,
    );
    expect((await api('GET', `/v1/distillation?search=${tag}&status=pending`)).json.total).toBe(0);
  });
});

describe('state machine of a finished job', () => {
  it('restarts a failed job, refuses to cancel it, deletes it with its records', async () => {
    const created = await api('POST', '/v1/distillation', {
      config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano' },
    });
    const id = created.json.id;
    await until(async () =>
      (await api('GET', `/v1/distillation/${id}`)).json.status === 'failed' ? true : undefined,
    );
    expect((await api('POST', `/v1/distillation/${id}/cancel`)).json.error.code).toBe('job_terminal');

    const restarted = await api('POST', `/v1/distillation/${id}/restart`);
    expect(restarted.status).toBe(200);
    expect(restarted.json).toMatchObject({
      id,
      status: 'pending',
      phase: 'initializing',
      error: null,
      started_at: null,
    });
    const again = await until(async () => {
      const j = (await api('GET', `/v1/distillation/${id}`)).json;
      return j.status === 'failed' ? j : undefined;
    });
    expect(again.error.code).toBe('teacher_unreachable');
    const logs = await api('GET', `/v1/distillation/${id}/logs?lines=500`);
    expect(logs.json.lines.some((l: { message: string }) => l.message.startsWith('restarted'))).toBe(true);

    expect((await api('DELETE', `/v1/distillation/${id}`)).status).toBe(204);
    expect((await api('GET', `/v1/distillation/${id}`)).json.error).toMatchObject({
      code: 'job_not_found',
      param: 'job_id',
    });
    expect((await api('GET', `/v1/distillation/${id}/logs`)).status).toBe(404);
  });

  it('streams a finished job as one snapshot, and replays missed events after Last-Event-ID', async () => {
    const created = await api('POST', '/v1/distillation', {
      config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano' },
    });
    const id = created.json.id;
    await until(async () =>
      (await api('GET', `/v1/distillation/${id}`)).json.status === 'failed' ? true : undefined,
    );
    const snap = await fetch(`${server.url}/v1/distillation/${id}/events`);
    expect(snap.headers.get('content-type')).toContain('text/event-stream');
    const snapText = await snap.text();
    expect(snapText.match(/^event: /gm)).toHaveLength(1);
    expect(snapText).toContain('event: snapshot');
    expect(snapText).toContain('"status":"failed"');

    const replay = await (
      await fetch(`${server.url}/v1/distillation/${id}/events`, { headers: { 'Last-Event-ID': '0' } })
    ).text();
    const types = [...replay.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('status');
    expect(types).toContain('phase');
    expect(replay.match(/^data: .*$/gm)?.at(-1)).toContain('"status":"failed"');
    const ids = [...replay.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    const after = await (
      await fetch(`${server.url}/v1/distillation/${id}/events`, {
        headers: { 'Last-Event-ID': String(ids[1]) },
      })
    ).text();
    expect([...after.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual(ids.slice(2));
  });
});

describe('credits', () => {
  it('estimates a job and refuses one over the tenant budget with 402', async () => {
    const config = {
      teacher_model: 'openai/gpt-4o',
      student_model: 'llama-3.2-1b',
      training_steps: 1_000_000,
    };
    const estimate = await api('POST', '/v1/distillation/estimate', { config });
    expect(estimate.status).toBe(200);
    expect(estimate.json).toMatchObject({ currency: 'credits', within_budget: false, backend: 'cpu' });
    expect(estimate.json.estimated_cost).toBeGreaterThan(50);
    const r = await api('POST', '/v1/distillation', { config });
    expect(r.status).toBe(402);
    expect(r.json.error.code).toBe('insufficient_credits');
    expect(r.json.error.details.estimated_cost).toBe(estimate.json.estimated_cost);
    expect((await api('GET', '/v1/stats')).json).toMatchObject({ budget: 50 });
  });
});

describe('datasets', () => {
  it('uploads JSONL, counts rows and labels, and names a bad line', async () => {
    const text = mailJsonl(10);
    const up = await api('POST', '/v1/datasets?name=mail', text, { 'content-type': 'application/x-ndjson' });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({
      name: 'mail',
      format: 'prompt_completion',
      row_count: 10,
      label_counts: { ham: 5, spam: 5 },
    });
    expect(up.json.checksum_sha256).toBe(createHash('sha256').update(text).digest('hex'));

    const bad = await api('POST', '/v1/datasets?name=bad', '{"prompt":"ok"}\n{"prompt":\n', {
      'content-type': 'application/x-ndjson',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'invalid_request', param: 'line 2' });

    const form = new FormData();
    form.set(
      'file',
      new Blob(['{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n']),
      'chat.jsonl',
    );
    const multi = await (await fetch(`${server.url}/v1/datasets`, { method: 'POST', body: form })).json();
    expect(multi).toMatchObject({ name: 'chat.jsonl', format: 'messages', row_count: 1 });

    expect((await api('GET', `/v1/datasets/${up.json.id}`)).json.id).toBe(up.json.id);
    expect((await api('DELETE', `/v1/datasets/${up.json.id}`)).status).toBe(204);
    expect((await api('GET', `/v1/datasets/${up.json.id}`)).json.error.code).toBe('dataset_not_found');
  });
});

describe('models and system', () => {
  it('lists presets OpenAI-style and 404s an unknown model', async () => {
    const list = await api('GET', '/v1/models');
    expect(list.json.object).toBe('list');
    const micro = list.json.data.find((m: { id: string }) => m.id === 'distillery-micro');
    expect(micro).toMatchObject({ object: 'model', kind: 'preset', owned_by: 'distillery' });
    expect(micro.parameters).toBeGreaterThan(100_000);
    expect((await api('GET', '/v1/models/distillery-micro')).json.id).toBe('distillery-micro');
    expect((await api('GET', '/v1/models/local%2Fnobody')).json.error).toMatchObject({
      code: 'model_not_found',
    });
    const hw = (await api('GET', '/v1/hardware')).json;
    expect(hw.backends.find((b: { name: string }) => b.name === 'cpu')).toMatchObject({
      available: true,
      cores: expect.any(Number),
    });
    const webgpu = hw.backends.find((b: { name: string }) => b.name === 'webgpu');
    expect(webgpu.available ? webgpu.adapter.description : webgpu.reason).toEqual(expect.any(String));
    expect(hw.default_backend).toBe(webgpu.available && !webgpu.is_software ? 'webgpu' : 'cpu');
    const base = await api('GET', '/v1/fine-tuning/base-models');
    expect(base.json.models.map((m: { id: string }) => m.id)).toContain('distillery-nano');
  });

  it('answers health, config and Prometheus metrics, with a request id everywhere', async () => {
    for (const path of ['/health', '/v1/health']) {
      const h = await api('GET', path);
      expect(h.json).toMatchObject({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
      expect(h.headers.get('x-request-id')).toMatch(/^req_/);
    }
    expect((await api('GET', '/v1/config')).json).toMatchObject({
      auth_mode: 'loopback',
      storage: 'pglite',
      teacher_providers: { openai: false },
      job_defaults: { n_samples: 4, bond_beta: 0.5, bond_gamma: 0.1, temperature: 0.8, training_steps: 100 },
    });
    const failing = await api('POST', '/v1/distillation', {
      config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano' },
    });
    await until(async () =>
      (await api('GET', `/v1/distillation/${failing.json.id}`)).json.status === 'failed' ? true : undefined,
    );
    const metrics = await api('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(
      /distillery_http_requests_total\{method="GET",route="\/v1\/health",status="200"\} \d+/,
    );
    expect(metrics.text).toContain('distillery_queue_queued');
    expect(metrics.text).toMatch(/distillery_jobs\{kind="distillation",status="failed"\} \d+/);
    const missing = await api('GET', '/v2/nothing', undefined, { 'x-request-id': 'my-trace-1' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('my-trace-1');
    expect(missing.json.error.request_id).toBe('my-trace-1');
  });
});

describe('CLI against the running server', () => {
  it('uploads a dataset, lists models and jobs, and gets a job', async () => {
    const dir = server.dataDir;
    const file = `${dir}/cli-mail.jsonl`;
    await import('node:fs/promises').then((fs) => fs.writeFile(file, mailJsonl(6)));
    const up = cli(['datasets', 'upload', file, '--url', server.url]);
    expect(up.status).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ name: 'cli-mail', row_count: 6 });
    const models = cli(['models', 'list', '--url', server.url]);
    expect(models.stdout).toMatch(/^distillery-nano\tpreset\t\d+$/m);
    const created = cli([
      'jobs',
      'create',
      '--url',
      server.url,
      '--teacher',
      'openai/gpt-4o',
      '--student',
      'distillery-nano',
      '--steps',
      '5',
    ]);
    expect(created.status).toBe(0);
    const id = JSON.parse(created.stdout).id;
    const waited = cli(['jobs', 'wait', id, '--url', server.url, '--interval', '0.3']);
    expect(waited.status).toBe(1);
    expect(waited.stderr).toMatch(/\[[#.]{30}\] +\d+% failed\/data_generation/);
    expect(cli(['jobs', 'get', id, '--url', server.url]).stdout).toContain('teacher_unreachable');
    expect(cli(['jobs', 'list', '--url', server.url, '--limit', '3']).stdout).toMatch(/3 of \d+/);
    // Six CLI processes, each a Node start: the limit only stops a hang on a loaded machine.
  }, 300_000);
});

describe('concurrency', () => {
  it('runs one job per tenant at a time, while another tenant uses the free slot', async () => {
    const text = mailJsonl(20);
    const ds = (
      await api('POST', '/v1/datasets?name=slots', text, { 'content-type': 'application/x-ndjson' })
    ).json.id;
    const long = {
      base_model: 'distillery-nano',
      training_dataset: ds,
      hyperparameters: { epochs: 100, batch_size: 1, seq_len: 32 },
    };
    const a = (await api('POST', '/v1/fine-tuning/jobs', { name: 'slot a', ...long })).json.id;
    await until(async () =>
      (await api('GET', `/v1/fine-tuning/jobs/${a}`)).json.status === 'running' ? true : undefined,
    );
    const b = (await api('POST', '/v1/fine-tuning/jobs', { name: 'slot b', ...long })).json.id;
    // Tenant `other` takes the worker's second slot and finishes while `default` still waits.
    const c = (
      await api('POST', '/v1/distillation', {
        tenant_id: 'other',
        config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano' },
      })
    ).json;
    expect(c.tenant_id).toBe('other');
    await until(async () =>
      (await api('GET', `/v1/distillation/${c.id}?tenant_id=other`)).json.status === 'failed'
        ? true
        : undefined,
    );
    expect((await api('GET', `/v1/fine-tuning/jobs/${a}`)).json.status).toBe('running');
    expect((await api('GET', `/v1/fine-tuning/jobs/${b}`)).json.status).toBe('pending');
    expect((await api('POST', `/v1/fine-tuning/jobs/${b}/stop`)).json.status).toBe('cancelled');
    expect((await api('POST', `/v1/fine-tuning/jobs/${a}/stop`)).json.status).toBe('cancelled');
  });
});
