import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { tenantModelsDir } from '../jobs/paths.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf, Schemas } from '../openapi/spec.ts';
import { findPreset, PRESETS } from '../services/catalog.ts';
import { importModel } from '../services/model-import.ts';
import { deleteModel, getModel, listModels, type ModelRow } from '../storage/models.ts';
import { canonicalBody, idempotent } from './idempotent.ts';

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

/**
 * What is known of a model trained here from a preset: the engine's byte-level BPE, f32 weights,
 * no chat template of its own. (A model trained from an imported one keeps that one's tokenizer.)
 */
function trainedDetails(m: ModelRow): Partial<Schemas['Model']> {
  if (m.kind === 'imported' || !m.base_model || !findPreset(m.base_model.replace(/^local\//, ''))) return {};
  return {
    dtype: 'F32',
    tokenizer_type: 'byte-level-bpe',
    chat_template: false,
    ...(m.architecture ? { vocab_size: m.architecture.vocab_size } : {}),
  };
}

export function storedModel(m: ModelRow): Schemas['Model'] {
  return {
    id: m.id,
    object: 'model',
    created: Math.floor(m.created_at.getTime() / 1000),
    owned_by: m.tenant_id,
    kind: m.kind,
    ...(m.name ? { name: m.name } : {}),
    parameters: m.parameters,
    ...(m.context_length ? { context_length: m.context_length } : {}),
    ...(m.base_model ? { base_model: m.base_model } : {}),
    source_job_id: m.source_job_id,
    ...(m.architecture ? { architecture: m.architecture } : {}),
    ...trainedDetails(m),
    ...(m.details ?? {}),
  };
}

export async function tenantModels(s: Services, tenantId: string): Promise<Schemas['Model'][]> {
  return [...presetModels(), ...(await listModels(s.db, tenantId)).map(storedModel)];
}

/** A model id as listed, or without its `local/` prefix. */
const sameModel = (listed: string, asked: string) => listed === asked || listed === `local/${asked}`;

/** A model upload streams its multipart body to disk under its own limit, not the JSON body limit. */
export function isModelUpload(c: Pick<Context, 'req'>): boolean {
  return (
    c.req.method === 'POST' &&
    c.req.path === '/v1/models' &&
    (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
  );
}

export function modelRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/models', operation('importModel'), async (c) => {
    const { body, rawBody, tenantId } = c.get('input');
    const key = c.req.header('idempotency-key');
    const once = async (fingerprint: string, create: () => Promise<ModelRow>) =>
      (
        await idempotent(
          s,
          { tenantId, key },
          'importModel',
          fingerprint,
          async () => {
            const row = await create();
            return { id: row.id, value: row };
          },
          (id) => getModel(s.db, tenantId, id),
        )
      ).value;
    const row = await importModel(
      s,
      tenantId,
      isModelUpload(c)
        ? {
            type: 'upload',
            body: c.req.raw.body,
            headers: {
              'content-type': c.req.header('content-type') ?? '',
              ...(c.req.header('content-length')
                ? { 'content-length': c.req.header('content-length') as string }
                : {}),
            },
          }
        : { type: 'url', sourceUrl: body.source_url, name: body.name, fingerprint: canonicalBody(rawBody) },
      once,
    ).catch((err: unknown) => {
      // The client may still be sending: do not read the rest of a refused upload.
      if (err instanceof ApiError && err.status === 413) err.headers.Connection = 'close';
      throw err;
    });
    return c.json<JsonOf<'importModel', 201>>(storedModel(row), 201);
  });

  app.get('/v1/models', operation('listModels'), async (c) =>
    c.json<JsonOf<'listModels', 200>>({
      object: 'list',
      data: await tenantModels(s, c.get('input').tenantId),
    }),
  );

  app.get('/v1/models/:model_id{.+}', operation('getModel'), async (c) => {
    const { path, tenantId } = c.get('input');
    const id = path.model_id;
    const model = (await tenantModels(s, tenantId)).find((m) => sameModel(m.id, id));
    if (!model) throw notFound('model_not_found', `No model ${id}`, 'model_id');
    return c.json<JsonOf<'getModel', 200>>(model);
  });

  app.delete('/v1/models/:model_id{.+}', operation('deleteModel'), async (c) => {
    const { path, tenantId } = c.get('input');
    const id = path.model_id;
    const listed = (await tenantModels(s, tenantId)).find((m) => sameModel(m.id, id));
    if (listed && (listed.kind === 'preset' || listed.kind === 'teacher_endpoint'))
      throw new ApiError(
        400,
        'invalid_request',
        `${listed.id} is a ${listed.kind === 'preset' ? 'preset' : 'teacher endpoint'} of this server and cannot be deleted`,
        { param: 'model_id' },
      );
    const row = listed ? await deleteModel(s.db, tenantId, listed.id) : undefined;
    if (!row) throw notFound('model_not_found', `No model ${id}`, 'model_id');
    await s.serving.forget(tenantId, row.id);
    // `local/<name>` lives at <models dir>/<name>: an imported or fine-tuned model's folder, or the
    // link to a distilled student's (whose files stay among its job's artifacts).
    const name = row.id.replace(/^local\//, '');
    if (/^[A-Za-z0-9._-]+$/.test(name) && name !== '.' && name !== '..')
      await rm(join(tenantModelsDir(s, tenantId), name), { recursive: true, force: true });
    return c.body(null, 204);
  });
}
