import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { ApiError } from '../http/errors';
import { type Call, endpoint } from '../http/pipeline';
import type { paths, Schemas } from '../spec';
import {
  defaultName,
  folderSummary,
  type ImportedSummary,
  kindOf,
  placeholderSummary,
  safeRelativePath,
} from '../state/imports';
import { tenantModels } from '../state/models';
import { randomId, sha256Hex } from '../util/crypto';
import { idempotent } from './common';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;
type Model = Schemas['Model'];

const bad = (message: string, param = 'file') => new ApiError(400, 'invalid_request', message, { param });

/** A listed id, or the same without its `local/` prefix. */
const sameModel = (listed: string, asked: string) => listed === asked || listed === `local/${asked}`;

interface Upload {
  summary: ImportedSummary;
  source: Schemas['ModelSource'];
  name: string | undefined;
  fingerprint: unknown;
}

/** A multipart upload checked and summarised: folder files, one archive, or one GGUF file. */
async function fromMultipart(request: Request): Promise<Upload> {
  const form = await request.formData().catch(() => {
    throw bad('The multipart body is malformed', 'body');
  });
  const files = new Map<string, Uint8Array>();
  let name: string | undefined;
  for (const [field, value] of form.entries()) {
    if (field === 'name' && typeof value === 'string') name = value;
    else if (field === 'file' && typeof value !== 'string') {
      const path = safeRelativePath(value.name, 'file part');
      if (files.has(path)) throw bad(`file part ${path}: sent twice`);
      files.set(path, new Uint8Array(await value.arrayBuffer()));
    } else if (field === 'file')
      throw bad('the file part has no filename: give each part its path in the folder');
    else throw bad(`unexpected form field ${field}: only file parts and name are accepted`, field);
  }
  if (files.size === 0) throw bad('The multipart body needs at least one file part');
  if (name !== undefined && (name.length === 0 || name.length > 200))
    throw bad('name must be 1 to 200 characters', 'name');
  const fingerprint = {
    name: name ?? null,
    files: await Promise.all(
      [...files].map(async ([path, bytes]) => ({ path, sha256: await sha256Hex(bytes) })),
    ),
  };
  if (files.size === 1) {
    const [path, bytes] = [...files][0] as [string, Uint8Array];
    const kind = kindOf(bytes);
    if (kind === 'gguf' || kind === 'tar' || kind === 'gzip') {
      const format = kind === 'gguf' ? 'gguf' : 'safetensors';
      return {
        summary: placeholderSummary(format, path),
        source: { type: 'upload', format },
        name: name ?? defaultName(path),
        fingerprint,
      };
    }
  }
  // A folder sent with its top folder in each path (`smollm2/config.json`) is read from inside it.
  const tops = new Set([...files.keys()].map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  const top = tops.size === 1 ? [...tops][0] : '';
  const inFolder = top
    ? new Map([...files].map(([p, b]) => [p.slice((top as string).length + 1), b] as const))
    : files;
  return {
    summary: folderSummary(inFolder),
    source: { type: 'upload', format: 'safetensors' },
    name: name ?? (top || undefined),
    fingerprint,
  };
}

/** A `source_url` the operator's `importHosts` allows; the mock fetches nothing. */
function fromUrl(ctx: MockContext, body: Schemas['ModelImportRequest']): Upload {
  const url = new URL(body.source_url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw bad(`source_url must be an http or https URL, not ${url.protocol}`, 'source_url');
  const policy = ctx.options.importHosts;
  if (!policy.restricted)
    throw bad(
      'source_url: this server fetches models from no host (the operator lists those it may in importHosts)',
      'source_url',
    );
  const refused = policy.refuseHost(url.hostname);
  if (refused) throw bad(`source_url: ${refused}`, 'source_url');
  const path = decodeURIComponent(url.pathname);
  const format = /\.gguf$/i.test(path) ? 'gguf' : 'safetensors';
  url.username = '';
  url.password = '';
  return {
    summary: placeholderSummary(format, path),
    source: { type: 'url', url: url.toString(), format },
    name: body.name ?? defaultName(path),
    fingerprint: body,
  };
}

function imported(call: Call, upload: Upload): Model {
  return {
    id: `local/${randomId('mdl_')}`,
    object: 'model',
    created: Math.floor(call.now / 1000),
    owned_by: call.tenant,
    ...upload.summary,
    ...(upload.name ? { name: upload.name } : {}),
    source: upload.source,
    source_job_id: null,
  };
}

export function modelHandlers(http: Http, ctx: MockContext) {
  return [
    http.post(
      '/v1/models',
      endpoint(ctx, 'importModel', async ({ request, response }, call) => {
        const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
        const upload = multipart
          ? await fromMultipart(request)
          : fromUrl(ctx, call.body as Schemas['ModelImportRequest']);
        const { value } = idempotent(
          ctx,
          call,
          request,
          'importModel',
          upload.fingerprint,
          (id) => ctx.state.importedModels.get(`${call.tenant}/${id}`)?.model,
          () => {
            const model = imported(call, upload);
            ctx.state.importedModels.set(`${call.tenant}/${model.id}`, { tenant: call.tenant, model });
            return { id: model.id, value: model };
          },
        );
        return response(201).json(value);
      }),
    ),

    http.get(
      '/v1/models',
      endpoint(ctx, 'listModels', ({ response }, call) =>
        response(200).json({ object: 'list', data: tenantModels(ctx, call.tenant, call.now) }),
      ),
    ),

    http.get(
      '/v1/models/{model_id}',
      endpoint(ctx, 'getModel', ({ params, response }, call) => {
        // Provider-prefixed ids arrive URL-encoded (`local%2Fft-spam-teacher`).
        const id = decodeURIComponent(params.model_id);
        const model = tenantModels(ctx, call.tenant, call.now).find((m) => sameModel(m.id, id));
        if (!model) throw new ApiError(404, 'model_not_found', `No model ${id}`, { param: 'model_id' });
        return response(200).json(model);
      }),
    ),

    http.delete(
      '/v1/models/{model_id}',
      endpoint(ctx, 'deleteModel', ({ params, response }, call) => {
        const id = decodeURIComponent(params.model_id);
        const model = tenantModels(ctx, call.tenant, call.now).find((m) => sameModel(m.id, id));
        if (!model) throw new ApiError(404, 'model_not_found', `No model ${id}`, { param: 'model_id' });
        if (model.kind === 'preset' || model.kind === 'teacher_endpoint')
          throw new ApiError(
            400,
            'invalid_request',
            `${model.id} is a ${model.kind === 'preset' ? 'preset' : 'teacher endpoint'} of this server and cannot be deleted`,
            { param: 'model_id' },
          );
        if (!ctx.state.importedModels.delete(`${call.tenant}/${model.id}`))
          ctx.state.deletedModels.add(`${call.tenant}/${model.id}`);
        ctx.state.serving.unload(call.tenant, model.id);
        return response(204).empty();
      }),
    ),
  ];
}
