import { DistilleryError } from '../core/errors.js';
import { newIdempotencyKey } from '../core/idempotency.js';
import type { RequestOptions } from '../core/options.js';
import { PagePromise, singlePageData } from '../core/pagination.js';
import {
  type Acknowledgement,
  acknowledgement,
  type Transport,
  unwrap,
  type WithRequestId,
} from '../core/transport.js';
import {
  filesToParts,
  importForm,
  type ModelPart,
  modelNameOf,
  partPath,
  pathToParts,
} from '../lib/model-source.js';
import type { Model, ModelList } from '../types.js';

/** What to import: exactly one of `files`, `archive`, `path` or `source_url`. */
export interface ModelImportParams {
  /**
   * A Hugging Face folder's files (`config.json`, `model.safetensors` or its shards and index,
   * `tokenizer.json`, optionally `tokenizer_config.json`, `generation_config.json`): `File`s named by
   * their path in the folder (a folder picked in a browser keeps `webkitRelativePath`), or a record
   * of path → Blob.
   */
  files?: readonly File[] | Record<string, Blob> | undefined;
  /** One file: a tar or tar.gz archive of such a folder, or a GGUF file. */
  archive?: Blob | undefined;
  /** A path on disk (Node, Bun, Deno): a Hugging Face folder, a `.gguf`, or a `.tar` / `.tar.gz`. */
  path?: string | undefined;
  /** A GGUF file or tar(.gz) archive for the server to fetch (from a host its operator allows). */
  source_url?: string | undefined;
  /** Defaults to the folder's, file's or URL's name. */
  name?: string | undefined;
}

export interface ImportOptions extends RequestOptions {
  idempotencyKey?: string | undefined;
}

/** An import waits for the upload and the conversion: an hour unless the call says otherwise. */
const IMPORT_TIMEOUT_MS = 60 * 60_000;

/** Presets, teacher endpoints, fine-tuned, distilled and imported models: `/v1/models`. */
export class Models {
  constructor(private readonly transport: Transport) {}

  /** Every model as one `Page` (the API does not paginate it); `items` is the OpenAI-style `data`. */
  list(options?: RequestOptions): PagePromise<Model, ModelList> {
    return new PagePromise(async () => {
      const body = unwrap(
        await this.transport.api.GET('/v1/models', {
          params: { query: this.transport.tenant() },
          ...this.transport.init(options),
        }),
      );
      return singlePageData(body, body.data);
    });
  }

  /** `modelId` may carry a provider prefix (`local/ft-spam-teacher`); it is URL-encoded for you. */
  async get(modelId: string, options?: RequestOptions): Promise<WithRequestId<Model>> {
    return unwrap(
      await this.transport.api.GET('/v1/models/{model_id}', {
        params: { path: { model_id: modelId }, query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /**
   * Imports a pretrained Llama-family checkpoint; the model's `id` (`local/mdl_…`) then names it as
   * a teacher, student or base model. A checkpoint the server cannot import is a `BadRequestError`
   * whose message names the file and field at fault; one over the server's limit a 413. An upload
   * is sent once (`maxRetries` 0 unless given): a retry would hold the whole body in memory.
   */
  async import(params: ModelImportParams, options: ImportOptions = {}): Promise<WithRequestId<Model>> {
    const given = (['files', 'archive', 'path', 'source_url'] as const).filter(
      (k) => params[k] !== undefined,
    );
    if (given.length !== 1) {
      throw new DistilleryError(
        given.length
          ? `models.import takes one of files, archive, path or source_url, got ${given.join(' and ')}`
          : 'models.import needs files, archive, path or source_url',
        { param: given[1] ?? 'files' },
      );
    }
    const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
    const timeout = options.timeout ?? IMPORT_TIMEOUT_MS;
    const query = this.transport.tenant();
    if (params.source_url !== undefined) {
      return unwrap(
        await this.transport.api.POST('/v1/models', {
          params: { query, header: { 'Idempotency-Key': idempotencyKey } },
          body: { source_url: params.source_url, ...(params.name ? { name: params.name } : {}) },
          ...this.transport.init({ ...options, timeout }),
        }),
      );
    }
    let parts: ModelPart[];
    let name = params.name;
    if (params.path !== undefined) {
      parts = await pathToParts(params.path);
      name ??= modelNameOf(params.path);
    } else if (params.archive !== undefined) {
      const path = partPath(params.archive, 'model');
      parts = [{ path, blob: params.archive }];
      if (params.archive instanceof File) name ??= modelNameOf(path);
    } else {
      parts = filesToParts(params.files ?? []);
      if (parts.length === 0) throw new DistilleryError('models.import: files is empty', { param: 'files' });
    }
    return unwrap(
      await this.transport.api.POST('/v1/models', {
        params: { query, header: { 'Idempotency-Key': idempotencyKey } },
        // openapi-fetch types the multipart body by its schema; FormData is sent as is, with its boundary.
        body: importForm(parts, name) as never,
        bodySerializer: (body: unknown) => body as FormData,
        ...this.transport.init({ ...options, timeout, maxRetries: options.maxRetries ?? 0 }),
      }),
    );
  }

  /** Deletes an imported, fine-tuned or distilled model of the tenant (not a preset). */
  async delete(modelId: string, options?: RequestOptions): Promise<Acknowledgement> {
    const { response } = await this.transport.api.DELETE('/v1/models/{model_id}', {
      params: { path: { model_id: modelId }, query: this.transport.tenant() },
      ...this.transport.init(options),
    });
    return acknowledgement(response);
  }
}
