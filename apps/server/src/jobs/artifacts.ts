import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { upsertArtifact } from '../storage/artifacts.ts';
import type { Db } from '../storage/db.ts';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const QUANTS = ['f32', 'f16', 'q8_0', 'q4_0', 'q4_k_m'];

/** The spec's artifact format of an exported file, from its name; null for working files. */
export function formatOf(name: string): { format: string; quantization: string | null } | null {
  if (name.endsWith('.safetensors')) return { format: 'safetensors', quantization: null };
  if (name.endsWith('.gguf')) {
    const q = QUANTS.find((t) => name.toLowerCase().includes(t));
    return q ? { format: `gguf_${q}`, quantization: q } : null;
  }
  if (name === 'tokenizer.json') return { format: 'tokenizer', quantization: null };
  if (name === 'train_config.json') return { format: 'config', quantization: null };
  return null;
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    // Checkpoints are the engine's working state, not exports.
    if (e.isDirectory() && e.name !== 'checkpoints') yield* walk(path);
    else if (e.isFile()) yield path;
  }
}

/** Records every exported file under `dir` with its size and sha256 (kept also when a job stops early). */
export async function recordArtifacts(db: Db, jobId: string, dir: string): Promise<number> {
  let n = 0;
  for await (const path of walk(dir)) {
    const kind = formatOf(path.slice(path.lastIndexOf('/') + 1));
    if (!kind) continue;
    const { size } = await stat(path);
    await upsertArtifact(db, {
      job_id: jobId,
      format: kind.format,
      path,
      size_bytes: size,
      checksum_sha256: await sha256File(path),
      quantization: kind.quantization,
    });
    n++;
  }
  return n;
}

/** One exported file as the engine reports it. */
export interface ManifestEntry {
  format: string;
  path: string;
  size_bytes: number;
  checksum_sha256: string;
  quantization?: string;
}

export async function recordManifest(db: Db, jobId: string, entries: ManifestEntry[]): Promise<void> {
  for (const a of entries) {
    await upsertArtifact(db, {
      job_id: jobId,
      format: a.format,
      path: a.path,
      size_bytes: a.size_bytes,
      checksum_sha256: a.checksum_sha256,
      quantization: a.quantization ?? null,
    });
  }
}
