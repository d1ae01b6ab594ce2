/**
 * `/v1/keys` on a mock that starts without keys, as the reference server's keys suite drives it
 * (apps/server/test/keys.test.ts): the first key turns authentication on, keys are listed without
 * their secrets, admins alone manage them, revocation takes effect at once and never reopens
 * loopback mode.
 */
import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer();
const mock = server.mock;

type Key = {
  id: string;
  key?: string;
  tenant_id: string;
  name: string | null;
  prefix: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};
type KeyList = { keys: Key[]; total: number; has_more: boolean };
type ErrorBody = {
  error: { code: string; message: string; param?: string; details?: Record<string, unknown> };
};

const as = (key: string) => ({ Authorization: `Bearer ${key}` });
const DEFAULT_SCOPES = [
  'jobs:read',
  'jobs:write',
  'datasets:read',
  'datasets:write',
  'models:read',
  'models:write',
  'inference',
];

/** Loopback mode: the first key needs no credentials. */
async function firstAdmin() {
  const created = await apiJson<Key>('/v1/keys', {
    method: 'POST',
    json: { tenant_id: 'ops', scopes: ['admin'] },
  });
  expect(created.status).toBe(201);
  return created.body as Key & { key: string };
}

async function createKey(admin: string, json: Record<string, unknown>) {
  const created = await apiJson<Key>('/v1/keys', { method: 'POST', json, headers: as(admin) });
  expect(created.status).toBe(201);
  return created.body as Key & { key: string };
}

describe('the first key', () => {
  it('is created without credentials in loopback mode, and from then on every request needs a key', async () => {
    expect((await apiJson<{ auth_mode: string }>('/v1/config')).body.auth_mode).toBe('loopback');
    const admin = await firstAdmin();
    expect(admin).toMatchObject({
      tenant_id: 'ops',
      name: null,
      scopes: ['admin'],
      created_at: mock.clock.iso(),
      last_used_at: null,
      revoked_at: null,
    });
    expect(admin.id).toMatch(/^key_[a-z0-9]+$/);
    expect(admin.key).toMatch(/^dk_live_[A-Za-z0-9]{32}$/);
    expect(admin.prefix).toBe(admin.key.slice(0, 12));

    // The very next request: authentication is on.
    const none = await apiJson<ErrorBody>('/v1/distillation');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect(none.body.error.message).toContain('Missing API key');
    expect(
      (await apiJson<{ auth_mode: string }>('/v1/config', { headers: as(admin.key) })).body.auth_mode,
    ).toBe('keys');
    // Probes stay open.
    expect((await api('/health')).status).toBe(200);
  });

  it('is forgotten by mock.reset(), which goes back to loopback mode', async () => {
    await firstAdmin();
    expect((await api('/v1/distillation')).status).toBe(401);
    mock.reset();
    expect((await api('/v1/distillation')).status).toBe(200);
    expect((await apiJson<KeyList>('/v1/keys')).body.total).toBe(0);
  });
});

