import type { Schemas } from '../openapi/spec.ts';
import type { Db } from './db.ts';

/** What an imported checkpoint reported about itself, as the model object shows it. */
export type ModelDetails = Pick<
  Schemas['Model'],
  'dtype' | 'vocab_size' | 'tokenizer_type' | 'chat_template' | 'source'
>;

/** Models of a tenant: fine-tuned teachers, distilled students and imported checkpoints. */
export interface ModelRow {
  tenant_id: string;
  id: string;
  kind: 'fine_tuned' | 'distilled' | 'imported';
  name: string | null;
  base_model: string | null;
  source_job_id: string | null;
  parameters: number | null;
  context_length: number | null;
  architecture: Schemas['ModelArchitecture'] | null;
  details: ModelDetails | null;
  path: string;
  created_at: Date;
}

const COLUMNS =
  'tenant_id, id, kind, name, base_model, source_job_id, parameters::float8 as parameters, context_length, architecture, details, path, created_at';

type NewModel = Omit<ModelRow, 'created_at' | 'name' | 'details'> &
  Partial<Pick<ModelRow, 'name' | 'details'>>;

function values(m: NewModel): unknown[] {
  return [
    m.tenant_id,
    m.id,
    m.kind,
    m.base_model,
    m.source_job_id,
    m.parameters,
    m.context_length,
    m.architecture ? JSON.stringify(m.architecture) : null,
    m.path,
    m.name ?? null,
    m.details ? JSON.stringify(m.details) : null,
  ];
}

const INSERT = `insert into models (tenant_id, id, kind, base_model, source_job_id, parameters, context_length, architecture, path, name, details)
  values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb)`;

export async function upsertModel(db: Db, m: NewModel): Promise<void> {
  await db.query(
    `${INSERT}
     on conflict (tenant_id, id) do update set kind = excluded.kind, base_model = excluded.base_model, source_job_id = excluded.source_job_id,
       parameters = excluded.parameters, context_length = excluded.context_length, architecture = excluded.architecture, path = excluded.path,
       name = excluded.name, details = excluded.details`,
    values(m),
  );
}

/** A new model (an import: its id is fresh); the stored row. */
export async function insertModel(db: Db, m: NewModel): Promise<ModelRow> {
  return (await db.query<ModelRow>(`${INSERT} returning ${COLUMNS}`, values(m)))[0] as ModelRow;
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

export async function deleteModel(db: Db, tenantId: string, id: string): Promise<ModelRow | undefined> {
  return (
    await db.query<ModelRow>(`delete from models where tenant_id = $1 and id = $2 returning ${COLUMNS}`, [
      tenantId,
      id,
    ])
  )[0];
}
