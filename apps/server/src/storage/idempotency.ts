import type { Db } from './db.ts';

/**
 * Claims an Idempotency-Key for one create. The first request with a key owns it; later ones get
 * the stored body hash and resource id to replay or refuse. Keys live 24 hours.
 */
export async function claimIdempotencyKey(
  db: Db,
  tenantId: string,
  operation: string,
  key: string,
  bodyHash: string,
): Promise<{ owned: true } | { owned: false; bodyHash: string; resourceId: string | null }> {
  await db.query(
    `delete from idempotency_keys where tenant_id = $1 and operation = $2 and key = $3 and created_at < now() - interval '24 hours'`,
    [tenantId, operation, key],
  );
  const inserted = await db.query(
    'insert into idempotency_keys (tenant_id, operation, key, body_hash) values ($1, $2, $3, $4) on conflict do nothing returning key',
    [tenantId, operation, key, bodyHash],
  );
  if (inserted.length) return { owned: true };
  const rows = await db.query<{ body_hash: string; resource_id: string | null }>(
    'select body_hash, resource_id from idempotency_keys where tenant_id = $1 and operation = $2 and key = $3',
    [tenantId, operation, key],
  );
  return { owned: false, bodyHash: rows[0]?.body_hash ?? '', resourceId: rows[0]?.resource_id ?? null };
}

export async function completeIdempotencyKey(
  db: Db,
  tenantId: string,
  operation: string,
  key: string,
  resourceId: string,
): Promise<void> {
  await db.query(
    'update idempotency_keys set resource_id = $4 where tenant_id = $1 and operation = $2 and key = $3',
    [tenantId, operation, key, resourceId],
  );
}

/** Frees a key whose create failed, so the client can retry with it. */
export async function releaseIdempotencyKey(
  db: Db,
  tenantId: string,
  operation: string,
  key: string,
): Promise<void> {
  await db.query(
    'delete from idempotency_keys where tenant_id = $1 and operation = $2 and key = $3 and resource_id is null',
    [tenantId, operation, key],
  );
}
