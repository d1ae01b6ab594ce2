// API keys on a live server: the /v1/keys routes, the CLI driving them with --url while the
// server holds its PGlite directory, revocation that takes effect at once, authentication that
// stays on once a key existed, failed authentications that are rate-limited, and loopback checks
// that parse addresses instead of comparing prefixes.
import { type PrismServer, startPrismProxy } from '@distillery/mock/prism';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientBucket, isLoopback } from '../src/middleware/auth.ts';
import { isLoopbackHost } from '../src/services/addresses.ts';
import { cli, client, removeDir, startServer, type TestServer, tempDir } from './support/harness.ts';

const keyIdPattern = /^key_[a-z0-9]+$/;

describe('API keys on a live PGlite server', () => {
  let server: TestServer;
  let admin: { id: string; key: string };
  let acme: { id: string; key: string };

  beforeAll(async () => {
    // No key at all: the server starts in loopback mode.
    server = await startServer();
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('creates the first key through the CLI with --url, and from then on every request needs a key', async () => {
    const anonymous = client(server.url);
    expect((await anonymous('GET', '/v1/config')).json.auth_mode).toBe('loopback');
    // The data dir is the server's: the CLI says to use the API instead of failing obscurely.
    const locked = cli(['keys', 'list', '--data-dir', server.dataDir]);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toContain('in use by process');
    expect(locked.stderr).toContain('--url');

    const created = cli(['keys', 'create', '--url', server.url, '--tenant', 'ops', '--scopes', 'admin']);
    expect(created.status, created.stderr).toBe(0);
    admin = JSON.parse(created.stdout);
    expect(admin.id).toMatch(keyIdPattern);
    expect(admin.key).toMatch(/^dk_live_[A-Za-z0-9]{32}$/);
    // The very next request: auth is on.
    const none = await anonymous('GET', '/v1/distillation');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect((await client(server.url, admin.key)('GET', '/v1/config')).json.auth_mode).toBe('keys');

    const second = cli(['keys', 'create', '--tenant', 'acme', '--name', 'ci', '--test'], {
      DISTILLERY_URL: server.url,
      DISTILLERY_API_KEY: admin.key,
    });
    expect(second.status, second.stderr).toBe(0);
    acme = JSON.parse(second.stdout);
    expect(acme.key).toMatch(/^dk_test_/);
    expect((await client(server.url, acme.key)('GET', '/v1/distillation')).status).toBe(200);
  });

  it('lists and creates keys over the API for admins only, never showing a secret again', async () => {
    const asAdmin = client(server.url, admin.key);
    const list = await asAdmin('GET', '/v1/keys');
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(2);
    expect(list.json.has_more).toBe(false);
    expect(list.json.keys.map((k: { id: string }) => k.id)).toEqual([admin.id, acme.id]);
    expect(list.json.keys[1]).toMatchObject({
      tenant_id: 'acme',
      name: 'ci',
      prefix: acme.key.slice(0, 12),
      scopes: [
        'jobs:read',
        'jobs:write',
        'datasets:read',
        'datasets:write',
        'models:read',
        'models:write',
        'inference',
      ],
      revoked_at: null,
    });
    expect(list.text).not.toContain(acme.key.slice(12));
    const acmeOnly = await asAdmin('GET', '/v1/keys?tenant_id=acme&limit=1');
    expect(acmeOnly.json).toMatchObject({ total: 1, has_more: false });

    const cliList = cli(['keys', 'list', '--url', server.url, '--api-key', admin.key]);
    expect(cliList.status, cliList.stderr).toBe(0);
    expect(JSON.parse(cliList.stdout).map((k: { id: string }) => k.id)).toEqual([admin.id, acme.id]);
    expect(cliList.stdout).not.toContain(admin.key.slice(12));

    const made = await asAdmin('POST', '/v1/keys', { tenant_id: 'beta', scopes: ['jobs:read'] });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      tenant_id: 'beta',
      scopes: ['jobs:read'],
      name: null,
      revoked_at: null,
    });
    expect(made.json.key).toMatch(/^dk_live_[A-Za-z0-9]{32}$/);
    expect((await client(server.url, made.json.key)('GET', '/v1/distillation')).status).toBe(200);
    const badScope = await asAdmin('POST', '/v1/keys', { scopes: ['jobs:fly'] });
    expect(badScope.status).toBe(400);
    expect(badScope.json.error.code).toBe('invalid_request');

    // Any other key: 403 naming the admin scope, for each of the three operations.
    const asAcme = client(server.url, acme.key);
    for (const [method, path] of [
      ['GET', '/v1/keys'],
      ['POST', '/v1/keys'],
      ['DELETE', `/v1/keys/${admin.id}`],
    ] as const) {
      const r = await asAcme(method, path, method === 'POST' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.json.error).toMatchObject({ code: 'forbidden', details: { required_scope: 'admin' } });
    }

    const missing = await asAdmin('DELETE', '/v1/keys/key_doesnotexist');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'key_not_found', param: 'key_id' });
    // Named with another tenant, a key is not found either.
    const elsewhere = await asAdmin('DELETE', `/v1/keys/${acme.id}?tenant_id=beta`);
    expect(elsewhere.status).toBe(404);
    expect((await asAcme('GET', '/v1/distillation')).status).toBe(200);
  });

  it('revokes a key with the CLI while the server runs, refused within a second', async () => {
    const asAcme = client(server.url, acme.key);
    expect((await asAcme('GET', '/v1/distillation')).status).toBe(200);
    const r = cli(['keys', 'revoke', acme.id, '--url', server.url, '--api-key', admin.key]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`revoked ${acme.id}\n`);
    const revokedAt = Date.now();
    const refused = await asAcme('GET', '/v1/distillation');
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toBe('Unknown or revoked API key');
    const listed = await client(server.url, admin.key)('GET', '/v1/keys?tenant_id=acme');
    expect(listed.json.keys[0].revoked_at).not.toBeNull();
    // Revoking again answers the key as it is.
    const again = await client(server.url, admin.key)('DELETE', `/v1/keys/${acme.id}`);
    expect(again.status).toBe(200);
    expect(again.json.revoked_at).toBe(listed.json.keys[0].revoked_at);
  });

  it('keeps authentication on when every key is revoked, across a restart', async () => {
    const asAdmin = client(server.url, admin.key);
    for (const k of (await asAdmin('GET', '/v1/keys')).json.keys) {
      if (k.id !== admin.id && !k.revoked_at)
        expect((await asAdmin('DELETE', `/v1/keys/${k.id}`)).status).toBe(200);
    }
    // Revoking the last active key (the admin's own) must not fall back to loopback mode.
    const last = await asAdmin('DELETE', `/v1/keys/${admin.id}`);
    expect(last.status).toBe(200);
    expect(last.json.revoked_at).not.toBeNull();
    const check = async () => {
      const none = await client(server.url)('GET', '/v1/distillation');
      expect(none.status).toBe(401);
      expect(none.json.error.message).toContain('Missing API key');
      const anyToken = await client(server.url, 'dk_live_guessed0000000000000000000000000')(
        'GET',
        '/v1/keys',
      );
      expect(anyToken.status).toBe(401);
      expect((await client(server.url, admin.key)('POST', '/v1/keys', {})).status).toBe(401);
    };
    await check();
    // Past the mode cache's lifetime, and after a restart on the same data.
    await new Promise((r) => setTimeout(r, 2500));
    await check();
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    await check();
  });
});

