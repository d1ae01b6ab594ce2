import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { ApiError, datasetNotFound } from '../http/errors';
import { endpoint } from '../http/pipeline';
import type { paths, Schemas } from '../spec';
import { parseJsonl } from '../state/jsonl';
import type { DatasetRecord } from '../state/store';
import { randomId, sha256Hex } from '../util/crypto';
import { idempotent, newestFirst, pageOf } from './common';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;

function toDataset(d: DatasetRecord): Schemas['Dataset'] {
  return {
    id: d.id,
    tenant_id: d.tenant,
    name: d.name,
    format: d.format,
    row_count: d.rows.length,
    size_bytes: d.sizeBytes,
    checksum_sha256: d.checksum,
    ...(d.labelCounts ? { label_counts: d.labelCounts } : {}),
    created_at: new Date(d.createdAt).toISOString(),
  };
}

/** The JSONL bytes and the dataset's name, from a raw `application/x-ndjson` body or a multipart form. */
async function upload(request: Request, url: URL, raw: Uint8Array | undefined) {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData();
    const file = form.get('file');
    if (file === null)
      throw new ApiError(400, 'invalid_request', 'The form has no "file" part', { param: 'file' });
    const bytes =
      typeof file === 'string' ? new TextEncoder().encode(file) : new Uint8Array(await file.arrayBuffer());
    const part = form.get('name');
    const name =
      (typeof part === 'string' && part) ||
      url.searchParams.get('name') ||
      (typeof file !== 'string' ? file.name : '');
    return { bytes, name };
  }
  if (type.startsWith('application/x-ndjson') || type.startsWith('application/jsonl')) {
    return { bytes: raw ?? new Uint8Array(), name: url.searchParams.get('name') ?? '' };
  }
  throw new ApiError(
    400,
    'invalid_request',
    'Send the JSONL as application/x-ndjson or multipart/form-data',
    {
      param: 'Content-Type',
    },
  );
}

export function datasetHandlers(http: Http, ctx: MockContext) {
  const find = (id: string, tenant: string) => {
    const dataset = ctx.state.datasets.get(id);
    if (!dataset || dataset.tenant !== tenant) throw datasetNotFound(id);
    return dataset;
  };

  return [
    http.post(
      '/v1/datasets',
      endpoint(ctx, 'uploadDataset', async ({ request, response }, call) => {
        const { bytes, name } = await upload(request, call.url, call.raw);
        if (!name || name.length > 200) {
          throw new ApiError(400, 'invalid_request', 'name is required (1 to 200 characters)', {
            param: 'name',
          });
        }
        const parsed = parseJsonl(new TextDecoder().decode(bytes));
        const checksum = await sha256Hex(bytes);
        const { value } = idempotent(
          ctx,
          call,
          request,
          'uploadDataset',
          { name, checksum },
          (id) => ctx.state.datasets.get(id),
          () => {
            const dataset: DatasetRecord = {
              id: randomId('ds_'),
              tenant: call.tenant,
              name,
              format: parsed.format,
              rows: parsed.rows,
              sizeBytes: bytes.byteLength,
              checksum,
              ...(parsed.labelCounts ? { labelCounts: parsed.labelCounts } : {}),
              createdAt: call.now,
            };
            ctx.state.datasets.set(dataset.id, dataset);
            return { id: dataset.id, value: dataset };
          },
        );
        return response(201).json(toDataset(value));
      }),
    ),

    http.get(
      '/v1/datasets',
      endpoint(ctx, 'listDatasets', ({ response }, call) => {
        const search = call.url.searchParams.get('search')?.toLowerCase();
        const datasets = [...ctx.state.datasets.values()]
          .filter((d) => d.tenant === call.tenant && (!search || d.name.toLowerCase().includes(search)))
          .sort(newestFirst);
        const { page, total, has_more } = pageOf(datasets, call.url);
        return response(200).json({ datasets: page.map(toDataset), total, has_more });
      }),
    ),

    http.get(
      '/v1/datasets/{dataset_id}',
      endpoint(ctx, 'getDataset', ({ params, response }, call) =>
        response(200).json(toDataset(find(params.dataset_id, call.tenant))),
      ),
    ),

    http.delete(
      '/v1/datasets/{dataset_id}',
      endpoint(ctx, 'deleteDataset', ({ params, response }, call) => {
        ctx.state.datasets.delete(find(params.dataset_id, call.tenant).id);
        return response(204).empty();
      }),
    ),
  ];
}
