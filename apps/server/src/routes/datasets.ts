import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId, sha256Hex } from '../ids.ts';
import { operation } from '../middleware/operation.ts';
import type { JsonOf } from '../openapi/spec.ts';
import { findUnstorableText, unstorableTextError } from '../openapi/validate.ts';
import { parseJsonl } from '../services/jsonl.ts';
import { deleteDataset, getDataset, insertDataset, listDatasets } from '../storage/datasets.ts';
import { idempotent } from './idempotent.ts';
import { dataset } from './present.ts';

export function datasetRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/datasets', operation('uploadDataset'), async (c) => {
    const { query, tenantId } = c.get('input');
    const type = c.req.header('content-type') ?? '';
    let name = query.name;
    let text: string;
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.formData().catch(() => {
        throw new ApiError(400, 'invalid_request', 'The multipart body is malformed', { param: 'body' });
      });
      const file = form.get('file');
      if (file === null)
        throw new ApiError(400, 'invalid_request', 'The multipart body needs a file part', { param: 'file' });
      text = typeof file === 'string' ? file : await file.text();
      const formName = form.get('name');
      name ??=
        typeof formName === 'string' && formName
          ? formName
          : typeof file === 'string'
            ? undefined
            : file.name || undefined;
    } else if (/^(application\/(x-ndjson|jsonl|x-jsonlines)|text\/plain)/.test(type)) {
      text = await c.req.text();
    } else {
      throw new ApiError(
        400,
        'invalid_request',
        'Send JSONL as application/x-ndjson or multipart/form-data',
        { param: 'Content-Type' },
      );
    }
    if (!name) throw new ApiError(400, 'invalid_request', 'name is required', { param: 'name' });
    if (name.length > 200)
      throw new ApiError(400, 'invalid_request', 'name must be at most 200 characters', { param: 'name' });
    const unstorable = findUnstorableText(name, 'name');
    if (unstorable) throw unstorableTextError(unstorable, 'name');
    const datasetName = name;
    const checksum = sha256Hex(text);
    const { value } = await idempotent(
      s,
      { tenantId, key: c.req.header('idempotency-key') },
      'uploadDataset',
      `${datasetName}\n${checksum}`,
      async () => {
        const parsed = parseJsonl(text);
        const id = newId('ds');
        const dir = join(s.settings.dataDir, 'datasets', tenantId);
        await mkdir(dir, { recursive: true });
        const path = join(dir, `${id}.jsonl`);
        await writeFile(path, text);
        // The file is only kept once its row exists: a failed insert leaves nothing behind.
        const row = await insertDataset(s.db, {
          id,
          tenant_id: tenantId,
          name: datasetName,
          format: parsed.format,
          row_count: parsed.rows,
          size_bytes: Buffer.byteLength(text),
          checksum_sha256: checksum,
          label_counts: parsed.labelCounts,
          path,
        }).catch(async (err: unknown) => {
          await rm(path, { force: true });
          throw err;
        });
        return { id, value: row };
      },
      (id) => getDataset(s.db, tenantId, id),
    );
    return c.json<JsonOf<'uploadDataset', 201>>(dataset(value), 201);
  });

  app.get('/v1/datasets', operation('listDatasets'), async (c) => {
    const { query: q, tenantId } = c.get('input');
    const { rows, total } = await listDatasets(s.db, tenantId, q.search, q.limit, q.offset);
    return c.json<JsonOf<'listDatasets', 200>>({
      datasets: rows.map(dataset),
      total,
      has_more: q.offset + rows.length < total,
    });
  });

  app.get('/v1/datasets/:dataset_id', operation('getDataset'), async (c) => {
    const { path, tenantId } = c.get('input');
    const id = path.dataset_id;
    const row = await getDataset(s.db, tenantId, id);
    if (!row) throw notFound('dataset_not_found', `No dataset ${id}`, 'dataset_id');
    return c.json<JsonOf<'getDataset', 200>>(dataset(row));
  });

  app.delete('/v1/datasets/:dataset_id', operation('deleteDataset'), async (c) => {
    const { path, tenantId } = c.get('input');
    const id = path.dataset_id;
    const row = await deleteDataset(s.db, tenantId, id);
    if (!row) throw notFound('dataset_not_found', `No dataset ${id}`, 'dataset_id');
    await rm(row.path, { force: true });
    return c.body(null, 204);
  });
}
