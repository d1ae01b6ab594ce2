import { HashedFileWriter, type WrittenFile } from './hashed-file.ts';
import type { TensorSource } from './tensor-source.ts';

/**
 * safetensors: a little-endian u64 header length, a JSON header mapping each tensor name to
 * {dtype, shape, data_offsets} (offsets relative to the end of the header), then the raw data. The
 * header is padded with spaces to a multiple of 8 so every tensor stays 8-byte aligned for mmap.
 * Names and shapes are the engine's (Hugging Face Llama); with tied embeddings there is no
 * lm_head.weight, which transformers re-ties from tie_word_embeddings.
 */
export async function writeSafetensors(
  path: string,
  source: TensorSource,
  metadata: Record<string, string> = {},
): Promise<WrittenFile> {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt', ...metadata } };
  let offset = 0;
  for (const e of source.entries) {
    header[e.name] = { dtype: 'F32', shape: e.shape, data_offsets: [offset, offset + e.size * 4] };
    offset += e.size * 4;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const jsonBytes = new TextEncoder().encode(json);
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(jsonBytes.length), true);
  const w = await HashedFileWriter.create(path);
  try {
    await w.write(prefix);
    await w.write(jsonBytes);
    for (const e of source.entries) {
      const t = await source.read(e);
      // Typed arrays are little-endian on every platform Node runs on.
      await w.write(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
    }
    return await w.close();
  } catch (err) {
    await w.abort();
    throw err;
  }
}
