import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { AuthMode } from '../middleware/auth.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf, Schemas } from '../openapi/spec.ts';
import {
  createKey,
  DEFAULT_SCOPES,
  getKey,
  type KeyRow,
  listKeys,
  revokeKey,
  type Scope,
} from '../storage/keys.ts';
import { setTenantBudget } from '../storage/tenants.ts';

export function apiKey(row: KeyRow): Schemas['ApiKey'] {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}

const keyNotFound = (id: string) =>
  new ApiError(404, 'key_not_found', `No API key ${id}`, { param: 'key_id' });

/**
 * `/v1/keys`: API keys over HTTP, so that a running server (whose PGlite directory no other
 * process may open) can have keys created and revoked. Admin only (the spec's scope), which a
 * loopback client of a server that never had a key is; an admin acts on every tenant, and
 * `tenant_id` narrows a request to one.
 */
export function keyRoutes(app: Hono<AppEnv>, s: Services, mode: AuthMode): void {
  app.get('/v1/keys', operation('listApiKeys'), async (c) => {
    const q = c.get('input').query;
    const { rows, total } = await listKeys(s.db, {
      tenantId: q.tenant_id,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json<JsonOf<'listApiKeys', 200>>({
      keys: rows.map(apiKey),
      total,
      has_more: q.offset + rows.length < total,
    });
  });

  app.post('/v1/keys', operation('createApiKey'), async (c) => {
    const input = c.get('input');
    const body = input.body;
    const { key, row } = await createKey(s.db, {
      tenantId: input.tenantId,
      ...(body.name ? { name: body.name } : {}),
      scopes: (body.scopes ?? DEFAULT_SCOPES) as Scope[],
      mode: body.mode ?? 'live',
    });
    // From this key on, this server asks every request for a key.
    mode.keysExist();
    if (body.budget !== undefined) await setTenantBudget(s.db, input.tenantId, body.budget);
    c.get('logger')?.info(
      { key_id: row.id, tenant_id: row.tenant_id, scopes: row.scopes },
      'api key created',
    );
    return c.json<JsonOf<'createApiKey', 201>>({ ...apiKey(row), key }, 201);
  });

  app.delete('/v1/keys/:key_id', operation('revokeApiKey'), async (c) => {
    const input = c.get('input');
    const { key_id } = input.path;
    const named = input.query.tenant_id;
    const existing = await getKey(s.db, key_id);
    if (!existing || (named && existing.tenant_id !== named)) throw keyNotFound(key_id);
    const r = await revokeKey(s.db, key_id);
    if (!r) throw keyNotFound(key_id);
    if (r.changed) c.get('logger')?.info({ key_id, tenant_id: r.row.tenant_id }, 'api key revoked');
    return c.json<JsonOf<'revokeApiKey', 200>>(apiKey(r.row));
  });
}