describe("the keys operations through Prism's validating proxy", () => {
  let server: TestServer;
  let proxy: PrismServer;

  beforeAll(async () => {
    server = await startServer();
    proxy = await startPrismProxy(server.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('conform to the spec on the wire, errors included', async () => {
    // Loopback mode: no key needed for the first one.
    const created = await client(proxy.url)('POST', '/v1/keys', { tenant_id: 'ops', scopes: ['admin'] });
    expect(created.status, created.text).toBe(201);
    const asAdmin = client(proxy.url, created.json.key);
    const other = await asAdmin('POST', '/v1/keys', {
      tenant_id: 'acme',
      name: 'ci',
      mode: 'test',
      budget: 50,
    });
    expect(other.status, other.text).toBe(201);
    const list = await asAdmin('GET', '/v1/keys?limit=1');
    expect(list.status, list.text).toBe(200);
    expect(list.json).toMatchObject({ total: 2, has_more: true });
    const forbidden = await client(proxy.url, other.json.key)('GET', '/v1/keys');
    expect(forbidden.status, forbidden.text).toBe(403);
    const revoked = await asAdmin('DELETE', `/v1/keys/${other.json.id}`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json.revoked_at).not.toBeNull();
    const missing = await asAdmin('DELETE', '/v1/keys/key_doesnotexist');
    expect(missing.status, missing.text).toBe(404);
    const unauthorized = await client(proxy.url, other.json.key)('GET', '/v1/keys');
    expect(unauthorized.status, unauthorized.text).toBe(401);
    // The budget came along for the tenant.
    expect((await asAdmin('GET', '/v1/stats?tenant_id=acme')).json.budget).toBe(50);
  });
});

describe('failed authentications', () => {
  let server: TestServer;
  let good: string;

  beforeAll(async () => {
    const dataDir = tempDir();
    const r = cli(['keys', 'create', '--data-dir', dataDir]);
    expect(r.status, r.stderr).toBe(0);
    good = JSON.parse(r.stdout).key;
    server = await startServer({ dataDir, env: { DISTILLERY_AUTH_FAILURE_LIMIT: '3' } });
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('are limited per client address with 429, Retry-After and RateLimit-* headers', async () => {
    for (let i = 1; i <= 3; i++) {
      const wrong = await client(server.url, `dk_live_wrongguess${i}00000000000000000000000`)(
        'GET',
        '/v1/models',
      );
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('ratelimit-limit')).toBe('3');
      expect(wrong.headers.get('ratelimit-remaining')).toBe(String(3 - i));
    }
    const limited = await client(server.url, 'dk_live_wrongguess400000000000000000000000')(
      'GET',
      '/v1/models',
    );
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(limited.json.error.message).toContain('failed authentications');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-request-id')).toBeTruthy();
    // Any key from that address now, the right one too: otherwise a right guess would stand out.
    const right = await client(server.url, good)('GET', '/v1/models');
    expect(right.status).toBe(429);
    const viaHeader = await client(server.url)('GET', '/v1/models', undefined, { 'X-API-Key': good });
    expect(viaHeader.status).toBe(429);
    // No key at all is still a plain 401, and probes stay open.
    expect((await client(server.url)('GET', '/v1/models')).status).toBe(401);
    expect((await client(server.url)('GET', '/health')).status).toBe(200);
  });
});

describe('loopback checks', () => {
  it('parse addresses instead of matching a prefix', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]'])
      expect(isLoopback(a), a).toBe(true);
    for (const a of [
      '127.0.0.1.nip.io',
      '127.example.com',
      '::ffff:10.0.0.1',
      '::ffff:128.0.0.1',
      '::2',
      '0.0.0.0',
      '10.0.0.1',
      'localhost',
      '',
      undefined,
    ])
      expect(isLoopback(a), String(a)).toBe(false);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });

  it('limit an IPv4-mapped client as its IPv4 address and an IPv6 client by its /64', () => {
    expect(clientBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(clientBucket('2001:db8:1:2:aaaa::1')).toBe(clientBucket('2001:db8:1:2:bbbb::2'));
    expect(clientBucket('2001:db8:1:2::1')).not.toBe(clientBucket('2001:db8:1:3::1'));
  });

  it('serve refuses a name that only starts like a loopback address while no key exists', () => {
    const dir = tempDir();
    try {
      const r = cli(['serve', '--host', '127.0.0.1.nip.io', '--port', '0', '--data-dir', dir]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('refusing to listen on 127.0.0.1.nip.io');
    } finally {
      removeDir(dir);
    }
  });
});
