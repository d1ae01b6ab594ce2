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
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

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

export async function listKeys(db: Db): Promise<KeyRow[]> {
  return db.query<KeyRow>(
    'select id, tenant_id, name, prefix, scopes, created_at, last_used_at, revoked_at from api_keys order by created_at',
  );
}

export async function revokeKey(db: Db, id: string): Promise<boolean> {
  return (
    (
      await db.query(
        'update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id',
        [id],
      )
    ).length > 0
  );
}

export async function activeKeyCount(db: Db): Promise<number> {
  return (
    (await db.query<{ n: number }>('select count(*)::int as n from api_keys where revoked_at is null'))[0]
      ?.n ?? 0
  );
}
