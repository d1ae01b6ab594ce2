import { delay, HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DistilleryError,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
} from '../src/index.js';
import { BASE_URL, errorBody, pendingJob } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();
afterEach(() => vi.unstubAllEnvs());

const JOB_URL = `${BASE_URL}/v1/distillation/job_abc123`;
const retryNow = { 'Retry-After': '0' };

describe('client options', () => {
  it('falls back to DISTILLERY_BASE_URL and DISTILLERY_API_KEY', async () => {
    vi.stubEnv('DISTILLERY_BASE_URL', 'http://from-env.test/');
    vi.stubEnv('DISTILLERY_API_KEY', 'dk_live_env');
    let authorization: string | null = null;
    server.use(
      http.get('http://from-env.test/v1/distillation/job_abc123', ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(pendingJob);
      }),
    );
    const { Distillery } = await import('../src/index.js');
    await new Distillery().jobs.get('job_abc123');
    expect(authorization).toBe('Bearer dk_live_env');
  });

  it('sends tenant_id on every operation that accepts it when the client names a tenant', async () => {
    let tenant: string | null = null;
    server.use(
      http.get(JOB_URL, ({ request }) => {
        tenant = new URL(request.url).searchParams.get('tenant_id');
        return HttpResponse.json(pendingJob);
      }),
    );
    await testClient({ tenantId: 'acme' }).jobs.get('job_abc123');
    expect(tenant).toBe('acme');
  });

  it('exposes x-request-id on results without adding it to their JSON', async () => {
    server.use(
      http.get(JOB_URL, () => HttpResponse.json(pendingJob, { headers: { 'x-request-id': 'req_1' } })),
    );
    const job = await testClient().jobs.get('job_abc123');
    expect(job.requestId).toBe('req_1');
    expect(JSON.parse(JSON.stringify(job))).toEqual(pendingJob);
  });
});

