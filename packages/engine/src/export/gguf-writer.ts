import { HashedFileWriter, type WrittenFile } from './hashed-file.ts';
import { byteSize } from './quantize/codec.ts';
import type { BlockCodec } from './quantize/index.ts';

/** gguf_type: how a metadata value is encoded. */
export const GgufType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufType = (typeof GgufType)[keyof typeof GgufType];

type Scalar = number | bigint | boolean | string;
export type GgufValue =
  | { type: Exclude<GgufType, typeof GgufType.ARRAY>; value: Scalar }
  | {
      type: typeof GgufType.ARRAY;
      itemType: Exclude<GgufType, typeof GgufType.ARRAY>;
      value: readonly Scalar[];
    };

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** A tensor to write: its dims in ggml order (ne[0] is the contiguous row length). */
export interface GgufTensorSpec {
  name: string;
  ne: number[];
  codec: BlockCodec;
  /** Produces the tensor's bytes when the writer reaches it (one tensor in memory at a time). */
  data: () => Promise<Uint8Array>;
}

/** Little-endian byte builder for the header. */
class ByteSink {
  private chunks: Uint8Array[] = [];
  length = 0;
  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  private view(n: number, f: (v: DataView) => void): void {
    const b = new Uint8Array(n);
    f(new DataView(b.buffer));
    this.push(b);
  }
  u8 = (v: number) => this.view(1, (d) => d.setUint8(0, v));
  i8 = (v: number) => this.view(1, (d) => d.setInt8(0, v));
  u16 = (v: number) => this.view(2, (d) => d.setUint16(0, v, true));
  i16 = (v: number) => this.view(2, (d) => d.setInt16(0, v, true));
  u32 = (v: number) => this.view(4, (d) => d.setUint32(0, v, true));
  i32 = (v: number) => this.view(4, (d) => d.setInt32(0, v, true));
  f32 = (v: number) => this.view(4, (d) => d.setFloat32(0, v, true));
  f64 = (v: number) => this.view(8, (d) => d.setFloat64(0, v, true));
  u64 = (v: number | bigint) => this.view(8, (d) => d.setBigUint64(0, BigInt(v), true));
  i64 = (v: number | bigint) => this.view(8, (d) => d.setBigInt64(0, BigInt(v), true));
  string(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.push(b);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

const SCALAR_WRITERS: Partial<Record<GgufType, (s: ByteSink, v: Scalar) => void>> = {
  [GgufType.UINT8]: (s, v) => s.u8(Number(v)),
  [GgufType.INT8]: (s, v) => s.i8(Number(v)),
  [GgufType.UINT16]: (s, v) => s.u16(Number(v)),
  [GgufType.INT16]: (s, v) => s.i16(Number(v)),
  [GgufType.UINT32]: (s, v) => s.u32(Number(v)),
  [GgufType.INT32]: (s, v) => s.i32(Number(v)),
  [GgufType.FLOAT32]: (s, v) => s.f32(Number(v)),
  [GgufType.FLOAT64]: (s, v) => s.f64(Number(v)),
  [GgufType.UINT64]: (s, v) => s.u64(v as number | bigint),
  [GgufType.INT64]: (s, v) => s.i64(v as number | bigint),
  [GgufType.BOOL]: (s, v) => s.u8(v ? 1 : 0),
  [GgufType.STRING]: (s, v) => s.string(String(v)),
};

function writeScalar(s: ByteSink, type: GgufType, v: Scalar): void {
  const write = SCALAR_WRITERS[type];
  if (!write) throw new Error(`gguf: cannot write a value of type ${type}`);
  write(s, v);
}

/**
 * GGUF v3: header (magic, version, tensor count, metadata count), metadata key/values, tensor infos
 * (name, dims, ggml type, offset into the data section), padding to `alignment`, then each tensor's
 * bytes, each starting at a multiple of `alignment`. Sizes are known from shapes and types up front,
 * so the header is written first and tensors follow one at a time from their producers.
 */
export async function writeGguf(
  path: string,
  metadata: ReadonlyMap<string, GgufValue>,
  tensors: readonly GgufTensorSpec[],
  alignment = GGUF_DEFAULT_ALIGNMENT,
): Promise<WrittenFile> {
  const kv = new Map(metadata);
  if (alignment !== GGUF_DEFAULT_ALIGNMENT)
    kv.set('general.alignment', { type: GgufType.UINT32, value: alignment });
  const h = new ByteSink();
  h.u32(GGUF_MAGIC);
  h.u32(GGUF_VERSION);
  h.u64(tensors.length);
  h.u64(kv.size);
  for (const [key, v] of kv) {
    h.string(key);
    h.u32(v.type);
    if (v.type === GgufType.ARRAY) {
      h.u32(v.itemType);
      h.u64(v.value.length);
      for (const item of v.value) writeScalar(h, v.itemType, item);
    } else writeScalar(h, v.type, v.value);
  }
  const sizes: number[] = [];
  let offset = 0;
  for (const t of tensors) {
    const n = t.ne.reduce((a, b) => a * b, 1);
    if (t.ne[0]! % t.codec.blockSize !== 0)
      throw new Error(`gguf: ${t.name} rows of ${t.ne[0]} do not fit ${t.codec.name} blocks`);
    const size = byteSize(t.codec, n);
    h.string(t.name);
    h.u32(t.ne.length);
    for (const d of t.ne) h.u64(d);
    h.u32(t.codec.id);
    h.u64(offset);
    sizes.push(size);
    offset += Math.ceil(size / alignment) * alignment;
  }
  const w = await HashedFileWriter.create(path);
  try {
    await w.write(h.bytes());
    await w.pad(alignment);
    for (const [i, t] of tensors.entries()) {
      const bytes = await t.data();
      if (bytes.length !== sizes[i])
        throw new Error(`gguf: ${t.name} produced ${bytes.length} bytes, expected ${sizes[i]}`);
      await w.write(bytes);
      await w.pad(alignment);
    }
    return await w.close();
  } catch (err) {
    await w.abort();
    throw err;
  }
}
