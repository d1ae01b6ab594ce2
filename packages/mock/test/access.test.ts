import { describe, expect, it } from 'vitest';
import { createMock } from '../src/mock';
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

describe('configured keys in /v1/keys', () => {
  type Key = { id: string; tenant_id: string; prefix: string; scopes: string[]; created_at: string };

  it('are listed from the start with stable ids, prefixes that never show a whole secret, and their scopes', async () => {
    const list = await api('/v1/keys', { headers: as('dk_live_root') });
    expect(list.status).toBe(200);
    const text = await list.text();
    for (const secret of ['dk_test_alice', 'dk_test_reader', 'dk_test_bob', 'dk_live_root']) {
      expect(text).not.toContain(secret);
    }
    const body = JSON.parse(text) as { keys: Key[]; total: number };
    expect(body.total).toBe(4);
    expect(body.keys.map((k) => [k.tenant_id, k.prefix, k.scopes.length])).toEqual([
      ['acme', 'dk_test_a', 7],
      ['acme', 'dk_test_re', 1],
      ['globex', 'dk_test', 7],
      ['ops', 'dk_live_', 1],
    ]);
    expect(body.keys.every((k) => /^key_[a-z0-9]{12}$/.test(k.id))).toBe(true);
    expect(body.keys.every((k) => k.created_at === '2026-04-19T12:00:00.000Z')).toBe(true);
    // The same secret gets the same id in every mock.
    expect(createMock({ keys: [{ key: 'dk_test_alice' }] }).state.keys.list()[0]!.id).toBe(body.keys[0]!.id);
  });

  it('can be revoked, refused from the next request on, and come back with reset()', async () => {
    const alice = (
      await apiJson<{ keys: Key[] }>('/v1/keys?tenant_id=acme&limit=1', { headers: as('dk_live_root') })
    ).body.keys[0]!;
    expect(alice.prefix).toBe('dk_test_a');
    const revoked = await api(`/v1/keys/${alice.id}`, { method: 'DELETE', headers: as('dk_live_root') });
    expect(revoked.status).toBe(200);
    const refused = await apiJson<ErrorBody>('/v1/distillation', { headers: as('dk_test_alice') });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('Unknown or revoked API key');
    mock.reset();
    expect((await api('/v1/distillation', { headers: as('dk_test_alice') })).status).toBe(200);
  });

  it('may name their id and label; a malformed or repeated id is refused when the mock is made', () => {
    const named = createMock({ keys: [{ key: 'dk_test_ci', id: 'key_ci01', name: 'ci', tenant: 'acme' }] });
    expect(named.state.keys.get('key_ci01')).toMatchObject({ name: 'ci', tenant: 'acme' });
    expect(() => createMock({ keys: [{ key: 'dk_test_ci', id: 'ci' }] })).toThrow(RangeError);
    expect(() =>
      createMock({
        keys: [
          { key: 'a', id: 'key_x' },
          { key: 'b', id: 'key_x' },
        ],
      }),
    ).toThrow(RangeError);
  });

  it('are read from X-API-Key before Authorization, as the server reads them', async () => {
    const both = await api('/v1/distillation', {
      headers: { 'X-API-Key': 'dk_test_alice', Authorization: 'Bearer dk_test_nobody' },
    });
    expect(both.status).toBe(200);
    const basic = await apiJson<ErrorBody>('/v1/distillation', {
      headers: { Authorization: 'Basic Zm9vOmJhcg==' },
    });
    expect(basic.status).toBe(401);
    expect(basic.body.error.message).toContain('Missing API key');
  });
});
