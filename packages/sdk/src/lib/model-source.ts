import { DistilleryError } from '../core/errors.js';

/**
 * The files of a model import as multipart parts: a Hugging Face folder's files, each named by its
 * path in the folder, or one archive (tar, tar.gz) or GGUF file. Paths are read from disk only here,
 * and only in runtimes with `node:fs` (Node, Bun, Deno); a browser passes `File`s.
 */
export interface ModelPart {
  /** The part's filename: the file's path in the folder (`config.json`, `shards/model-00001-of-00002.safetensors`). */
  path: string;
  blob: Blob;
}

/** A file's path in its folder: `webkitRelativePath` for a folder picked in a browser, else its name. */
export function partPath(file: Blob, fallback: string): string {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  if (relative) return relative;
  return file instanceof File && file.name ? file.name : fallback;
}

/** `files` as parts: `File`s by their names (or relative paths), or a record of path → Blob. */
export function filesToParts(files: readonly File[] | Record<string, Blob>): ModelPart[] {
  if (Array.isArray(files))
    return files.map((file, i) => ({ path: partPath(file, `file-${i}`), blob: file }));
  return Object.entries(files).map(([path, blob]) => ({ path, blob }));
}

/** The name of a path or file without its folder and its model or archive extension. */
export function modelNameOf(path: string): string | undefined {
  const last =
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return last.replace(/(\.tar\.gz|\.tgz|\.tar|\.gguf)$/i, '') || undefined;
}

/**
 * The parts of a path on disk: a folder's files (recursively, hidden ones left out) by their paths
 * in it, or one file (a .gguf, .tar or .tar.gz). Blobs are file-backed, read only while sending.
 * Anything unreadable is a `DistilleryError` naming the path.
 */
export async function pathToParts(path: string): Promise<ModelPart[]> {
  const fs = await import('node:fs');
  const nodePath = await import('node:path');
  const open = async (file: string) =>
    typeof fs.openAsBlob === 'function' ? fs.openAsBlob(file) : new Blob([await fs.promises.readFile(file)]);
  try {
    const stats = await fs.promises.stat(path);
    if (stats.isFile()) return [{ path: nodePath.basename(path), blob: await open(path) }];
    if (!stats.isDirectory()) throw Object.assign(new Error('not a file or folder'), { code: 'ENOTFILE' });
    const parts: ModelPart[] = [];
    const walk = async (dir: string, prefix: string) => {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const full = nodePath.join(dir, entry.name);
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(full, rel);
        else if (entry.isFile()) parts.push({ path: rel, blob: await open(full) });
      }
    };
    await walk(path, '');
    if (parts.length === 0) throw Object.assign(new Error('the folder has no files'), { code: 'EEMPTY' });
    return parts;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'no such file or folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new DistilleryError(`Cannot read model ${path}: ${reason}`, {
      code: 'file_unreadable',
      param: 'path',
      cause: error,
    });
  }
}

/** The multipart body of an import. */
export function importForm(parts: readonly ModelPart[], name: string | undefined): FormData {
  const form = new FormData();
  if (name) form.append('name', name);
  for (const part of parts) form.append('file', part.blob, part.path);
  return form;
}
