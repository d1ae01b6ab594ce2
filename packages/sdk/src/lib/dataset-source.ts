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

async function fileBlob(path: string): Promise<Blob> {
  const fs = await import('node:fs');
  if (typeof fs.openAsBlob === 'function') return fs.openAsBlob(path);
  return new Blob([await fs.promises.readFile(path)]);
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