describe('keys created over the API', () => {
  it('authenticate at once, with their tenant and scopes; a dk_test_ key when mode is test', async () => {
    const admin = await firstAdmin();
    const ci = await createKey(admin.key, { tenant_id: 'acme', name: 'ci', mode: 'test' });
    expect(ci.key).toMatch(/^dk_test_[A-Za-z0-9]{32}$/);
    expect(ci).toMatchObject({ tenant_id: 'acme', name: 'ci', scopes: DEFAULT_SCOPES });
    const job = await apiJson<{ id: string; tenant_id: string }>('/v1/distillation', {
      method: 'POST',
      json: { config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-micro' } },
      headers: { 'X-API-Key': ci.key },
    });
    expect(job.status).toBe(201);
    expect(job.body.tenant_id).toBe('acme');

    const reader = await createKey(admin.key, { tenant_id: 'acme', scopes: ['jobs:read'] });
    expect((await api('/v1/distillation', { headers: as(reader.key) })).status).toBe(200);
    const write = await apiJson<ErrorBody>(`/v1/distillation/${job.body.id}/cancel`, {
      method: 'POST',
      headers: as(reader.key),
    });
    expect(write.status).toBe(403);
    expect(write.body.error.details).toEqual({ required_scope: 'jobs:write' });
    // Another tenant's key does not see acme's job.
    const beta = await createKey(admin.key, { tenant_id: 'beta' });
    expect((await api(`/v1/distillation/${job.body.id}`, { headers: as(beta.key) })).status).toBe(404);
  });

  it('are listed oldest first for admins, never with a secret, narrowed by tenant_id and paged', async () => {
    const admin = await firstAdmin();
    mock.clock.advance(1000);
    const ci = await createKey(admin.key, { tenant_id: 'acme', name: 'ci' });
    mock.clock.advance(1000);
    const beta = await createKey(admin.key, { tenant_id: 'beta', scopes: ['jobs:read'] });

    const list = await api('/v1/keys', { headers: as(admin.key) });
    expect(list.status).toBe(200);
    const text = await list.text();
    for (const secret of [admin.key, ci.key, beta.key]) expect(text).not.toContain(secret.slice(12));
    const body = JSON.parse(text) as KeyList;
    expect(body.total).toBe(3);
    expect(body.has_more).toBe(false);
    expect(body.keys.map((k) => k.id)).toEqual([admin.id, ci.id, beta.id]);
    expect(body.keys.every((k) => !('key' in k))).toBe(true);
    expect(body.keys[1]).toEqual({
      id: ci.id,
      tenant_id: 'acme',
      name: 'ci',
      prefix: ci.key.slice(0, 12),
      scopes: DEFAULT_SCOPES,
      created_at: ci.created_at,
      last_used_at: null,
      revoked_at: null,
    });
    // The admin's own key was used for the listing.
    expect(body.keys[0]!.last_used_at).toBe(mock.clock.iso());

    const acme = await apiJson<KeyList>('/v1/keys?tenant_id=acme', { headers: as(admin.key) });
    expect(acme.body).toMatchObject({ total: 1, has_more: false, keys: [{ id: ci.id }] });
    const page = await apiJson<KeyList>('/v1/keys?limit=1&offset=1', { headers: as(admin.key) });
    expect(page.body).toMatchObject({ total: 3, has_more: true, keys: [{ id: ci.id }] });
  });

  it('set the tenant budget when the create names one', async () => {
    const admin = await firstAdmin();
    await createKey(admin.key, { tenant_id: 'acme', name: 'ci', budget: 50 });
    const stats = await apiJson<{ budget: number | null }>('/v1/stats?tenant_id=acme', {
      headers: as(admin.key),
    });
    expect(stats.body.budget).toBe(50);
  });
});

describe('refusals', () => {
  it('answers 403 naming the admin scope to any other key, on each of the three operations', async () => {
    const admin = await firstAdmin();
    const acme = await createKey(admin.key, { tenant_id: 'acme' });
    for (const [method, path] of [
      ['GET', '/v1/keys'],
      ['POST', '/v1/keys'],
      ['DELETE', `/v1/keys/${admin.id}`],
    ] as const) {
      const r = await apiJson<ErrorBody>(path, {
        method,
        headers: as(acme.key),
        ...(method === 'POST' ? { json: {} } : {}),
      });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'forbidden', details: { required_scope: 'admin' } });
    }
  });

  it('answers 400 for a bad body or key id, and 404 key_not_found for an unknown or other tenant’s key', async () => {
    const admin = await firstAdmin();
    const acme = await createKey(admin.key, { tenant_id: 'acme' });
    const badScope = await apiJson<ErrorBody>('/v1/keys', {
      method: 'POST',
      json: { scopes: ['jobs:fly'] },
      headers: as(admin.key),
    });
    expect(badScope.status).toBe(400);
    expect(badScope.body.error).toMatchObject({ code: 'invalid_request', param: 'scopes[0]' });
    const unknownField = await apiJson<ErrorBody>('/v1/keys', {
      method: 'POST',
      json: { secret: 'dk_live_mine' },
      headers: as(admin.key),
    });
    expect(unknownField.body.error).toMatchObject({ code: 'invalid_request', param: 'secret' });

    const malformed = await apiJson<ErrorBody>('/v1/keys/not-a-key', {
      method: 'DELETE',
      headers: as(admin.key),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'invalid_request', param: 'key_id' });
    const missing = await apiJson<ErrorBody>('/v1/keys/key_doesnotexist', {
      method: 'DELETE',
      headers: as(admin.key),
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'key_not_found', param: 'key_id' });
    // Named with another tenant, a key is not found either, and stays valid.
    const elsewhere = await apiJson<ErrorBody>(`/v1/keys/${acme.id}?tenant_id=beta`, {
      method: 'DELETE',
      headers: as(admin.key),
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('key_not_found');
    expect((await api('/v1/distillation', { headers: as(acme.key) })).status).toBe(200);
  });
});

describe('revocation', () => {
  it('refuses the key on the next request, and revoking again answers it unchanged', async () => {
    const admin = await firstAdmin();
    const acme = await createKey(admin.key, { tenant_id: 'acme' });
    expect((await api('/v1/distillation', { headers: as(acme.key) })).status).toBe(200);
    mock.clock.advance(5000);
    const revoked = await apiJson<Key>(`/v1/keys/${acme.id}?tenant_id=acme`, {
      method: 'DELETE',
      headers: as(admin.key),
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: acme.id, revoked_at: mock.clock.iso() });
    expect(revoked.body).not.toHaveProperty('key');
    expect(revoked.body.last_used_at).not.toBeNull();

    const refused = await apiJson<ErrorBody>('/v1/distillation', { headers: as(acme.key) });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('Unknown or revoked API key');
    const listed = await apiJson<KeyList>('/v1/keys?tenant_id=acme', { headers: as(admin.key) });
    expect(listed.body.keys[0]!.revoked_at).toBe(revoked.body.revoked_at);

    mock.clock.advance(5000);
    const again = await apiJson<Key>(`/v1/keys/${acme.id}`, { method: 'DELETE', headers: as(admin.key) });
    expect(again.status).toBe(200);
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
  });

  it('of every key, the admin’s own last, leaves authentication on', async () => {
    const admin = await firstAdmin();
    const acme = await createKey(admin.key, { tenant_id: 'acme' });
    expect((await api(`/v1/keys/${acme.id}`, { method: 'DELETE', headers: as(admin.key) })).status).toBe(200);
    const last = await apiJson<Key>(`/v1/keys/${admin.id}`, { method: 'DELETE', headers: as(admin.key) });
    expect(last.status).toBe(200);
    expect(last.body.revoked_at).not.toBeNull();
    const none = await apiJson<ErrorBody>('/v1/distillation');
    expect(none.status).toBe(401);
    expect(none.body.error.message).toContain('Missing API key');
    expect((await api('/v1/keys', { method: 'POST', json: {}, headers: as(admin.key) })).status).toBe(401);
    expect((await api('/v1/keys', { method: 'POST', json: {} })).status).toBe(401);
  });
});
