import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, removeDir, startServer, type TestServer } from './support/harness.ts';

// Regression tests for what Schemathesis found: each of these was a 500 or a wrong answer.
let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer({ args: ['--no-worker'] });
  api = client(server.url);
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

/** Dataset files the server holds for the default tenant. */
const datasetFiles = () => {
  const dir = join(server.dataDir, 'datasets', 'default');
  return existsSync(dir) ? readdirSync(dir).length : 0;
};

const upload = (body: BodyInit, type: string, query = 'name=rows') =>
  fetch(`${server.url}/v1/datasets?${query}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('text PostgreSQL cannot store (NUL, unpaired surrogates) is a 400 naming the field', () => {
  it.each([
    [
      'a job name',
      { name: 'a\u0000b', config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-pico' } },
      'name',
    ],
    [
      'a metadata value',
      {
        metadata: { k: 'v\u0000' },
        config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-pico' },
      },
      'metadata.k',
    ],
    [
      'a metadata key',
      {
        metadata: { 'k\u0000': 'v' },
        config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-pico' },
      },
      'metadata.k\u0000',
    ],
    [
      'a prompt',
      {
        config: {
          teacher_model: 'openai/gpt-4o-mini',
          student_model: 'distillery-pico',
          prompts: ['ok', 'x\u0000'],
        },
      },
      'config.prompts[1]',
    ],
  ])('in %s', async (_what, body, param) => {
    const r = await api('POST', '/v1/distillation', body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_request', param });
    expect(r.json.error.message).toContain('must not contain NUL characters');
  });

  it('in a search filter', async () => {
    const r = await api('GET', '/v1/distillation?search=a%00b');
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ param: 'search' });
  });

  it('in a dataset label, naming the line', async () => {
    const r = await upload(
      '{"prompt":"hi","label":"ok"}\n{"prompt":"hi","label":"sp\\u0000am"}\n',
      'application/x-ndjson',
    );
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatchObject({ param: 'line 2' });
  });

  it('unpaired surrogates in metadata and in a dataset label', async () => {
    const job = await api(
      'POST',
      '/v1/distillation',
      '{"metadata":{"a":"\\ud800"},"config":{"teacher_model":"openai/gpt-4o-mini","student_model":"distillery-pico"}}',
    );
    expect(job.status).toBe(400);
    expect(job.json.error).toMatchObject({ param: 'metadata.a' });
    expect(job.json.error.message).toContain('unpaired UTF-16 surrogates');
    const before = datasetFiles();
    const ds = await upload('{"prompt":"p","label":"\\ud800"}\n', 'application/x-ndjson', 'name=surrogate');
    expect(ds.status).toBe(400);
    expect((await ds.json()).error).toMatchObject({ param: 'line 1' });
    expect(datasetFiles()).toBe(before);
  });

  it('in a dataset name', async () => {
    const r = await upload('{"prompt":"hi"}\n', 'application/x-ndjson', 'name=a%00b');
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatchObject({ param: 'name' });
  });
});

describe('parameters that reached SQL or a decoder unchecked', () => {
  it('an offset past int32 is a 400, not a bigint overflow', async () => {
    const r = await api('GET', '/v1/distillation?offset=99999999999999999999');
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_request', param: 'offset' });
  });

  it('a since with an offset PostgreSQL refuses (+23:59) filters like any other time', async () => {
    for (const path of ['/v1/distillation', '/v1/fine-tuning/jobs']) {
      const r = await api('GET', `${path}?since=${encodeURIComponent('2026-01-01T00:00:00+23:59')}`);
      expect(r.status, path).toBe(200);
    }
  });

  it('a malformed percent-escape in a model id is a 404, and ids are decoded once', async () => {
    const bad = await api('GET', '/v1/models/%ZZ');
    expect(bad.status).toBe(404);
    // %2525 decodes once to %25: a second decode would have looked up "%", then "local/%".
    const once = await api('GET', '/v1/models/local%2Fx%2525');
    expect(once.status).toBe(404);
    expect(once.json.error.message).toBe('No model local/x%25');
  });

  it('a malformed multipart body is a 400', async () => {
    const r = await upload('--nope\r\nnot a part', 'multipart/form-data; boundary=XYZ');
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatchObject({ code: 'invalid_request', param: 'body' });
  });

  it('an unparseable Range is ignored, as RFC 9110 allows, not refused', async () => {
    const r = await api('GET', '/v1/distillation/job_nope/artifacts/config/download', undefined, {
      Range: '0',
    });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('job_not_found');
  });
});

describe('datasets', () => {
  it('counts labels named like Object.prototype members as plain labels', async () => {
    const rows = ['constructor', '__proto__', '__proto__', 'toString'].map((label) =>
      JSON.stringify({ prompt: 'p', label }),
    );
    const r = await upload(`${rows.join('\n')}\n`, 'application/x-ndjson', 'name=proto-labels');
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(body.label_counts).toEqual(JSON.parse('{"constructor": 1, "__proto__": 2, "toString": 1}'));
    const read = await api('GET', `/v1/datasets/${body.id}`);
    expect(read.json.label_counts).toEqual(body.label_counts);
  });

  it('leaves no file behind when a row is refused', async () => {
    await upload('{"prompt":"ok"}\n', 'application/x-ndjson', 'name=kept');
    const before = datasetFiles();
    const r = await upload('{"prompt":"ok"}\n{"prompt": 3}\n', 'application/x-ndjson', 'name=bad-rows');
    expect(r.status).toBe(400);
    expect(datasetFiles()).toBe(before);
  });
});

describe('methods the spec does not define on a path', () => {
  it.each([
    ['TRACE', '/health', 'GET, HEAD'],
    ['PUT', '/v1/distillation', 'GET, POST, HEAD'],
    ['GET', '/v1/distillation/estimate', 'POST'],
    ['PUT', '/v1/models/distillery-pico', 'GET, DELETE, HEAD'],
  ])('%s %s is a 405 with Allow', async (method, path, allow) => {
    // node:http, since fetch refuses to send TRACE.
    const r = await new Promise<{ status?: number; allow?: string; body: string }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode, allow: res.headers.allow, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(r.status).toBe(405);
    expect(r.allow).toBe(allow);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'method_not_allowed', status: 405 });
  });

  it('an unknown path stays a 404', async () => {
    const r = await api('GET', '/v1/nothing-here');
    expect(r.status).toBe(404);
  });
});

describe('configs that cannot be distilled are refused at creation', () => {
  it('a local teacher with neither dataset_id nor prompts', async () => {
    const r = await api('POST', '/v1/distillation', {
      config: { teacher_model: 'local/distillery-nano', student_model: 'distillery-pico' },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_config', param: 'config.dataset_id' });
  });

  it('an eval_split that holds out every row', async () => {
    const r = await api('POST', '/v1/distillation', {
      config: {
        teacher_model: 'local/distillery-nano',
        student_model: 'distillery-pico',
        prompts: ['only one'],
        eval_split: 0.5,
      },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_config', param: 'config.eval_split' });
    expect(r.json.error.message).toContain('leaves nothing to train on');
  });

  it('reference 000 still creates its hosted-teacher job from num_prompts alone', async () => {
    const r = await api('POST', '/v1/distillation', {
      name: 'demo',
      config: {
        teacher_model: 'openai/gpt-4o-mini',
        student_model: 'llama-3.2-1b',
        num_prompts: 50,
        training_steps: 30,
      },
    });
    expect(r.status).toBe(201);
  });
});
