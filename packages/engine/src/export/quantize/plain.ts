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
