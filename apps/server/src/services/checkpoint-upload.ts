import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { Parser, type ReadEntry } from 'tar';
import { ApiError } from '../errors.ts';
import { payloadTooLarge } from '../middleware/body-limit.ts';
import { checkedLookup, type HostPolicy } from './addresses.ts';
import { redactUrl } from './redact.ts';

/**
 * Receives a model import into a private temporary folder: multipart files (each part's filename its
 * path in the folder), one tar or tar.gz archive (recognised by its content) unpacked safely, or a
 * GGUF file or archive fetched from an allowed host. Every byte counts against one limit, and every
 * path is checked before anything is written: what comes out is a folder for the engine's importer.
 */

export interface ReceivedCheckpoint {
  /** The folder holding the checkpoint (a Hugging Face folder or one `.gguf` file). */
  dir: string;
  /** A name for the model when the request gave none: the folder's, file's or URL's last part. */
  defaultName: string | undefined;
  /** The `name` form field, if sent. */
  name: string | undefined;
  /** What identifies the upload's content, for Idempotency-Key (part paths and their sha256). */
  fingerprint: string;
}

const bad = (message: string, param = 'file') => new ApiError(400, 'invalid_request', message, { param });

/** Archives and parts at most this many entries: a checkpoint is a handful of files. */
const MAX_FILES = 10_000;

/**
 * A member's or part's path, checked and normalised (`./a//b` → `a/b`): relative, no `..` component,
 * no backslash or NUL, so that it can only name a file inside the folder it is unpacked into.
 */
export function safeRelativePath(raw: string, what: string): string {
  if (!raw) throw bad(`${what} has no name`);
  if (raw.includes('\0')) throw bad(`${what} ${JSON.stringify(raw)}: a NUL character in its path`);
  if (raw.includes('\\')) throw bad(`${what} ${raw}: a backslash in its path (use / between folders)`);
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw bad(`${what} ${raw}: an absolute path`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw bad(`${what} ${raw}: a path outside the folder (a .. component)`);
  if (parts.length === 0) throw bad(`${what} ${raw}: not a file path`);
  return parts.join('/');
}

/** Counts the bytes that pass and fails the stream with a 413 once they exceed `max`. */
class ByteLimit extends Transform {
  bytes = 0;
  private readonly max: number;
  private readonly what: string;
  constructor(max: number, what: string) {
    super();
    this.max = max;
    this.what = what;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) done(payloadTooLarge(this.max, this.what));
    else done(null, chunk);
  }
}

/**
 * How much of a refused upload is still read (and thrown away) so that the client, which is still
 * sending, gets the answer rather than a broken connection; past this the connection is dropped.
 */
const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Meters a request body: past `max` it reports a 413 and, like after `discard()`, passes nothing on but
 * keeps reading up to DRAIN_BYTES more, so that the refusal reaches a client still sending.
 */
class BodyMeter extends Transform {
  bytes = 0;
  private dropUntil = Number.POSITIVE_INFINITY;
  private readonly max: number;
  private readonly onOver: (err: ApiError) => void;
  constructor(max: number, onOver: (err: ApiError) => void) {
    super();
    this.max = max;
    this.onOver = onOver;
  }
  get dropping(): boolean {
    return this.dropUntil !== Number.POSITIVE_INFINITY;
  }
  discard(): void {
    if (!this.dropping) this.dropUntil = this.bytes + DRAIN_BYTES;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (!this.dropping && this.bytes > this.max) {
      this.onOver(payloadTooLarge(this.max));
      this.discard();
    }
    if (!this.dropping) done(null, chunk);
    else if (this.bytes > this.dropUntil) done(new Error('the refused body is too large to read to its end'));
    else done();
  }
}

/** The first bytes of a file, to tell what it holds. */
async function head(path: string, bytes = 512): Promise<Buffer> {
  const f = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await f.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await f.close();
  }
}

type Kind = 'gzip' | 'tar' | 'gguf' | 'other';

function kindOf(start: Buffer): Kind {
  if (start[0] === 0x1f && start[1] === 0x8b) return 'gzip';
  if (start.subarray(0, 4).toString('latin1') === 'GGUF') return 'gguf';
  if (start.length >= 262 && start.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return 'other';
}

const stripExtension = (name: string) => name.replace(/(\.tar\.gz|\.tgz|\.tar|\.gguf|\.safetensors)$/i, '');

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const TYPE_NAMES: Record<string, string> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a character device',
  BlockDevice: 'a block device',
  FIFO: 'a FIFO',
};

