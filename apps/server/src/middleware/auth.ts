import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AuthContext, Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { activeKeyCount, findKey, SCOPES } from '../storage/keys.ts';

export const PUBLIC_PATHS = new Set(['/health', '/v1/health', '/metrics']);

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Whether any key exists decides the mode: none → loopback clients only, as tenant `default`.
 * Cached briefly so a key created with the CLI against PostgreSQL takes effect within seconds.
 */
export function authModeCache(s: Services, ttlMs = 2000) {
  let value: { keys: boolean; at: number } | undefined;
  return async (): Promise<'keys' | 'loopback'> => {
    if (!value || Date.now() - value.at > ttlMs)
      value = { keys: (await activeKeyCount(s.db)) > 0, at: Date.now() };
    return value.keys ? 'keys' : 'loopback';
  };
}

const LOOPBACK: AuthContext = { tenantId: 'default', scopes: new Set(SCOPES), keyId: null, admin: true };

function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  if (apiKey) return apiKey.trim();
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

export function auth(s: Services, mode: () => Promise<'keys' | 'loopback'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
    if ((await mode()) === 'loopback') {
      // Defence in depth: `serve` refuses a non-loopback listen without keys, but a proxy could still forward.
      if (!isLoopback(c.env?.incoming?.socket?.remoteAddress)) {
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
    const row = /^dk_(live|test)_[A-Za-z0-9]+$/.test(key) ? await findKey(s.db, key) : undefined;
    if (!row)
      throw new ApiError(401, 'unauthorized', 'Unknown or revoked API key', {
        headers: { 'WWW-Authenticate': 'Bearer' },
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
