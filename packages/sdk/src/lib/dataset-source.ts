import { DistilleryError } from '../core/errors.js';
import type { DatasetRow } from '../types.js';

/**
 * Where an upload's JSONL comes from: a file path (Node, Bun, Deno), a `Blob`/`File`, a web
 * `ReadableStream`, any async iterable of chunks (a Node `Readable`), or rows to serialise.
 */
export type DatasetSource =
  | string
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | readonly DatasetRow[];

/**
 * Turns any source into a `Blob`. A Blob can be sent again on a retry, and browsers cannot stream a
 * request body over HTTP/1.1; the server caps uploads (`limits.max_body_bytes`) well within memory.
 * A path becomes a file-backed Blob, read only while sending.
 */
export async function datasetBlob(source: DatasetSource): Promise<Blob> {
  if (typeof source === 'string') return fileBlob(source);
  if (source instanceof Blob) return source;
  if (Array.isArray(source)) {
    return new Blob(
      source.map((row) => `${JSON.stringify(row)}\n`),
      { type: 'application/x-ndjson' },
    );
  }
  if (source instanceof ReadableStream) return new Response(source).blob();
  if (Symbol.asyncIterator in source) {
    const parts: BlobPart[] = [];
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      parts.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
    }
    return new Blob(parts);
  }
  throw new DistilleryError('Unsupported dataset source: pass a path, Blob, stream or array of rows');
}

/**
 * A file-backed Blob of `path`. Anything that keeps it from being read (no such file, a folder, no
 * permission) is a `DistilleryError` naming the path: Node's own error for a missing file
 * (`TypeError: Unable to open file as blob`) does not say which file.
 */
async function fileBlob(path: string): Promise<Blob> {
  const fs = await import('node:fs');
  try {
    const stats = await fs.promises.stat(path);
    if (!stats.isFile())
      throw Object.assign(new Error('not a file'), { code: stats.isDirectory() ? 'EISDIR' : 'ENOTFILE' });
    if (typeof fs.openAsBlob === 'function') return await fs.openAsBlob(path);
    return new Blob([await fs.promises.readFile(path)]);
  } catch (error) {
    throw new DistilleryError(`Cannot read dataset file ${path}: ${fileProblem(error)}`, {
      code: 'file_unreadable',
      param: 'file',
      cause: error,
    });
  }
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EISDIR: 'it is a directory',
  ENOTFILE: 'it is not a regular file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function fileProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return FILE_PROBLEMS[code] ? `${FILE_PROBLEMS[code]} (${code})` : code;
  return error instanceof Error ? error.message : String(error);
}

/** The default dataset name: the file name of a path or `File`, without its extension. */
export function defaultDatasetName(source: DatasetSource): string | undefined {
  const fileName =
    typeof source === 'string'
      ? source.split(/[\\/]/).pop()
      : source instanceof File
        ? source.name
        : undefined;
  return fileName?.replace(/\.[^.]*$/, '') || undefined;
}
