import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { notFound } from '../errors.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf, Schemas } from '../openapi/spec.ts';
import { PRESETS } from '../services/catalog.ts';
import { listModels, type ModelRow } from '../storage/models.ts';

// Presets ship with the server; their `created` is fixed so the list is stable.
const PRESET_CREATED = 1_776_600_000;

function presetModels(): Schemas['Model'][] {
  return PRESETS.map((p) => ({
    id: p.id,
    object: 'model',
    created: PRESET_CREATED,
    owned_by: 'distillery',
    kind: 'preset',
    parameters: p.parameters,
    context_length: p.context_length,
    architecture: p.architecture,
  }));
}

function storedModel(m: ModelRow): Schemas['Model'] {
  return {
    id: m.id,
    object: 'model',
    created: Math.floor(m.created_at.getTime() / 1000),
    owned_by: m.tenant_id,
    kind: m.kind,
    parameters: m.parameters,
    ...(m.context_length ? { context_length: m.context_length } : {}),
    ...(m.base_model ? { base_model: m.base_model } : {}),
    source_job_id: m.source_job_id,
    ...(m.architecture ? { architecture: m.architecture } : {}),
  };
}

export async function tenantModels(s: Services, tenantId: string): Promise<Schemas['Model'][]> {
  return [...presetModels(), ...(await listModels(s.db, tenantId)).map(storedModel)];
}

export function modelRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/models', operation('listModels'), async (c) =>
    c.json<JsonOf<'listModels', 200>>({
      object: 'list',
      data: await tenantModels(s, c.get('input').tenantId),
    }),
  );
  app.get('/v1/models/:model_id{.+}', operation('getModel'), async (c) => {
    const { path, tenantId } = c.get('input');
    const id = path.model_id;
    const model = (await tenantModels(s, tenantId)).find((m) => m.id === id);
    if (!model) throw notFound('model_not_found', `No model ${id}`, 'model_id');
    return c.json<JsonOf<'getModel', 200>>(model);
  });
}
