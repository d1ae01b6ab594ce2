import { randomBytes } from 'node:crypto';
import { newId, sha256Hex } from '../ids.ts';
import type { Db } from './db.ts';

export const SCOPES = [
  'jobs:read',
  'jobs:write',
  'datasets:read',
  'datasets:write',
  'models:read',
  'models:write',
  'inference',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Every scope but `admin`: what a key gets when its creator names none. */
export const DEFAULT_SCOPES: Scope[] = SCOPES.filter((s) => s !== 'admin');

export interface KeyRow {
  id: string;
  tenant_id: string;
  name: string | null;
  prefix: string;
  scopes: Scope[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Creates a key; the secret is returned once and only its sha256 is stored. */
export async function createKey(
  db: Db,
  opts: { tenantId: string; name?: string; scopes: Scope[]; mode: 'live' | 'test' },
): Promise<{ key: string; row: KeyRow }> {
  let secret = '';
  for (const b of randomBytes(32)) secret += BASE62[b % 62];
  const key = `dk_${opts.mode}_${secret}`;
  const rows = await db.query<KeyRow>(
    `insert into api_keys (id, tenant_id, name, prefix, key_hash, scopes) values ($1, $2, $3, $4, $5, $6)
     returning id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at`,
    [newId('key'), opts.tenantId, opts.name ?? null, key.slice(0, 12), sha256Hex(key), opts.scopes],
  );
  await db.query('insert into tenants (id) values ($1) on conflict do nothing', [opts.tenantId]);
  return { key, row: rows[0] as KeyRow };
}

export async function findKey(db: Db, key: string): Promise<KeyRow | undefined> {
  const rows = await db.query<KeyRow>(
    `update api_keys set last_used_at = now() where key_hash = $1 and revoked_at is null
     returning id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at`,
    [sha256Hex(key)],
  );
  return rows[0];
}

const COLUMNS = 'id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at';

/** Keys, oldest first, optionally of one tenant; `limit` undefined lists them all. */
export async function listKeys(
  db: Db,
  opts: { tenantId?: string | undefined; limit?: number; offset?: number } = {},
): Promise<{ rows: KeyRow[]; total: number }> {
  const where = opts.tenantId ? 'where tenant_id = $1' : '';
  const params: unknown[] = opts.tenantId ? [opts.tenantId] : [];
  const total =
    (await db.query<{ n: number }>(`select count(*)::int as n from api_keys ${where}`, params))[0]?.n ?? 0;
  const page =
    opts.limit === undefined
      ? ''
      : ` limit ${Math.trunc(opts.limit)} offset ${Math.max(0, Math.trunc(opts.offset ?? 0))}`;
  const rows = await db.query<KeyRow>(
    `select ${COLUMNS} from api_keys ${where} order by created_at, id${page}`,
    params,
  );
  return { rows, total };
}

export async function getKey(db: Db, id: string): Promise<KeyRow | undefined> {
  return (await db.query<KeyRow>(`select ${COLUMNS} from api_keys where id = $1`, [id]))[0];
}

/**
 * Revokes a key at once: the next request that presents it is refused, since every request looks
 * its key up in the database. Answers the key, revoked now or before; undefined when none has the id.
 */
export async function revokeKey(db: Db, id: string): Promise<{ row: KeyRow; changed: boolean } | undefined> {
  const rows = await db.query<KeyRow>(
    `update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning ${COLUMNS}`,
    [id],
  );
  if (rows[0]) return { row: rows[0], changed: true };
  const row = await getKey(db, id);
  return row ? { row, changed: false } : undefined;
}

/**
 * How many keys were ever created, revoked ones included. Any at all keeps authentication on:
 * revoking the last key must never turn a server back into one that trusts every loopback client.
 */
export async function keyCount(db: Db): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from api_keys'))[0]?.n ?? 0;
}
