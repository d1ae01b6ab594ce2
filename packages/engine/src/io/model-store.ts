import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import type { ModelConfig } from '../model/config.ts';
import { buildLayout, type ParamEntry } from '../model/layout.ts';
import { LlamaModel } from '../model/model.ts';
import { type StoredTokenizer, type Tokenizer, tokenizerFromJSON } from '../tokenizer/tokenizer.ts';

/**
 * The engine's own model format, a directory:
 * - `model.json`: format tag, architecture, the parameter layout table (Hugging Face names, shapes,
 *   element offsets into weights.bin), the tokenizer and free-form metadata;
 * - `weights.bin`: all parameters as little-endian f32, in layout order.
 */
export interface StoredModelManifest {
  format: 'distillery-model';
  version: 1;
  config: ModelConfig;
  layout: ParamEntry[];
  parameters: number;
  tokenizer: StoredTokenizer;
  metadata: Record<string, unknown>;
}

export interface LoadedModel {
  model: LlamaModel;
  tokenizer: Tokenizer;
  manifest: StoredModelManifest;
  /** Size of `weights.bin` on disk. */
  weightsBytes: number;
}

/** Writes a file via a temporary name and a rename, so a killed process never leaves half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export function f32Bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function bytesF32(b: Uint8Array, offset: number, length: number): Float32Array {
  const copy = new Uint8Array(length * 4);
  copy.set(b.subarray(offset * 4, (offset + length) * 4));
  return new Float32Array(copy.buffer);
}

export async function saveModel(
  dir: string,
  model: LlamaModel,
  tokenizer: Tokenizer,
  metadata: Record<string, unknown> = {},
): Promise<StoredModelManifest> {
  await mkdir(dir, { recursive: true });
  const manifest: StoredModelManifest = {
    format: 'distillery-model',
    version: 1,
    config: model.config,
    layout: model.layout.entries,
    parameters: model.numParameters,
    tokenizer: tokenizer.toJSON(),
    metadata,
  };
  await writeFileAtomic(join(dir, 'weights.bin'), f32Bytes(await model.getWeights()));
  await writeFileAtomic(join(dir, 'model.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Writes a stored model into `dir` (which must not exist) from tensors produced one at a time in
 * layout order, so a converted checkpoint is never held in memory whole. Everything is written into
 * a sibling temporary directory that is renamed into place at the end: on any failure nothing is
 * left at `dir`.
 */
export async function writeModelStreaming(
  dir: string,
  config: ModelConfig,
  tokenizer: StoredTokenizer,
  metadata: Record<string, unknown>,
  tensor: (entry: ParamEntry) => Promise<Float32Array>,
): Promise<StoredModelManifest> {
  const layout = buildLayout(config);
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(tmp, { recursive: true });
  try {
    const weights = await open(join(tmp, 'weights.bin'), 'w');
    try {
      for (const e of layout.entries) {
        const w = await tensor(e);
        if (w.length !== e.size) throw new Error(`${e.name}: expected ${e.size} values, got ${w.length}`);
        await weights.write(f32Bytes(w), 0, w.byteLength, e.offset * 4);
      }
    } finally {
      await weights.close();
    }
    const manifest: StoredModelManifest = {
      format: 'distillery-model',
      version: 1,
      config,
      layout: layout.entries,
      parameters: layout.total,
      tokenizer,
      metadata,
    };
    await writeFile(join(tmp, 'model.json'), JSON.stringify(manifest, null, 2));
    await rename(tmp, dir);
    return manifest;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

export async function loadModel(dir: string, backend: Backend): Promise<LoadedModel> {
  let manifest: StoredModelManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as StoredModelManifest;
  } catch (err) {
    throw new Error(`model not found or unreadable at ${dir}: ${(err as Error).message}`);
  }
  if (manifest.format !== 'distillery-model' || manifest.version !== 1)
    throw new Error(`${dir} is not a distillery-model v1 directory`);
  const bytes = new Uint8Array(await readFile(join(dir, 'weights.bin')));
  const model = new LlamaModel(backend, manifest.config);
  if (bytes.byteLength !== model.numParameters * 4) {
    throw new Error(
      `${dir}/weights.bin holds ${bytes.byteLength / 4} values, the config needs ${model.numParameters}`,
    );
  }
  model.setWeights(bytesF32(bytes, 0, model.numParameters));
  return {
    model,
    tokenizer: tokenizerFromJSON(manifest.tokenizer, `${dir}/model.json`),
    manifest,
    weightsBytes: bytes.byteLength,
  };
}
