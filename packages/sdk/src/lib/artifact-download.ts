import { APIUserAbortError, ChecksumMismatchError, DistilleryError } from '../core/errors.js';

/** An artifact response not yet read: stream it yourself, or read it whole and verified with `bytes()`. */
export interface ArtifactDownload {
  readonly body: ReadableStream<Uint8Array>;
  /** The sha256 the server reports for the whole file. */
  readonly checksumSha256: string;
  readonly sizeBytes: number | undefined;
  /** From `Content-Disposition`, when sent. */
  readonly filename: string | undefined;
  readonly requestId: string | undefined;
  /** Reads the body and verifies its sha256 with Web Crypto; throws `ChecksumMismatchError` on a mismatch. */
  bytes(): Promise<Uint8Array>;
}

/** An artifact saved to disk after its sha256 matched. */
export interface DownloadedArtifact {
  readonly path: string;
  readonly sizeBytes: number;
  readonly checksumSha256: string;
  readonly requestId: string | undefined;
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function filenameFrom(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

export function artifactDownload(
  response: Response,
  body: ReadableStream<Uint8Array>,
  checksumSha256: string,
): ArtifactDownload {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const length = response.headers.get('content-length');
  return {
    body,
    checksumSha256,
    sizeBytes: length === null ? undefined : Number(length),
    filename: filenameFrom(response),
    requestId,
    async bytes() {
      const bytes = new Uint8Array(await new Response(body).arrayBuffer());
      const actual = toHex(await crypto.subtle.digest('SHA-256', bytes));
      if (actual !== checksumSha256) throw new ChecksumMismatchError(checksumSha256, actual, requestId);
      return bytes;
    },
  };
}

/**
 * Streams `body` into a temporary file beside `destination`, hashing as it goes, and renames it into
 * place only when the sha256 matches: a failed or interrupted download never leaves a file behind.
 * Node built-ins load lazily so that browser bundles of this SDK never reach them.
 */
export async function saveVerified(
  download: ArtifactDownload,
  destination: string,
  format: string,
  signal?: AbortSignal,
): Promise<DownloadedArtifact> {
  const [{ open, rename, rm, stat }, { createHash, randomBytes }, path] = await Promise.all([
    import('node:fs/promises'),
    import('node:crypto'),
    import('node:path'),
  ]);
  const isDirectory = await stat(destination).then(
    (s) => s.isDirectory(),
    () => false,
  );
  // basename: a Content-Disposition file name must not climb out of the chosen folder.
  const target = isDirectory
    ? path.join(destination, path.basename(download.filename ?? format))
    : destination;
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`,
  );
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const reader = download.body.getReader();
  try {
    const file = await open(temporary, 'wx');
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        hash.update(read.value);
        sizeBytes += read.value.byteLength;
        await file.write(read.value);
      }
    } finally {
      await file.close();
    }
    const actual = hash.digest('hex');
    if (actual !== download.checksumSha256) {
      throw new ChecksumMismatchError(download.checksumSha256, actual, download.requestId);
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    void reader.cancel().catch(() => undefined);
    if (signal?.aborted) throw new APIUserAbortError('Download aborted', { cause: signal.reason });
    if (error instanceof DistilleryError) throw error;
    throw new DistilleryError(`Download of ${format} failed: ${(error as Error).message}`, {
      cause: error,
      requestId: download.requestId,
    });
  }
  return { path: target, sizeBytes, checksumSha256: download.checksumSha256, requestId: download.requestId };
}