/**
 * Unpacks a tar (gzip-compressed or not) into `into`: plain files and folders only, each path
 * checked; a link, a device, an absolute or `..` path is a 400 naming the member, and the files'
 * total size counts against `maxBytes`.
 */
export async function extractTar(archive: string, into: string, maxBytes: number): Promise<void> {
  const seen = new Set<string>();
  const writes: Promise<void>[] = [];
  let total = 0;
  let failure: Error | undefined;
  const source = createReadStream(archive);
  const parser = new Parser({ strict: true, brotli: false, zstd: false });
  const fail = (err: Error) => {
    failure ??= err;
    source.destroy();
  };
  parser.on('entry', (entry: ReadEntry) => {
    entry.on('error', (err: unknown) => fail(err as Error));
    if (failure) {
      entry.resume();
      return;
    }
    try {
      const rel = safeRelativePath(entry.path, 'archive member');
      const target = join(into, rel);
      if (entry.type === 'Directory') {
        mkdirSync(target, { recursive: true });
        entry.resume();
        return;
      }
      if (!FILE_TYPES.has(entry.type)) {
        throw bad(
          `archive member ${entry.path}: ${TYPE_NAMES[entry.type] ?? `a ${entry.type} entry`}; only files and folders are accepted`,
        );
      }
      if (seen.has(rel)) throw bad(`archive member ${entry.path}: the archive holds it twice`);
      seen.add(rel);
      if (seen.size > MAX_FILES) throw bad(`the archive holds more than ${MAX_FILES} files`);
      total += entry.size;
      if (total > maxBytes) throw payloadTooLarge(maxBytes, 'The unpacked archive');
      try {
        mkdirSync(dirname(target), { recursive: true });
      } catch {
        throw bad(`archive member ${entry.path}: a file stands where its folder would be`);
      }
      const out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
      writes.push(
        new Promise<void>((resolve) => {
          out.on('close', resolve);
          out.on('error', (err: NodeJS.ErrnoException) => {
            fail(
              err.code === 'EEXIST' || err.code === 'EISDIR'
                ? bad(`archive member ${entry.path}: a folder or file of that name is already in the archive`)
                : err,
            );
            entry.resume();
            resolve();
          });
        }),
      );
      entry.pipe(out as unknown as Writable & NodeJS.WritableStream);
    } catch (err) {
      entry.resume();
      fail(err as Error);
    }
  });
  await new Promise<void>((resolve) => {
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      resolve();
    };
    parser.on('error', (err: Error) => {
      failure ??= bad(`the archive is not a valid tar file: ${err.message}`);
      done();
    });
    parser.on('close', done);
    parser.on('end', done);
    source.on('close', () => {
      if (failure) done();
    });
    source.on('error', (err) => {
      failure ??= err;
      done();
    });
    source.pipe(parser as unknown as Writable);
  });
  await Promise.all(writes);
  if (failure) throw failure;
  if (seen.size === 0) throw bad('the archive holds no files');
}

/**
 * The folder to hand to the importer: a folder holding just one folder is descended into (an
 * archive of `smollm2/…`), and a lone GGUF file gets the extension the importer looks for.
 */
async function checkpointFolder(dir: string): Promise<{ dir: string; folderName: string | undefined }> {
  let folderName: string | undefined;
  for (;;) {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.length === 1 && entries[0]?.isDirectory()) {
      folderName = entries[0].name;
      dir = join(dir, entries[0].name);
      continue;
    }
    if (entries.length === 1 && entries[0]?.isFile() && !entries[0].name.toLowerCase().endsWith('.gguf')) {
      const file = join(dir, entries[0].name);
      if (kindOf(await head(file, 4)) === 'gguf') await rename(file, join(dir, 'model.gguf'));
    }
    return { dir, folderName };
  }
}

/**
 * One file that may be an archive: a tar or tar.gz is unpacked into `unpacked` (and removed), a
 * GGUF file or anything else stays as the one file of its folder.
 */
async function unpackIfArchive(
  file: string,
  unpacked: string,
  maxBytes: number,
): Promise<{ dir: string; folderName: string | undefined; archive: boolean }> {
  const kind = kindOf(await head(file));
  if (kind === 'gzip' || kind === 'tar') {
    mkdirSync(unpacked, { recursive: true, mode: 0o700 });
    await extractTar(file, unpacked, maxBytes);
    await rm(file, { force: true });
    return { ...(await checkpointFolder(unpacked)), archive: true };
  }
  return { ...(await checkpointFolder(dirname(file))), archive: false };
}

