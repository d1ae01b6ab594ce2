import { type BlockCodec, checkSizes, roundAway } from './codec.ts';
import { readHalf, writeHalf } from './f16.ts';

const QK = 32;

/**
 * GGML_TYPE_Q8_0, block_q8_0 { ggml_half d; int8_t qs[32]; } (34 bytes): x ≈ d·q with
 * d = max|x| / 127, so the largest value of each block is exact up to the f16 scale.
 */
export const Q8_0: BlockCodec = {
  name: 'Q8_0',
  id: 8,
  blockSize: QK,
  typeSize: 2 + QK,
  quantize(x, out) {
    checkSizes(Q8_0, x.length, out.length);
    for (let b = 0, o = 0; b < x.length; b += QK, o += 34) {
      let amax = 0;
      for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(x[b + j]!));
      const d = Math.fround(amax / 127);
      // f32 arithmetic throughout, as ggml's C reference, so our bytes equal ggml's bit for bit.
      const id = d ? Math.fround(1 / d) : 0;
      writeHalf(out, o, d);
      for (let j = 0; j < QK; j++) out[o + 2 + j] = roundAway(Math.fround(x[b + j]! * id)) & 0xff;
    }
  },
  dequantize(bytes, out) {
    checkSizes(Q8_0, out.length, bytes.length);
    for (let b = 0, o = 0; b < out.length; b += QK, o += 34) {
      const d = readHalf(bytes, o);
      for (let j = 0; j < QK; j++) out[b + j] = d * ((bytes[o + 2 + j]! << 24) >> 24);
    }
  },
};
