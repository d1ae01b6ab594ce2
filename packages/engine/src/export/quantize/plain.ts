import { type BlockCodec, checkSizes } from './codec.ts';
import { readHalf, writeHalf } from './f16.ts';

/** GGML_TYPE_F32: little-endian floats, the exact format. */
export const F32: BlockCodec = {
  name: 'F32',
  id: 0,
  blockSize: 1,
  typeSize: 4,
  quantize(x, out) {
    checkSizes(F32, x.length, out.length);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < x.length; i++) view.setFloat32(i * 4, x[i]!, true);
  },
  dequantize(bytes, out) {
    checkSizes(F32, out.length, bytes.length);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  },
};

/** GGML_TYPE_F16: IEEE half, rounded to nearest even. */
export const F16: BlockCodec = {
  name: 'F16',
  id: 1,
  blockSize: 1,
  typeSize: 2,
  quantize(x, out) {
    checkSizes(F16, x.length, out.length);
    for (let i = 0; i < x.length; i++) writeHalf(out, i * 2, x[i]!);
  },
  dequantize(bytes, out) {
    checkSizes(F16, out.length, bytes.length);
    for (let i = 0; i < out.length; i++) out[i] = readHalf(bytes, i * 2);
  },
};

/** GGML_TYPE_BF16: the top half of an f32, rounded to nearest even (ggml_compute_fp32_to_bf16). */
export const BF16: BlockCodec = {
  name: 'BF16',
  id: 30,
  blockSize: 1,
  typeSize: 2,
  quantize(x, out) {
    checkSizes(BF16, x.length, out.length);
    const bits = new Uint32Array(new Float32Array(x).buffer);
    for (let i = 0; i < x.length; i++) {
      const u = bits[i]!;
      // A NaN keeps a mantissa bit (quiet) instead of rounding into infinity.
      const h = (u & 0x7fffffff) > 0x7f800000 ? (u >>> 16) | 64 : (u + 0x7fff + ((u >>> 16) & 1)) >>> 16;
      out[i * 2] = h & 0xff;
      out[i * 2 + 1] = (h >>> 8) & 0xff;
    }
  },
  dequantize(bytes, out) {
    checkSizes(BF16, out.length, bytes.length);
    const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
    for (let i = 0; i < out.length; i++) bits[i] = (bytes[i * 2]! | (bytes[i * 2 + 1]! << 8)) << 16;
  },
};