function fingerprintOf(parts: Array<{ path: string; sha256: string }>, name: string | undefined): string {
  const sorted = parts
    .map(({ path, sha256 }) => ({ path, sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return JSON.stringify({ name: name ?? null, files: sorted });
}

/**
 * Receives the request body whole into `file`, metered: past `maxBytes` nothing more is written
 * and the rest is read and dropped (up to DRAIN_BYTES), so that the client, still sending, gets the
 * 413 rather than a broken connection. The body is then parsed from disk, where any refusal can
 * stop at once without leaving a client mid-send.
 */
async function receiveBody(body: ReadableStream<Uint8Array>, file: string, maxBytes: number): Promise<void> {
  let tooLarge: ApiError | undefined;
  const meter = new BodyMeter(maxBytes, (err) => {
    tooLarge = err;
  });
  const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  await pipeline(source, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 })).catch((err: Error) => {
    throw tooLarge ?? bad(`The multipart body could not be read: ${err.message}`, 'body');
  });
  if (tooLarge) throw tooLarge;
}

/**
 * Streams a multipart body into `tmp`: every `file` part to `tmp/upload/<its path>`, the `name`
 * field kept. The body's bytes count against `maxBytes` (413 past it); a bad path, a duplicate, an
 * unknown part or a malformed body is a 400. One part that is a tar archive is then unpacked.
 */
export async function receiveMultipart(
  body: ReadableStream<Uint8Array> | null,
  headers: Record<string, string>,
  tmp: string,
  maxBytes: number,
): Promise<ReceivedCheckpoint> {
  if (!body) throw bad('The multipart body is empty', 'body');
  const declared = Number(headers['content-length']);
  // Far past the limit, refused at once; a little past it, read (and dropped) so the 413 arrives.
  if (Number.isFinite(declared) && declared > maxBytes + DRAIN_BYTES) throw payloadTooLarge(maxBytes);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': headers['content-type'] ?? '' },
      preservePath: true,
      defParamCharset: 'utf8',
      limits: { files: MAX_FILES, fields: 10, fieldSize: 1024, parts: MAX_FILES + 10 },
    });
  } catch (err) {
    throw bad(`The multipart body is malformed: ${(err as Error).message}`, 'Content-Type');
  }
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  const bodyFile = join(tmp, 'body');
  await receiveBody(body, bodyFile, maxBytes);
  const uploadDir = join(tmp, 'upload');
  mkdirSync(uploadDir, { recursive: true, mode: 0o700 });

  const parts: Array<{ path: string; sha256: string; file: string }> = [];
  const writes: Promise<void>[] = [];
  let name: string | undefined;
  let failure: Error | undefined;
  const source = createReadStream(bodyFile);
  const fail = (err: Error) => {
    failure ??= err;
    source.destroy();
  };

  parser.on('file', (field, stream, info) => {
    // A part cut short ends in an error on its stream: handled here (or by its pipeline), never thrown.
    stream.on('error', () => {});
    if (failure) {
      stream.resume();
      return;
    }
    try {
      if (field !== 'file')
        throw bad(`unexpected file part ${field}: send the files as parts named file`, field);
      const path = safeRelativePath(info.filename ?? '', 'file part');
      if (parts.some((p) => p.path === path)) throw bad(`file part ${path}: sent twice`);
      const target = join(uploadDir, path);
      try {
        mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      } catch {
        throw bad(`file part ${path}: a file stands where its folder would be`);
      }
      const hash = createHash('sha256');
      const part = { path, sha256: '', file: target };
      parts.push(part);
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      writes.push(
        pipeline(stream, tap, createWriteStream(target, { flags: 'wx', mode: 0o600 })).then(
          () => {
            part.sha256 = hash.digest('hex');
          },
          (err: NodeJS.ErrnoException) => {
            stream.resume();
            fail(
              err.code === 'EEXIST' || err.code === 'EISDIR'
                ? bad(`file part ${path}: a folder or file of that name was already sent`)
                : err,
            );
          },
        ),
      );
    } catch (err) {
      stream.resume();
      fail(err as Error);
    }
  });
  parser.on('field', (field, value) => {
    if (field === 'name') name = value;
    else if (field === 'file')
      fail(bad('the file part has no filename: give each part its path in the folder'));
    else fail(bad(`unexpected form field ${field}: only file parts and name are accepted`, field));
  });
  for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const)
    parser.on(event, () => fail(bad(`The multipart body has more than ${MAX_FILES} parts`, 'body')));

  await pipeline(source, parser).catch((err: Error) => {
    failure ??=
      err instanceof ApiError ? err : bad(`The multipart body is malformed: ${err.message}`, 'body');
  });
  await Promise.all(writes);
  await rm(bodyFile, { force: true });
  if (failure) throw failure;
  if (parts.length === 0) throw bad('The multipart body needs at least one file part');
  if (name !== undefined && (name.length === 0 || name.length > 200))
    throw bad('name must be 1 to 200 characters', 'name');

  const fingerprint = fingerprintOf(parts, name);
  if (parts.length === 1) {
    const only = parts[0] as (typeof parts)[number];
    const { dir, folderName, archive } = await unpackIfArchive(only.file, join(tmp, 'unpacked'), maxBytes);
    const fileName = basename(only.path);
    return {
      dir,
      name,
      fingerprint,
      defaultName: (archive ? folderName : undefined) ?? (stripExtension(fileName) || undefined),
    };
  }
  const { dir, folderName } = await checkpointFolder(uploadDir);
  return { dir, name, fingerprint, defaultName: folderName };
}

