import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, client, removeDir, startServer, type TestServer, tempDir } from './support/harness.ts';

// Keys are created with the CLI before the server starts (PGlite belongs to one process at a time).
let server: TestServer;
const keys: Record<string, string> = {};
const job = { config: { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano' } };

beforeAll(async () => {
  const dataDir = tempDir();
  const make = (name: string, args: string[]) => {
    const r = cli(['keys', 'create', '--data-dir', dataDir, ...args]);
    expect(r.status, r.stderr).toBe(0);
    keys[name] = JSON.parse(r.stdout).key;
  };
  make('acme', ['--tenant', 'acme']);
  make('reader', ['--tenant', 'acme', '--scopes', 'jobs:read', '--test']);
  make('other', ['--tenant', 'other']);
  make('admin', ['--tenant', 'ops', '--scopes', 'admin']);
  make('limited', ['--tenant', 'limited']);
  server = await startServer({
    dataDir,
    env: { DISTILLERY_RATE_LIMIT: '20', DISTILLERY_MAX_BODY_BYTES: '4096' },
  });
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('API keys', () => {
  it('keeps a PGlite data dir to one process, and issues dk_live_/dk_test_ keys', () => {
    const list = cli(['keys', 'list', '--data-dir', server.dataDir]);
    // The server holds the PGlite directory; the CLI refuses to open it rather than corrupt it.
    expect(list.status).toBe(1);
    expect(list.stderr).toContain('in use by process');
    expect(keys.acme).toMatch(/^dk_live_[A-Za-z0-9]{32}$/);
    expect(keys.reader).toMatch(/^dk_test_/);
  });

  it('answers 401 without a key or with a wrong one, even from loopback', async () => {
    const none = await client(server.url)('GET', '/v1/distillation');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await client(server.url, 'dk_live_notarealkey000000000000000000000')(
      'GET',
      '/v1/distillation',
    );
    expect(wrong.status).toBe(401);
    // Health and metrics stay open for probes.
    expect((await client(server.url)('GET', '/health')).status).toBe(200);
  });

  it('accepts X-API-Key as well as Bearer', async () => {
    const r = await client(server.url)('GET', '/v1/distillation', undefined, {
      'X-API-Key': keys.acme as string,
    });
    expect(r.status).toBe(200);
    expect(
      (await client(server.url)('GET', '/v1/config', undefined, { 'X-API-Key': keys.acme as string })).json
        .auth_mode,
    ).toBe('keys');
  });

  it('answers 403 naming the missing scope', async () => {
    const r = await client(server.url, keys.reader)('POST', '/v1/distillation', job);
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: 'forbidden', details: { required_scope: 'jobs:write' } });
    expect((await client(server.url, keys.reader)('GET', '/v1/distillation')).status).toBe(200);
  });
});

describe('tenants', () => {
  it("hides another tenant's job as 404 and keeps lists apart; only admin may name a tenant", async () => {
    const acme = client(server.url, keys.acme);
    const other = client(server.url, keys.other);
    const created = await acme('POST', '/v1/distillation', { ...job, name: 'acme secret' });
    expect(created.status).toBe(201);
    expect(created.json.tenant_id).toBe('acme');
    const id = created.json.id;

    expect((await other('GET', `/v1/distillation/${id}`)).json.error.code).toBe('job_not_found');
    expect((await other('POST', `/v1/distillation/${id}/cancel`)).status).toBe(404);
    expect((await other('DELETE', `/v1/distillation/${id}`)).status).toBe(404);
    expect((await other('GET', '/v1/distillation')).json.jobs.map((j: { id: string }) => j.id)).not.toContain(
      id,
    );
    const named = await other('GET', '/v1/distillation?tenant_id=acme');
    expect(named.status).toBe(403);
    expect(named.json.error.param).toBe('tenant_id');

    const admin = client(server.url, keys.admin);
    expect((await admin('GET', `/v1/distillation/${id}?tenant_id=acme`)).json.name).toBe('acme secret');
    expect((await admin('GET', `/v1/distillation/${id}`)).status).toBe(404);
  });
});

describe('limits', () => {
  it('refuses an oversize body with 413', async () => {
    const r = await client(server.url, keys.acme)('POST', '/v1/distillation', {
      ...job,
      description: 'x'.repeat(5000),
    });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({ code: 'payload_too_large', details: { max_bytes: 4096 } });
  });

  it('rate-limits per key with RateLimit-* headers, then 429 and Retry-After', async () => {
    const api = client(server.url, keys.limited);
    const first = await api('GET', '/v1/models');
    expect(first.headers.get('ratelimit-limit')).toBe('20');
    expect(first.headers.get('ratelimit-remaining')).toBe('19');
    for (let i = 0; i < 19; i++) await api('GET', '/v1/models');
    const limited = await api('GET', '/v1/models');
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    // Another key has its own window.
    expect((await client(server.url, keys.acme)('GET', '/v1/models')).status).toBe(200);
  });

  it('never writes a key to its logs', () => {
    const logs = server.output();
    expect(logs).toContain('"msg":"request"');
    for (const key of Object.values(keys)) expect(logs).not.toContain(key.slice(8));
  });
});

describe('listening', () => {
  it('refuses a non-loopback address while no key exists', () => {
    const dir = tempDir();
    const r = cli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dir]);
    removeDir(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0');
  });
});
