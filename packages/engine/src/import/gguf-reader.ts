import { type FileHandle, open } from 'node:fs/promises';
import { GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GgufType } from '../export/gguf-writer.ts';
import { byteSize, CODECS_BY_ID } from '../export/quantize/index.ts';

export type GgufScalar = number | bigint | boolean | string;
export type GgufMetaValue = GgufScalar | GgufScalar[];

export interface GgufTensorInfo {
  name: string;
  /** ggml dims: ne[0] is the row length. */
  ne: number[];
  type: number;
  /** Absolute byte offset of the tensor's data in the file. */
  offset: number;
  sizeBytes: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufMetaValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
}

class ShortRead extends Error {}

/** Cursor over the bytes read so far; running off the end asks the caller for more of the file. */
class Cursor {
  pos = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private take(n: number): number {
    if (this.pos + n > this.bytes.length) throw new ShortRead();
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8 = () => this.view.getUint8(this.take(1));
  i8 = () => this.view.getInt8(this.take(1));
  u16 = () => this.view.getUint16(this.take(2), true);
  i16 = () => this.view.getInt16(this.take(2), true);
  u32 = () => this.view.getUint32(this.take(4), true);
  i32 = () => this.view.getInt32(this.take(4), true);
  f32 = () => this.view.getFloat32(this.take(4), true);
  f64 = () => this.view.getFloat64(this.take(8), true);
  i64 = () => this.view.getBigInt64(this.take(8), true);
  u64 = () => this.view.getBigUint64(this.take(8), true);
  /** A u64 count or size that must fit a JS number. */
  size(): number {
    const v = this.u64();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`gguf: size ${v} is out of range`);
    return Number(v);
  }
  string(): string {
    const n = this.size();
    const at = this.take(n);
    return this.decoder.decode(this.bytes.subarray(at, at + n));
  }
}

function readScalar(c: Cursor, type: number): GgufScalar {
  switch (type) {
    case GgufType.UINT8:
      return c.u8();
    case GgufType.INT8:
      return c.i8();
    case GgufType.UINT16:
      return c.u16();
    case GgufType.INT16:
      return c.i16();
    case GgufType.UINT32:
      return c.u32();
    case GgufType.INT32:
      return c.i32();
    case GgufType.FLOAT32:
      return c.f32();
    case GgufType.FLOAT64:
      return c.f64();
    case GgufType.UINT64:
      return c.u64();
    case GgufType.INT64:
      return c.i64();
    case GgufType.BOOL:
      return c.u8() !== 0;
    case GgufType.STRING:
      return c.string();
    default:
      throw new Error(`gguf: unknown metadata value type ${type}`);
  }
}

function parseHeader(bytes: Uint8Array, fileSize: number): GgufHeader {
  const c = new Cursor(bytes);
  if (c.u32() !== GGUF_MAGIC) throw new Error('not a GGUF file (bad magic)');
  const version = c.u32();
  if (version !== 3) throw new Error(`gguf: version ${version} is not supported (only v3)`);
  const nTensors = c.size();
  const nKv = c.size();
  const metadata = new Map<string, GgufMetaValue>();
  for (let i = 0; i < nKv; i++) {
    const key = c.string();
    const type = c.u32();
    if (type === GgufType.ARRAY) {
      const itemType = c.u32();
      const n = c.size();
      const items: GgufScalar[] = [];
      for (let j = 0; j < n; j++) items.push(readScalar(c, itemType));
      metadata.set(key, items);
    } else metadata.set(key, readScalar(c, type));
  }
  const alignment = Number(metadata.get('general.alignment') ?? GGUF_DEFAULT_ALIGNMENT);
  const infos: Omit<GgufTensorInfo, 'offset' | 'sizeBytes'>[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < nTensors; i++) {
    const name = c.string();
    const nDims = c.u32();
    const ne: number[] = [];
    for (let d = 0; d < nDims; d++) ne.push(c.size());
    infos.push({ name, ne, type: c.u32() });
    offsets.push(c.size());
  }
  const dataStart = Math.ceil(c.pos / alignment) * alignment;
  const tensors = infos.map((t, i) => {
    const codec = CODECS_BY_ID.get(t.type);
    if (!codec) throw new Error(`gguf: tensor ${t.name} has ggml type ${t.type}, which we cannot read`);
    const sizeBytes = byteSize(
      codec,
      t.ne.reduce((a, b) => a * b, 1),
    );
    const offset = dataStart + offsets[i]!;
    if (offset + sizeBytes > fileSize)
      throw new Error(`gguf: tensor ${t.name} runs past the end of the file`);
    return { ...t, offset, sizeBytes };
  });
  return { version, metadata, tensors, alignment };
}

/** An open GGUF file: the parsed header, and tensor data read on demand. */
export class GgufFile {
  private readonly handle: FileHandle;
  readonly header: GgufHeader;

  private constructor(handle: FileHandle, header: GgufHeader) {
    this.handle = handle;
    this.header = header;
  }

  static async open(path: string): Promise<GgufFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      // The header (mostly the vocabulary) is small; read more of the file until it parses.
      for (let chunk = Math.min(size, 1 << 20); ; chunk = Math.min(size, chunk * 4)) {
        const bytes = new Uint8Array(chunk);
        await handle.read(bytes, 0, chunk, 0);
        try {
          return new GgufFile(handle, parseHeader(bytes, size));
        } catch (err) {
          if (!(err instanceof ShortRead)) throw err;
          if (chunk === size) throw new Error(`${path}: GGUF header is truncated`);
        }
      }
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  tensor(name: string): GgufTensorInfo | undefined {
    return this.header.tensors.find((t) => t.name === name);
  }

  /** The tensor dequantised to f32, in GGUF order (rows as stored). */
  async readF32(t: GgufTensorInfo): Promise<Float32Array> {
    const bytes = new Uint8Array(t.sizeBytes);
    await this.handle.read(bytes, 0, t.sizeBytes, t.offset);
    const out = new Float32Array(t.ne.reduce((a, b) => a * b, 1));
    CODECS_BY_ID.get(t.type)!.dequantize(bytes, out);
    return out;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
