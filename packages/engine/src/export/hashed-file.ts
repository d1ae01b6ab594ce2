import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';

/** Size and SHA-256 of a written file. */
export interface WrittenFile {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Sequential file writer that hashes what it writes, so an exporter streams tensor by tensor and gets
 * the artifact's checksum without reading the file back. It writes to a temporary name and renames on
 * `close`, so a killed export never leaves a truncated artifact under the final name.
 */
export class HashedFileWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly tmp: string;
  private handle: FileHandle | null = null;
  private written = 0;

  readonly path: string;

  private constructor(path: string) {
    this.path = path;
    this.tmp = `${path}.tmp-${process.pid}`;
  }

  static async create(path: string): Promise<HashedFileWriter> {
    const w = new HashedFileWriter(path);
    w.handle = await open(w.tmp, 'w');
    return w;
  }

  get position(): number {
    return this.written;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.handle) throw new Error(`${this.path}: write after close`);
    this.hash.update(bytes);
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
    this.written += bytes.length;
  }

  /** Zero bytes up to the next multiple of `alignment`. */
  async pad(alignment: number): Promise<void> {
    const n = (alignment - (this.written % alignment)) % alignment;
    if (n) await this.write(new Uint8Array(n));
  }

  async close(): Promise<WrittenFile> {
    if (!this.handle) throw new Error(`${this.path}: closed twice`);
    await this.handle.close();
    this.handle = null;
    await rename(this.tmp, this.path);
    return { path: this.path, sizeBytes: this.written, sha256: this.hash.digest('hex') };
  }

  /** Drops the temporary file after a failure. */
  async abort(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    await rm(this.tmp, { force: true });
  }
}

/** Writes a whole small file (JSON) through the same hashing path. */
export async function writeHashed(path: string, data: Uint8Array | string): Promise<WrittenFile> {
  const w = await HashedFileWriter.create(path);
  try {
    await w.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return await w.close();
  } catch (err) {
    await w.abort();
    throw err;
  }
}
