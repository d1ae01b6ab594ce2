/**
 * A ggml block format: `blockSize` values become `typeSize` bytes. Rows handed to `quantize` and
 * `dequantize` hold a whole number of blocks.
 */
export interface BlockCodec {
  /** ggml's type name (GGML_TYPE_*), also gguf-py's GGMLQuantizationType member name. */
  name: string;
  /** ggml_type id written into GGUF tensor infos. */
  id: number;
  blockSize: number;
  typeSize: number;
  quantize(x: Float32Array, out: Uint8Array): void;
  dequantize(bytes: Uint8Array, out: Float32Array): void;
}

/** C's roundf: halves away from zero (ggml's q8_0 reference rounds so). */
export function roundAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

/** Bytes needed for n values (n a multiple of the block size). */
export function byteSize(codec: BlockCodec, n: number): number {
  if (n % codec.blockSize !== 0)
    throw new Error(`${codec.name}: ${n} values are not a whole number of ${codec.blockSize}-blocks`);
  return (n / codec.blockSize) * codec.typeSize;
}

export function checkSizes(codec: BlockCodec, n: number, bytes: number): void {
  if (byteSize(codec, n) !== bytes)
    throw new Error(`${codec.name}: ${n} values need ${byteSize(codec, n)} bytes, got ${bytes}`);
}
