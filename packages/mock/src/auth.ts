/**
 * Who is calling. Once the mock holds a key (configured in the options or created with
 * `POST /v1/keys`), a request needs a live one (X-API-Key or Bearer) and acts as the key's tenant
 * with the key's scopes; a revoked key is refused at once. With none, the mock is a loopback
 * server: anyone, as tenant `default`, allowed to name any tenant and to create the first key.
 */
import { ApiError } from './http/errors';
import type { KeyRing } from './state/keys';

export interface Principal {
  /** Rate limits are counted per principal. */
  id: string;
  tenant: string;
  scopes: ReadonlySet<string>;
  /** May act on any tenant (`admin` scope, or loopback mode). */
  admin: boolean;
  /** The key's id (`key_…`); null in loopback mode and for anonymous callers. */
  keyId: string | null;
}

const LOOPBACK: Principal = {
  id: 'loopback',
  tenant: 'default',
  scopes: new Set(),
  admin: true,
  keyId: null,
};

/** As the reference server reads it: `X-API-Key` first, else a well-formed `Authorization: Bearer`. */
function presentedKey(request: Request): string | undefined {
  const apiKey = request.headers.get('x-api-key')?.trim();
  if (apiKey) return apiKey;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="distillery"' },
  });

/** The caller of a request, or a 401. `now` (when given) is recorded as the key's `last_used_at`. */
export function authenticate(request: Request, keys: KeyRing, now?: number): Principal {
  if (!keys.required) return LOOPBACK;
  const key = presentedKey(request);
  if (key === undefined) throw unauthorized('Missing API key: send Authorization: Bearer <key> or X-API-Key');
  const record = keys.recognise(key, now);
  if (!record) throw unauthorized('Unknown or revoked API key');
  const scopes = new Set<string>(record.scopes);
  return {
    id: `key:${record.id}`,
    tenant: record.tenant,
    scopes,
    admin: scopes.has('admin'),
    keyId: record.id,
  };
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
