import { type FileHandle, open } from 'node:fs/promises';
import { BF16, type BlockCodec, F16, F32 } from '../export/quantize/index.ts';
import { CheckpointError } from './checkpoint-error.ts';

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Absolute byte range in the file. */
  begin: number;
  end: number;
}

/** The floating-point dtypes a checkpoint's weights may come in, decoded by the GGUF codecs of the same bits. */
const FLOAT_CODECS: Record<string, BlockCodec> = { F32, F16, BF16 };
const ITEM_BYTES: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

/**
 * An open .safetensors file: the header's tensor table, checked against the file the way the
 * reference implementation checks it (every tensor's byte range matches its dtype and shape, the
 * ranges tile the data with no gap or overlap, and the data ends where the file does), and tensors
 * read one at a time, so a checkpoint is never held in memory whole.
 */
export class SafetensorsFile {
  private readonly handle: FileHandle;
  readonly path: string;
  readonly tensors: Map<string, SafetensorsEntry>;

  private constructor(handle: FileHandle, path: string, tensors: Map<string, SafetensorsEntry>) {
    this.handle = handle;
    this.path = path;
    this.tensors = tensors;
  }

  static async open(path: string, name = path): Promise<SafetensorsFile> {
    const handle = await open(path, 'r');
    try {
      return new SafetensorsFile(handle, name, await readHeader(handle, name));
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** The tensor as f32 (F32, F16 and BF16 files); another dtype is an error naming it. */
  async readF32(name: string): Promise<Float32Array> {
    const t = this.tensors.get(name);
    if (!t) throw new CheckpointError(`${this.path}: no tensor ${name}`);
    const codec = FLOAT_CODECS[t.dtype];
    if (!codec)
      throw new CheckpointError(
        `${this.path}: tensor ${name} is ${t.dtype}; weights must be F32, F16 or BF16`,
      );
    const bytes = new Uint8Array(t.end - t.begin);
    const { bytesRead } = await this.handle.read(bytes, 0, bytes.length, t.begin);
    if (bytesRead !== bytes.length) throw new CheckpointError(`${this.path}: tensor ${name} is truncated`);
    const out = new Float32Array(bytes.length / codec.typeSize);
    codec.dequantize(bytes, out);
    return out;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

async function readHeader(handle: FileHandle, path: string): Promise<Map<string, SafetensorsEntry>> {
  const bad = (what: string) => new CheckpointError(`${path}: ${what}`);
  const { size } = await handle.stat();
  if (size < 8) throw bad('not a safetensors file (shorter than its 8-byte header length)');
  const prefix = new Uint8Array(8);
  await handle.read(prefix, 0, 8, 0);
  const n = Number(new DataView(prefix.buffer).getBigUint64(0, true));
  if (n + 8 > size)
    throw bad(`not a safetensors file, or truncated (header length ${n}, file ${size} bytes)`);
  const json = new Uint8Array(n);
  await handle.read(json, 0, n, 8);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as Record<string, unknown>;
  } catch {
    throw bad('the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw bad('the header is not an object');
  const dataStart = 8 + n;
  const tensors = new Map<string, SafetensorsEntry>();
  const ranges: [number, number, string][] = [];
  for (const [name, v] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const t = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const item = typeof t?.dtype === 'string' ? ITEM_BYTES[t.dtype] : undefined;
    if (item === undefined)
      throw bad(`tensor ${name} has dtype ${JSON.stringify(t?.dtype)}, which is not a safetensors dtype`);
    const shape = t.shape;
    const offsets = t.data_offsets;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw bad(`tensor ${name} has no valid shape`);
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
      offsets[0] > offsets[1]
    )
      throw bad(`tensor ${name} has no valid data_offsets`);
    const bytes = (shape as number[]).reduce((a, b) => a * b, item);
    if (offsets[1] - offsets[0] !== bytes)
      throw bad(
        `tensor ${name}: shape [${shape}] of ${t.dtype} needs ${bytes} bytes, but its data_offsets span ${offsets[1] - offsets[0]}`,
      );
    if (dataStart + offsets[1] > size)
      throw bad(`tensor ${name} runs past the end of the file (truncated: ${size} bytes)`);
    tensors.set(name, {
      dtype: t.dtype as string,
      shape: shape as number[],
      begin: dataStart + offsets[0],
      end: dataStart + offsets[1],
    });
    ranges.push([offsets[0], offsets[1], name]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let at = 0;
  for (const [begin, end, name] of ranges) {
    if (begin !== at)
      throw bad(`tensor ${name}'s data_offsets ${begin < at ? 'overlap another tensor' : 'leave a gap'}`);
    at = end;
  }
  if (dataStart + at !== size) throw bad(`${size - dataStart - at} bytes follow the last tensor`);
  return tensors;
}
