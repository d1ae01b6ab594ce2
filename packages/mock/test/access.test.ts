import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer({
  keys: [
    { key: 'dk_test_alice', tenant: 'acme' },
    { key: 'dk_test_reader', tenant: 'acme', scopes: ['jobs:read'] },
    { key: 'dk_test_bob', tenant: 'globex' },
    { key: 'dk_live_root', tenant: 'ops', scopes: ['admin'] },
  ],
  rateLimit: { limit: 5, windowSeconds: 60 },
  maxBodyBytes: 2048,
  budgets: { globex: 0.1 },
});
const mock = server.mock;

type ErrorBody = {
  error: { code: string; message: string; param?: string; details?: Record<string, unknown> };
};
const config = { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-micro' };
const as = (key: string, extra: HeadersInit = {}) => ({ ...extra, Authorization: `Bearer ${key}` });

describe('authentication and scopes', () => {
  it('asks for a key with 401 and WWW-Authenticate, and refuses an unknown one', async () => {
    const missing = await apiJson<ErrorBody>('/v1/distillation');
    expect(missing.status).toBe(401);
    expect(missing.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.body.error.code).toBe('unauthorized');
    expect((await api('/v1/distillation', { headers: as('dk_test_nobody') })).status).toBe(401);
  });

  it('accepts the key as a Bearer token or in X-API-Key', async () => {
    expect((await api('/v1/distillation', { headers: as('dk_test_alice') })).status).toBe(200);
    expect((await api('/v1/distillation', { headers: { 'X-API-Key': 'dk_test_alice' } })).status).toBe(200);
  });

  it('answers 403 naming the scope a key lacks', async () => {
    const { status, body } = await apiJson<ErrorBody>('/v1/distillation', {
      method: 'POST',
      json: { config },
      headers: as('dk_test_reader'),
    });
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: 'forbidden', details: { required_scope: 'jobs:write' } });
  });

  it("hides another tenant's job behind a 404, and lets only admin keys name a tenant", async () => {
    const { body: job } = await apiJson<{ id: string }>('/v1/distillation', {
      method: 'POST',
      json: { config },
      headers: as('dk_test_alice'),
    });
    const foreign = await apiJson<ErrorBody>(`/v1/distillation/${job.id}`, { headers: as('dk_test_bob') });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('job_not_found');
    const named = await apiJson<ErrorBody>(`/v1/distillation/${job.id}?tenant_id=acme`, {
      headers: as('dk_test_bob'),
    });
    expect(named.status).toBe(403);
    expect(named.body.error.param).toBe('tenant_id');
    const admin = await api(`/v1/distillation/${job.id}?tenant_id=acme`, { headers: as('dk_live_root') });
    expect(admin.status).toBe(200);
  });

  it('serves health and Prometheus metrics without a key', async () => {
    expect((await api('/health')).status).toBe(200);
    const metrics = await api('/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE distillery_jobs_running gauge');
  });

  it('reports keys mode in its config', async () => {
    const { body } = await apiJson<{ auth_mode: string; limits: Record<string, number> }>('/v1/config', {
      headers: as('dk_test_alice'),
    });
    expect(body.auth_mode).toBe('keys');
    expect(body.limits.max_body_bytes).toBe(2048);
  });
});

describe('rate limits', () => {
  it('counts down RateLimit-Remaining, then answers 429 with Retry-After until the window resets', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await api('/v1/models', { headers: as('dk_test_alice') });
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('5');
      remaining.push(response.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    mock.clock.advance(15_000);
    const limited = await apiJson<ErrorBody>('/v1/models', { headers: as('dk_test_alice') });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.response.headers.get('retry-after')).toBe('45');
    // Another key has its own window.
    expect((await api('/v1/models', { headers: as('dk_test_bob') })).status).toBe(200);
    mock.clock.advance(45_000);
    expect((await api('/v1/models', { headers: as('dk_test_alice') })).status).toBe(200);
  });
});

describe('limits on bodies and budgets', () => {
  it('answers 413 for a body over the limit', async () => {
    const { status, body } = await apiJson<ErrorBody>('/v1/distillation', {
      method: 'POST',
      json: { config, description: 'x'.repeat(1900), name: 'y'.repeat(200) },
      headers: as('dk_test_alice'),
    });
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'payload_too_large', details: { max_bytes: 2048 } });
  });

  it('answers 402 when the estimate exceeds what the tenant has left', async () => {
    const { status, body } = await apiJson<ErrorBody>('/v1/distillation', {
      method: 'POST',
      json: { config },
      headers: as('dk_test_bob'),
    });
    expect(status).toBe(402);
    expect(body.error.code).toBe('insufficient_credits');
    expect(body.error.details).toMatchObject({ remaining_budget: 0.1 });
    const estimate = await apiJson<{ within_budget: boolean }>('/v1/distillation/estimate', {
      method: 'POST',
      json: { config },
      headers: as('dk_test_bob'),
    });
    expect(estimate.body.within_budget).toBe(false);
  });
});
