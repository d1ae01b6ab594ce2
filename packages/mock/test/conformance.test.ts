import { HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMock } from '../src/mock';
import { operations } from '../src/spec';
import { checkResponse } from './support/contract';
import { api, observed, useMockServer } from './support/harness';

const server = useMockServer();

describe('every operation in the spec', () => {
  it('has a handler', () => {
    const handled = new Set(
      createMock()
        .handlers.filter((h): h is HttpHandler => h instanceof HttpHandler)
        .map((h) => `${String(h.info.method).toLowerCase()} ${String(h.info.path)}`),
    );
    const missing = operations
      .map((op) => `${op.method} http://localhost:8000${op.path.replace(/\{([^}]+)\}/g, ':$1')}`)
      .filter((key) => !handled.has(key));
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it('answers a request with a status the spec declares for it', async () => {
    // Realistic ids for path parameters; the job, dataset and key do not exist, so most answers are 404s.
    const ids: Record<string, string> = {
      '/v1/fine-tuning/jobs/{job_id}': 'ftjob_abc123',
      job_id: 'job_abc123',
      dataset_id: 'ds_2b7f1c9e4a',
      model_id: 'distillery-micro',
      format: 'safetensors',
      key_id: 'key_abc123',
    };
    const bodies: Record<string, unknown> = {
      createDistillationJob: {
        config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-micro' },
      },
      estimateDistillationJob: {
        config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-micro' },
      },
      createFineTuningJob: { name: 'x', base_model: 'distillery-small', training_dataset: 'ds_2b7f1c9e4a' },
      estimateFineTuningCost: {
        name: 'x',
        base_model: 'distillery-small',
        training_dataset: 'ds_2b7f1c9e4a',
      },
    };
    const statuses: Record<string, number> = {};
    for (const op of operations) {
      const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        name === 'job_id' && op.path.startsWith('/v1/fine-tuning/') ? 'ftjob_abc123' : ids[name]!,
      );
      const init: RequestInit & { json?: unknown } = { method: op.method.toUpperCase() };
      if (bodies[op.operationId]) init.json = bodies[op.operationId];
      if (op.operationId === 'uploadDataset') {
        init.body = '{"prompt": "hello", "label": "ham"}\n';
        init.headers = { 'content-type': 'application/x-ndjson' };
      }
      const response = await api(op.operationId === 'uploadDataset' ? `${path}?name=tiny` : path, init);
      statuses[op.operationId] = response.status;
      expect(op.statuses.has(String(response.status)), `${op.operationId} answered ${response.status}`).toBe(
        true,
      );
      await response.arrayBuffer();
    }
    expect(statuses).toMatchObject({
      getDistillationJob: 404,
      listDistillationJobs: 200,
      uploadDataset: 201,
      listApiKeys: 200,
      // Sent without a body: not JSON. (A created key would turn authentication on for the rest.)
      createApiKey: 400,
      revokeApiKey: 404,
    });
  });
});

describe('the contract checker', () => {
  const headers = { 'content-type': 'application/json', 'x-request-id': 'req_1' };

  it('catches a body that drifts from the schema', async () => {
    const drifted = new Response(JSON.stringify({ id: 'job_1', status: 'training_hard' }), { headers });
    const { problems } = await checkResponse('GET', 'http://localhost:8000/v1/distillation/job_1', drifted);
    expect(problems.join('\n')).toMatch(/body breaks the schema/);
  });

  it('catches an undeclared status, a missing request id and an envelope quoting another id', async () => {
    const teapot = new Response('{}', { status: 418, headers });
    expect((await checkResponse('GET', 'http://localhost:8000/v1/stats', teapot)).problems).toEqual([
      'GET /v1/stats → 418: status not declared',
    ]);
    const anonymous = new Response(
      JSON.stringify({ error: { code: 'job_not_found', message: 'x', status: 404, request_id: 'req_2' } }),
      { status: 404, headers },
    );
    const { problems } = await checkResponse('GET', 'http://localhost:8000/v1/distillation/job_1', anonymous);
    expect(problems.join('\n')).toMatch(/is not the x-request-id req_1/);
  });

  it('catches a 429 without Retry-After', async () => {
    const limited = new Response(
      JSON.stringify({ error: { code: 'rate_limited', message: 'x', status: 429, request_id: 'req_1' } }),
      { status: 429, headers },
    );
    const { problems } = await checkResponse('GET', 'http://localhost:8000/v1/models', limited);
    expect(problems).toContain('GET /v1/models → 429: declared header Retry-After missing');
  });
});

describe('the harness', () => {
  it('has checked the responses of this file', () => {
    expect(observed.has('getDistillationJob 404')).toBe(true);
    expect(server.listHandlers().length).toBeGreaterThan(0);
  });
});
