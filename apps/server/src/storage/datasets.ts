import type { Db } from './db.ts';

export interface DatasetRow {
  id: string;
  tenant_id: string;
  name: string;
  format: 'prompt_completion' | 'messages';
  row_count: number;
  size_bytes: number;
  checksum_sha256: string;
  label_counts: Record<string, number> | null;
  path: string;
  created_at: Date;
}

const COLUMNS =
  'id, tenant_id, name, format, row_count, size_bytes::float8 as size_bytes, checksum_sha256, label_counts, path, created_at';

export async function insertDataset(db: Db, d: Omit<DatasetRow, 'created_at'>): Promise<DatasetRow> {
  const rows = await db.query<DatasetRow>(
    `insert into datasets (id, tenant_id, name, format, row_count, size_bytes, checksum_sha256, label_counts, path)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) returning ${COLUMNS}`,
    [
      d.id,
      d.tenant_id,
      d.name,
      d.format,
      d.row_count,
      d.size_bytes,
      d.checksum_sha256,
      d.label_counts ? JSON.stringify(d.label_counts) : null,
      d.path,
    ],
  );
  return rows[0] as DatasetRow;
}

export async function getDataset(db: Db, tenantId: string, id: string): Promise<DatasetRow | undefined> {
  return (
    await db.query<DatasetRow>(`select ${COLUMNS} from datasets where id = $1 and tenant_id = $2`, [
      id,
      tenantId,
    ])
  )[0];
}

export async function listDatasets(
  db: Db,
  tenantId: string,
  search: string | undefined,
  limit: number,
  offset: number,
) {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (search) {
    params.push(`%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where += ` and name ilike $2`;
  }
  const total =
    (await db.query<{ n: number }>(`select count(*)::int as n from datasets where ${where}`, params))[0]?.n ??
    0;
  const rows = await db.query<DatasetRow>(
    `select ${COLUMNS} from datasets where ${where} order by created_at desc, id desc limit ${limit} offset ${offset}`,
    params,
  );
  return { rows, total };
}

export async function deleteDataset(db: Db, tenantId: string, id: string): Promise<DatasetRow | undefined> {
  return (
    await db.query<DatasetRow>(`delete from datasets where id = $1 and tenant_id = $2 returning ${COLUMNS}`, [
      id,
      tenantId,
    ])
  )[0];
}

export async function datasetCount(db: Db, tenantId: string): Promise<number> {
  return (
    (
      await db.query<{ n: number }>('select count(*)::int as n from datasets where tenant_id = $1', [
        tenantId,
      ])
    )[0]?.n ?? 0
  );
}
