import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointSummary, ModelConfig } from '@distillery/engine';
import type { Services } from '../context.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import { importInThread } from '../jobs/engine-client.ts';
import { tenantModelsDir } from '../jobs/paths.ts';
import type { Schemas } from '../openapi/spec.ts';
import { insertModel, type ModelRow } from '../storage/models.ts';
import { architectureOf } from './catalog.ts';
import { download, type ReceivedCheckpoint, receiveMultipart } from './checkpoint-upload.ts';
import { redactUrl } from './redact.ts';

/**
 * `POST /v1/models`: an upload or a `source_url` is received into a private temporary folder under
 * the data dir, converted by the engine (in an engine thread) into the tenant's models directory as
 * `<id>`, where `local/<id>` names it for every job, and recorded. The temporary folder is always
 * removed; the model's folder and row exist only once the conversion succeeded.
 */

export type ImportInput =
  | { type: 'upload'; body: ReadableStream<Uint8Array> | null; headers: Record<string, string> }
  | { type: 'url'; sourceUrl: string; name: string | undefined; fingerprint: string };

/** Where imports are received: one private folder each, removed when the request ends. */
function importsTmpDir(s: Services): string {
  return join(s.settings.dataDir, 'tmp', 'imports');
}

/** The architecture's shape, from the stored model's manifest, named by its Hugging Face class. */
async function storedArchitecture(dir: string, name: string): Promise<Schemas['ModelArchitecture'] | null> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { config?: ModelConfig };
    return manifest.config ? { name, ...architectureOf(manifest.config) } : null;
  } catch {
    return null;
  }
}

async function convertAndStore(
  s: Services,
  tenantId: string,
  received: Omit<ReceivedCheckpoint, 'fingerprint'>,
  source: Schemas['ModelSource']['type'],
  sourceUrl: string | undefined,
): Promise<ModelRow> {
  const id = newId('mdl');
  const modelsDir = tenantModelsDir(s, tenantId);
  await mkdir(modelsDir, { recursive: true });
  const dest = join(modelsDir, id);
  const answer = await importInThread(received.dir, dest).catch(async (err: unknown) => {
    await rm(dest, { recursive: true, force: true });
    throw err;
  });
  if (answer.type === 'error') {
    await rm(dest, { recursive: true, force: true });
    if (answer.invalid)
      throw new ApiError(400, 'invalid_request', answer.message, {
        param: sourceUrl ? 'source_url' : 'file',
      });
    throw new Error(`importing a checkpoint failed: ${answer.message}`);
  }
  const summary: CheckpointSummary = answer.summary;
  try {
    return await insertModel(s.db, {
      tenant_id: tenantId,
      id: `local/${id}`,
      kind: 'imported',
      name: received.name ?? received.defaultName ?? null,
      base_model: null,
      source_job_id: null,
      parameters: summary.parameters,
      context_length: summary.context_length,
      architecture: await storedArchitecture(dest, summary.architecture),
      details: {
        dtype: summary.dtype,
        vocab_size: summary.vocab_size,
        tokenizer_type: summary.tokenizer_type,
        chat_template: summary.chat_template,
        source: {
          type: source,
          ...(sourceUrl ? { url: redactUrl(sourceUrl) } : {}),
          format: summary.format,
        },
      },
      path: dest,
    });
  } catch (err) {
    // The model is kept only once its row exists.
    await rm(dest, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Runs `create` at most once per Idempotency-Key and content (`fingerprint`): the route's
 * idempotency, handed in so that a `source_url` is claimed before it is downloaded and an upload
 * once its content is known.
 */
export type Once = (fingerprint: string, create: () => Promise<ModelRow>) => Promise<ModelRow>;

export async function importModel(
  s: Services,
  tenantId: string,
  input: ImportInput,
  once: Once,
): Promise<ModelRow> {
  const root = importsTmpDir(s);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const tmp = join(root, newId('imp'));
  await mkdir(tmp, { mode: 0o700 });
  try {
    if (input.type === 'url') {
      return await once(input.fingerprint, async () => {
        const received = await download(
          input.sourceUrl,
          input.name,
          s.settings.importHosts,
          tmp,
          s.settings.maxImportBytes,
        );
        return convertAndStore(s, tenantId, received, 'url', input.sourceUrl);
      });
    }
    const received = await receiveMultipart(input.body, input.headers, tmp, s.settings.maxImportBytes);
    return await once(received.fingerprint, () =>
      convertAndStore(s, tenantId, received, 'upload', undefined),
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Imports older than this whose folder is still there were cut off (a killed server): removed at start. */
const STALE_IMPORT_MS = 24 * 3600_000;

export async function removeStaleImports(s: Services): Promise<void> {
  const root = importsTmpDir(s);
  const entries = await readdir(root).catch(() => [] as string[]);
  for (const name of entries) {
    const path = join(root, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_IMPORT_MS) await rm(path, { recursive: true, force: true });
  }
}
