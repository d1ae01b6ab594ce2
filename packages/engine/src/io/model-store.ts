import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import type { ModelConfig } from '../model/config.ts';
import type { ParamEntry } from '../model/layout.ts';
import { LlamaModel } from '../model/model.ts';
import { BpeTokenizer, type TokenizerJSON } from '../tokenizer/bpe-tokenizer.ts';

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
  tokenizer: TokenizerJSON;
  metadata: Record<string, unknown>;
}

export interface LoadedModel {
  model: LlamaModel;
  tokenizer: BpeTokenizer;
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
  tokenizer: BpeTokenizer,
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
    tokenizer: BpeTokenizer.fromJSON(manifest.tokenizer),
    manifest,
    weightsBytes: bytes.byteLength,
  };
}