describe('retries', () => {
  it('retries 5xx up to maxRetries and returns the eventual success', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => {
        calls++;
        return calls < 3
          ? HttpResponse.json(errorBody(503, 'internal_error', 'busy'), { status: 503, headers: retryNow })
          : HttpResponse.json(pendingJob);
      }),
    );
    const job = await testClient({ maxRetries: 2 }).jobs.get('job_abc123');
    expect(job.id).toBe('job_abc123');
    expect(calls).toBe(3);
  });

  it('gives up after maxRetries + 1 attempts with the last error', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => {
        calls++;
        return HttpResponse.json(errorBody(500, 'internal_error', 'boom'), {
          status: 500,
          headers: retryNow,
        });
      }),
    );
    await expect(testClient({ maxRetries: 3 }).jobs.get('job_abc123')).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(calls).toBe(4);
  });

  it('retries 408 and 429 but never other 4xx', async () => {
    const statuses = [408, 429, 404];
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => {
        const status = statuses[calls++] ?? 200;
        return HttpResponse.json(errorBody(status, 'job_not_found', 'x'), { status, headers: retryNow });
      }),
    );
    await expect(testClient({ maxRetries: 5 }).jobs.get('job_abc123')).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toBe(3);
  });

  it('waits as long as Retry-After asks before retrying a 429', async () => {
    const times: number[] = [];
    server.use(
      http.get(JOB_URL, () => {
        times.push(Date.now());
        return times.length === 1
          ? HttpResponse.json(errorBody(429, 'rate_limited', 'slow down'), {
              status: 429,
              headers: { 'Retry-After': '1' },
            })
          : HttpResponse.json(pendingJob);
      }),
    );
    await testClient().jobs.get('job_abc123');
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    const times: number[] = [];
    server.use(
      http.get(JOB_URL, () => {
        times.push(Date.now());
        return times.length < 3 ? HttpResponse.json({}, { status: 502 }) : HttpResponse.json(pendingJob);
      }),
    );
    await testClient().jobs.get('job_abc123');
    const [first = 0, second = 0, third = 0] = times;
    // 500 ms then 1000 ms, each shortened by up to 25% of jitter.
    expect(second - first).toBeGreaterThanOrEqual(370);
    expect(third - second).toBeGreaterThanOrEqual(745);
    expect(third - second).toBeGreaterThan(second - first);
  });

  it('retries connection errors and then throws APIConnectionError', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    await expect(testClient({ maxRetries: 1 }).jobs.get('job_abc123')).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(calls).toBe(2);
  });

  it('times out an attempt that gets no headers in time, retries it, then throws APITimeoutError', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, async () => {
        calls++;
        await delay(1_000);
        return HttpResponse.json(pendingJob);
      }),
    );
    const error = await testClient({ timeout: 50, maxRetries: 1 })
      .jobs.get('job_abc123')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(calls).toBe(2);
  });

  it('stops during back-off as soon as the signal aborts, without another attempt', async () => {
    let calls = 0;
    server.use(
      http.get(JOB_URL, () => {
        calls++;
        return HttpResponse.json({}, { status: 503, headers: { 'Retry-After': '30' } });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await testClient()
      .jobs.get('job_abc123', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls).toBe(1);
  });
});

describe('idempotency', () => {
  it('sends one generated Idempotency-Key on every retry of a create, and a new one per create', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(
        `${BASE_URL}/v1/distillation`,
        () => HttpResponse.json({}, { status: 500, headers: retryNow }),
        {
          once: true,
        },
      ),
      http.post(`${BASE_URL}/v1/distillation`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return HttpResponse.json(pendingJob, { status: 201 });
      }),
    );
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') keys.push(request.headers.get('idempotency-key'));
    });
    const client = testClient();
    const params = { config: { teacher_model: 'openai/gpt-4o', student_model: 'llama-3.2-1b' } };
    await client.jobs.create(params);
    await client.jobs.create(params);
    server.events.removeAllListeners();
    // request:start sees each attempt; the handler sees the successful one again.
    const [firstAttempt, firstRetry, firstSeen, secondAttempt] = keys;
    expect(firstAttempt).toMatch(/^[0-9a-f-]{36}$/);
    expect(firstRetry).toBe(firstAttempt);
    expect(firstSeen).toBe(firstAttempt);
    expect(secondAttempt).not.toBe(firstAttempt);
  });

  it('uses the caller’s Idempotency-Key when given', async () => {
    let key: string | null = null;
    server.use(
      http.post(`${BASE_URL}/v1/distillation`, ({ request }) => {
        key = request.headers.get('idempotency-key');
        return HttpResponse.json(pendingJob, { status: 201 });
      }),
    );
    await testClient().jobs.create(
      { config: { teacher_model: 'openai/gpt-4o', student_model: 'llama-3.2-1b' } },
      { idempotencyKey: 'deploy-9f3c2ab' },
    );
    expect(key).toBe('deploy-9f3c2ab');
  });
});

describe('error mapping', () => {
  const cases = [
    [400, 'invalid_config', BadRequestError],
    [401, 'unauthorized', AuthenticationError],
    [402, 'insufficient_credits', InsufficientCreditsError],
    [403, 'forbidden', PermissionDeniedError],
    [404, 'job_not_found', NotFoundError],
    [409, 'job_already_running', ConflictError],
    [413, 'payload_too_large', PayloadTooLargeError],
    [429, 'rate_limited', RateLimitError],
    [500, 'training_error', InternalServerError],
  ] as const;

  it.each(cases)('maps %i %s to %o with the envelope’s fields', async (status, code, ErrorClass) => {
    server.use(
      http.get(JOB_URL, () =>
        HttpResponse.json(errorBody(status, code, 'it went wrong', 'config.bond_beta'), { status }),
      ),
    );
    const error = await testClient({ maxRetries: 0 })
      .jobs.get('job_abc123')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(DistilleryError);
    expect(error).toMatchObject({
      status,
      code,
      param: 'config.bond_beta',
      requestId: 'req_8f2c1d9a7b3e',
      message: `${status} it went wrong`,
    });
  });

  it('keeps the status and request id of an error without an envelope', async () => {
    server.use(
      http.get(
        JOB_URL,
        () => new HttpResponse('Bad gateway', { status: 502, headers: { 'x-request-id': 'req_gw' } }),
      ),
    );
    const error = await testClient({ maxRetries: 0 })
      .jobs.get('job_abc123')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 502,
      code: undefined,
      requestId: 'req_gw',
      message: '502 Bad gateway',
    });
  });
});