/** How many redirects a `source_url` may take. */
const MAX_REDIRECTS = 5;
/** A download that sends nothing for this long is given up. */
const IDLE_TIMEOUT_MS = 60_000;

class RefusedHost extends Error {}

function get(url: URL, policy: HostPolicy): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'GET',
      headers: { accept: '*/*', 'user-agent': 'distillery-server' },
      lookup: checkedLookup(policy, (message) => new RefusedHost(message)),
      agent: false,
    });
    req.setTimeout(IDLE_TIMEOUT_MS, () =>
      req.destroy(new Error(`no answer for ${IDLE_TIMEOUT_MS / 1000} s`)),
    );
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Why `source_url` may not be fetched, or null when it may: http(s) on a host the operator allows. */
export function sourceUrlProblem(raw: string, policy: HostPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'source_url is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `source_url must be an http or https URL, not ${url.protocol}`;
  if (!policy.restricted)
    return `source_url: this server fetches models from no host (the operator lists those it may in ${policy.variable})`;
  const refused = policy.refuseHost(url.hostname);
  return refused ? `source_url: ${refused}` : null;
}

/**
 * Fetches `source_url` (a GGUF file or a tar / tar.gz archive) into `tmp`, following at most
 * five redirects, each to an allowed host, and unpacks an archive. A refused host, a failed or
 * non-200 fetch, or content of another kind is a 400 naming `source_url`; past `maxBytes` a 413.
 */
export async function download(
  raw: string,
  name: string | undefined,
  policy: HostPolicy,
  tmp: string,
  maxBytes: number,
): Promise<Omit<ReceivedCheckpoint, 'fingerprint'>> {
  const refuse = (message: string) => bad(message, 'source_url');
  let url = new URL(raw);
  let res: IncomingMessage | undefined;
  for (let hop = 0; ; hop++) {
    const problem = sourceUrlProblem(url.href, policy);
    if (problem) throw refuse(problem);
    try {
      res = await get(url, policy);
    } catch (err) {
      throw refuse(
        err instanceof RefusedHost
          ? `source_url: ${err.message}`
          : `source_url ${redactUrl(url.href)} could not be fetched: ${(err as Error).message}`,
      );
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw refuse(`source_url redirects more than ${MAX_REDIRECTS} times`);
      url = new URL(location, url);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw refuse(`source_url ${redactUrl(url.href)} answered HTTP ${status}`);
    }
    break;
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw payloadTooLarge(maxBytes, 'The download');
  }
  const downloads = join(tmp, 'download');
  mkdirSync(downloads, { recursive: true, mode: 0o700 });
  const fileName = basename(decodeURIComponent(url.pathname)) || 'download';
  const file = join(downloads, /^[A-Za-z0-9._-]+$/.test(fileName) ? fileName : 'download');
  await pipeline(
    res,
    new ByteLimit(maxBytes, 'The download'),
    createWriteStream(file, { flags: 'wx', mode: 0o600 }),
  ).catch((err: Error) => {
    if (err instanceof ApiError) throw err;
    throw refuse(`source_url ${redactUrl(url.href)}: the download broke off: ${err.message}`);
  });
  const kind = kindOf(await head(file));
  if (kind === 'other')
    throw refuse('source_url must serve a GGUF file or a tar / tar.gz archive of a Hugging Face folder');
  const { dir, folderName, archive } = await unpackIfArchive(file, join(tmp, 'unpacked'), maxBytes);
  return {
    dir,
    name,
    defaultName: (archive ? folderName : undefined) ?? (stripExtension(fileName) || undefined),
  };
}
