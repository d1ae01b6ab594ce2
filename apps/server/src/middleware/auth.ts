import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AuthContext, Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { isLoopbackAddress, parseIp } from '../services/addresses.ts';
import { findKey, keyCount, SCOPES } from '../storage/keys.ts';

export const PUBLIC_PATHS = new Set(['/health', '/v1/health', '/metrics']);

/** A loopback client address (parsed, so `127.0.0.1.nip.io` or `::ffff:10.0.0.1` are not). */
export function isLoopback(address: string | undefined): boolean {
  return isLoopbackAddress(address);
}

export interface AuthMode {
  (): Promise<'keys' | 'loopback'>;
  /** Called when this process creates a key: authentication is on from the next request. */
  keysExist(): void;
}

/**
 * Whether any key was ever created decides the mode: none → loopback clients only, as tenant
 * `default`. Revoked keys count, so revoking every key leaves authentication on (nothing gets in
 * until a new key is created), and once on it stays on for the life of the process. While off, the
 * count is re-read every `ttlMs`, so a key created by another process takes effect within seconds.
 */
export function authModeCache(s: Services, ttlMs = 2000): AuthMode {
  let keys = false;
  let checkedAt = 0;
  const mode = (async () => {
    if (!keys && Date.now() - checkedAt > ttlMs) {
      keys = (await keyCount(s.db)) > 0;
      checkedAt = Date.now();
    }
    return keys ? 'keys' : 'loopback';
  }) as AuthMode;
  mode.keysExist = () => {
    keys = true;
  };
  return mode;
}

const LOOPBACK: AuthContext = { tenantId: 'default', scopes: new Set(SCOPES), keyId: null, admin: true };

function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  if (apiKey) return apiKey.trim();
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** The unit a client is limited by: its IPv4 address, or the /64 of an IPv6 one (a host has many). */
export function clientBucket(address: string | undefined): string {
  const ip = address ? parseIp(address) : undefined;
  if (!ip) return address ?? 'unknown';
  const v4 =
    ip.length === 16 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff
      ? ip.slice(12)
      : ip.length === 4
        ? ip
        : undefined;
  if (v4) return v4.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push((((ip[i] as number) << 8) | (ip[i + 1] as number)).toString(16));
  return `${groups.join(':')}::/64`;
}

/**
 * Failed authentications per client address in fixed one-minute windows, in memory. Once an address
 * has used up its failures, every key it presents is refused with 429 until the window resets,
 * valid or not: answering a right guess differently would leave guessing unlimited.
 */
function failureWindows(limitPerMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (who: string, now: number) => {
    let w = windows.get(who);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      windows.set(who, w);
      if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k);
    }
    return w;
  };
  const headers = (w: { start: number; count: number }, now: number) => {
    const reset = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    return {
      reset,
      headers: {
        'RateLimit-Limit': String(limitPerMinute),
        'RateLimit-Remaining': String(Math.max(0, limitPerMinute - w.count)),
        'RateLimit-Reset': String(reset),
      },
    };
  };
  return {
    /** Throws 429 when the address has no failures left. */
    check(who: string): void {
      if (limitPerMinute <= 0) return;
      const now = Date.now();
      const w = current(who, now);
      if (w.count < limitPerMinute) return;
      const h = headers(w, now);
      throw new ApiError(
        429,
        'rate_limited',
        `Too many failed authentications from this address (${limitPerMinute} per minute); retry in ${h.reset} s`,
        { headers: { ...h.headers, 'Retry-After': String(h.reset), 'WWW-Authenticate': 'Bearer' } },
      );
    },
    /** Counts one failure; answers the headers the 401 carries. */
    fail(who: string): Record<string, string> {
      if (limitPerMinute <= 0) return {};
      const now = Date.now();
      const w = current(who, now);
      w.count++;
      return headers(w, now).headers;
    },
  };
}

export function auth(s: Services, mode: () => Promise<'keys' | 'loopback'>): MiddlewareHandler<AppEnv> {
  const failures = failureWindows(s.settings.authFailuresPerMinute);
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
    const remote = c.env?.incoming?.socket?.remoteAddress;
    if ((await mode()) === 'loopback') {
      // Defence in depth: `serve` refuses a non-loopback listen without keys, but a proxy could still forward.
      if (!isLoopback(remote)) {
        throw new ApiError(
          401,
          'unauthorized',
          'This server has no API keys and serves loopback clients only',
          {
            headers: { 'WWW-Authenticate': 'Bearer' },
          },
        );
      }
      c.set('auth', LOOPBACK);
      return next();
    }
    if (!key) {
      throw new ApiError(
        401,
        'unauthorized',
        'Missing API key: send Authorization: Bearer <key> or X-API-Key',
        {
          headers: { 'WWW-Authenticate': 'Bearer' },
        },
      );
    }
    const who = clientBucket(remote);
    failures.check(who);
    const row = /^dk_(live|test)_[A-Za-z0-9]+$/.test(key) ? await findKey(s.db, key) : undefined;
    if (!row)
      throw new ApiError(401, 'unauthorized', 'Unknown or revoked API key', {
        headers: { 'WWW-Authenticate': 'Bearer', ...failures.fail(who) },
      });
    const admin = row.scopes.includes('admin');
    c.set('auth', {
      tenantId: row.tenant_id,
      scopes: new Set(admin ? SCOPES : row.scopes),
      keyId: row.id,
      admin,
    });
    return next();
  };
}
