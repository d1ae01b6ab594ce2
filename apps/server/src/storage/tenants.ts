import type { Db } from './db.ts';

/** A tenant's credit budget: its own when set, else the server default (null is unlimited). */
export async function tenantBudget(
  db: Db,
  tenantId: string,
  fallback: number | null,
): Promise<number | null> {
  const rows = await db.query<{ budget: number | null }>('select budget from tenants where id = $1', [
    tenantId,
  ]);
  return rows[0]?.budget ?? fallback;
}

export async function setTenantBudget(db: Db, tenantId: string, budget: number | null): Promise<void> {
  await db.query(
    'insert into tenants (id, budget) values ($1, $2) on conflict (id) do update set budget = excluded.budget',
    [tenantId, budget],
  );
}
