import type { Db } from './db.ts';

/**
 * Append-only: a released migration is never edited, a change is a new entry. Each runs once, in
 * order, recorded in `schema_migrations`.
 */
const MIGRATIONS: string[] = [
  `
  create table tenants (
    id text primary key,
    budget double precision,
    created_at timestamptz not null default now()
  );
  create table api_keys (
    id text primary key,
    tenant_id text not null,
    name text,
    prefix text not null,
    key_hash text not null unique,
    scopes text[] not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  );
  create table jobs (
    id text primary key,
    kind text not null check (kind in ('distillation', 'fine_tuning')),
    tenant_id text not null,
    name text,
    description text,
    status text not null,
    phase text not null,
    config jsonb not null,
    progress jsonb not null default '{}',
    results jsonb not null default '{}',
    metrics jsonb not null default '{}',
    error jsonb,
    cost_accrued double precision not null default 0,
    estimated_cost double precision not null default 0,
    trained_tokens bigint not null default 0,
    result_model text,
    metadata jsonb not null default '{}',
    webhook_url text,
    attempt integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz
  );
  create index jobs_tenant_kind_created on jobs (tenant_id, kind, created_at desc);
  create table job_logs (
    id bigserial primary key,
    job_id text not null references jobs (id) on delete cascade,
    ts timestamptz not null default now(),
    level text not null,
    phase text,
    message text not null
  );
  create index job_logs_job on job_logs (job_id, id);
  create table job_metrics (
    job_id text not null references jobs (id) on delete cascade,
    step integer not null,
    point jsonb not null,
    primary key (job_id, step)
  );
  create table job_events (
    id bigserial primary key,
    job_id text not null references jobs (id) on delete cascade,
    type text not null,
    data jsonb not null
  );
  create index job_events_job on job_events (job_id, id);
  create table artifacts (
    job_id text not null references jobs (id) on delete cascade,
    format text not null,
    path text not null,
    size_bytes bigint not null,
    checksum_sha256 text not null,
    quantization text,
    created_at timestamptz not null default now(),
    primary key (job_id, format)
  );
  create table datasets (
    id text primary key,
    tenant_id text not null,
    name text not null,
    format text not null,
    row_count integer not null,
    size_bytes bigint not null,
    checksum_sha256 text not null,
    label_counts jsonb,
    path text not null,
    created_at timestamptz not null default now()
  );
  create index datasets_tenant on datasets (tenant_id, created_at desc);
  create table models (
    tenant_id text not null,
    id text not null,
    kind text not null,
    base_model text,
    source_job_id text,
    parameters bigint,
    context_length integer,
    architecture jsonb,
    path text not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
  );
  create table idempotency_keys (
    tenant_id text not null,
    operation text not null,
    key text not null,
    body_hash text not null,
    resource_id text,
    created_at timestamptz not null default now(),
    primary key (tenant_id, operation, key)
  );
  `,
  // Imported models (POST /v1/models): a name, and what the checkpoint reported (ModelDetails).
  `
  alter table models add column name text;
  alter table models add column details jsonb;
  `,
  // The inference scope (serving): keys made with the default scopes (every one but admin) before
  // it existed get it, as a key made now would.
  `
  update api_keys set scopes = array_append(scopes, 'inference')
  where scopes @> array['jobs:read', 'jobs:write', 'datasets:read', 'datasets:write', 'models:read', 'models:write']
    and not ('inference' = any(scopes));
  `,
];

export async function migrate(db: Db): Promise<void> {
  await db.exec(
    'create table if not exists schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set(
    (await db.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
  );
  for (const [i, sql] of MIGRATIONS.entries()) {
    const version = i + 1;
    if (done.has(version)) continue;
    await db.exec(`begin; ${sql}; insert into schema_migrations (version) values (${version}); commit;`);
  }
}
