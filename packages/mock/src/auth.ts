/**
 * Who is calling. With keys configured, a request needs one (Bearer or X-API-Key) and acts as the
 * key's tenant with the key's scopes. With none configured the mock is a loopback server: anyone,
 * as tenant `default`, allowed to name any tenant.
 */
import { ApiError } from './http/errors';
import type { ResolvedOptions } from './options';

export interface Principal {
  /** Rate limits are counted per principal. */
  id: string;
  tenant: string;
  scopes: ReadonlySet<string>;
  /** May act on any tenant (`admin` scope, or loopback mode). */
  admin: boolean;
}

const LOOPBACK: Principal = { id: 'loopback', tenant: 'default', scopes: new Set(), admin: true };

function presentedKey(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? match[1] : '';
  }
  return request.headers.get('x-api-key') ?? undefined;
}

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="distillery"' },
  });

export function authenticate(request: Request, options: ResolvedOptions): Principal {
  if (options.keys.length === 0) return LOOPBACK;
  const key = presentedKey(request);
  if (key === undefined) throw unauthorized('Missing API key: send Authorization: Bearer <key> or X-API-Key');
  const config = options.keys.find((k) => k.key === key);
  if (!config) throw unauthorized('Unknown or revoked API key');
  const scopes = new Set<string>(config.scopes);
  return { id: `key:${config.key}`, tenant: config.tenant, scopes, admin: scopes.has('admin') };
}

export function requireScope(principal: Principal, scope: string) {
  if (scope === '' || principal.admin || principal.scopes.has(scope)) return;
  throw new ApiError(403, 'forbidden', `This key lacks the ${scope} scope`, {
    details: { required_scope: scope },
  });
}

/** The tenant a request acts on: the one it names, if it may, else its own. */
export function actingTenant(principal: Principal, named: string | null | undefined): string {
  if (!named || named === principal.tenant) return principal.tenant;
  if (principal.admin) return named;
  throw new ApiError(403, 'forbidden', `Only an admin key may act on tenant ${named}`, {
    param: 'tenant_id',
    details: { required_scope: 'admin' },
  });
}
