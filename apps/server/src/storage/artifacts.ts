import type { Db } from './db.ts';

export interface ArtifactRow {
  job_id: string;
  format: string;
  path: string;
  size_bytes: number;
  checksum_sha256: string;
  quantization: string | null;
}

export async function upsertArtifact(db: Db, a: ArtifactRow): Promise<void> {
  await db.query(
    `insert into artifacts (job_id, format, path, size_bytes, checksum_sha256, quantization) values ($1, $2, $3, $4, $5, $6)
     on conflict (job_id, format) do update set path = excluded.path, size_bytes = excluded.size_bytes,
       checksum_sha256 = excluded.checksum_sha256, quantization = excluded.quantization, created_at = now()`,
    [a.job_id, a.format, a.path, a.size_bytes, a.checksum_sha256, a.quantization],
  );
}

export async function listArtifacts(db: Db, jobId: string): Promise<ArtifactRow[]> {
  return db.query<ArtifactRow>(
    'select job_id, format, path, size_bytes::float8 as size_bytes, checksum_sha256, quantization from artifacts where job_id = $1 order by format',
    [jobId],
  );
}

export async function artifactBytes(db: Db, tenantId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select coalesce(sum(a.size_bytes), 0)::float8 as n from artifacts a join jobs j on j.id = a.job_id where j.tenant_id = $1',
    [tenantId],
  );
  return rows[0]?.n ?? 0;
}
