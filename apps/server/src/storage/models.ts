import type { Schemas } from '../openapi/spec.ts';
import type { Db } from './db.ts';

/** Models this server produced: fine-tuned teachers and distilled students, per tenant. */
export interface ModelRow {
  tenant_id: string;
  id: string;
  kind: 'fine_tuned' | 'distilled';
  base_model: string | null;
  source_job_id: string | null;
  parameters: number | null;
  context_length: number | null;
  architecture: Schemas['ModelArchitecture'] | null;
  path: string;
  created_at: Date;
}

const COLUMNS =
  'tenant_id, id, kind, base_model, source_job_id, parameters::float8 as parameters, context_length, architecture, path, created_at';

export async function upsertModel(db: Db, m: Omit<ModelRow, 'created_at'>): Promise<void> {
  await db.query(
    `insert into models (tenant_id, id, kind, base_model, source_job_id, parameters, context_length, architecture, path)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
     on conflict (tenant_id, id) do update set kind = excluded.kind, base_model = excluded.base_model, source_job_id = excluded.source_job_id,
       parameters = excluded.parameters, context_length = excluded.context_length, architecture = excluded.architecture, path = excluded.path`,
    [
      m.tenant_id,
      m.id,
      m.kind,
      m.base_model,
      m.source_job_id,
      m.parameters,
      m.context_length,
      m.architecture ? JSON.stringify(m.architecture) : null,
      m.path,
    ],
  );
}

export async function listModels(db: Db, tenantId: string): Promise<ModelRow[]> {
  return db.query<ModelRow>(`select ${COLUMNS} from models where tenant_id = $1 order by created_at`, [
    tenantId,
  ]);
}

export async function getModel(db: Db, tenantId: string, id: string): Promise<ModelRow | undefined> {
  return (
    await db.query<ModelRow>(`select ${COLUMNS} from models where tenant_id = $1 and id = $2`, [tenantId, id])
  )[0];
}
