import { type FileHandle, open } from 'node:fs/promises';

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Absolute byte range in the file. */
  begin: number;
  end: number;
}

/** An open .safetensors file: the header's tensor table, and f32 tensors read on demand. */
export class SafetensorsFile {
  private readonly handle: FileHandle;
  readonly tensors: Map<string, SafetensorsEntry>;

  private constructor(handle: FileHandle, tensors: Map<string, SafetensorsEntry>) {
    this.handle = handle;
    this.tensors = tensors;
  }

  static async open(path: string): Promise<SafetensorsFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const prefix = new Uint8Array(8);
      await handle.read(prefix, 0, 8, 0);
      const n = Number(new DataView(prefix.buffer).getBigUint64(0, true));
      if (n + 8 > size) throw new Error(`${path}: not a safetensors file (header length ${n})`);
      const json = new Uint8Array(n);
      await handle.read(json, 0, n, 8);
      const header = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
      const tensors = new Map<string, SafetensorsEntry>();
      for (const [name, v] of Object.entries(header)) {
        if (name === '__metadata__') continue;
        const t = v as { dtype: string; shape: number[]; data_offsets: [number, number] };
        const begin = 8 + n + t.data_offsets[0];
        const end = 8 + n + t.data_offsets[1];
        if (end > size) throw new Error(`${path}: tensor ${name} runs past the end of the file`);
        tensors.set(name, { dtype: t.dtype, shape: t.shape, begin, end });
      }
      return new SafetensorsFile(handle, tensors);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async readF32(name: string): Promise<Float32Array> {
    const t = this.tensors.get(name);
    if (!t) throw new Error(`safetensors: no tensor ${name}`);
    if (t.dtype !== 'F32') throw new Error(`safetensors: ${name} is ${t.dtype}; only F32 is read`);
    const out = new Float32Array((t.end - t.begin) / 4);
    await this.handle.read(new Uint8Array(out.buffer), 0, t.end - t.begin, t.begin);
    return out;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
