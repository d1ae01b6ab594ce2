import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import { writeModelStreaming } from '../io/model-store.ts';
import { LlamaModel } from '../model/model.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { CheckpointError } from './checkpoint-error.ts';
import type { CheckpointSource, CheckpointSummary } from './checkpoint-source.ts';
import { openGgufCheckpoint } from './gguf-checkpoint.ts';
import { openHfCheckpoint } from './hf-checkpoint.ts';

export interface ImportedModel {
  model: LlamaModel;
  tokenizer: Tokenizer;
  summary: CheckpointSummary;
}

/** A `.gguf` file, a directory holding exactly one, or a Hugging Face folder. */
export async function openCheckpoint(path: string): Promise<CheckpointSource> {
  const info = await stat(path).catch(() => {
    throw new CheckpointError(`${path} does not exist`);
  });
  if (!info.isDirectory()) {
    if (path.endsWith('.gguf')) return openGgufCheckpoint(path);
    throw new CheckpointError(`${path}: a checkpoint is a .gguf file or a Hugging Face folder`);
  }
  const names = await readdir(path);
  const ggufs = names.filter((n) => n.endsWith('.gguf'));
  if (!names.includes('config.json') && ggufs.length === 1) return openGgufCheckpoint(join(path, ggufs[0]!));
  if (ggufs.length > 1 && !names.includes('config.json'))
    throw new CheckpointError(`${ggufs.length} .gguf files were given; import one at a time`);
  return openHfCheckpoint(path);
}

/** Reads a checkpoint into a model on `backend`, one tensor at a time. */
export async function loadCheckpoint(path: string, backend: Backend): Promise<ImportedModel> {
  const source = await openCheckpoint(path);
  try {
    return { model: await modelFrom(source, backend), tokenizer: source.tokenizer, summary: source.summary };
  } finally {
    await source.close();
  }
}

/** The weights of a Hugging Face folder that has no tokenizer (the transformers parity fixture). */
export async function loadHfWeights(dir: string, backend: Backend): Promise<LlamaModel> {
  const source = await openHfCheckpoint(dir, false);
  try {
    return await modelFrom(source, backend);
  } finally {
    await source.close();
  }
}

async function modelFrom(source: CheckpointSource, backend: Backend): Promise<LlamaModel> {
  const model = new LlamaModel(backend, source.config);
  try {
    for (const e of model.layout.entries) backend.upload(model.params, await source.read(e), e.offset);
    return model;
  } catch (err) {
    model.destroy();
    throw err;
  }
}

/**
 * Converts a checkpoint (see openCheckpoint) into the engine's stored model at `dest`, which must
 * not exist, streaming tensor by tensor, so the checkpoint is never in memory twice. On any failure
 * nothing is left at `dest`; a CheckpointError names what is wrong with the input.
 */
export async function importCheckpoint(src: string, dest: string): Promise<CheckpointSummary> {
  if (
    await stat(dest).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`importCheckpoint: ${dest} already exists`);
  const source = await openCheckpoint(src);
  try {
    await writeModelStreaming(
      dest,
      source.config,
      source.tokenizer.toJSON(),
      { ...source.metadata, imported: source.summary },
      (e) => source.read(e),
    );
    return source.summary;
  } finally {
    await source.close();
  }
}
