import { type BlockCodec, checkSizes } from './codec.ts';
import { readHalf, writeHalf } from './f16.ts';

const QK = 32;

/** The block value of largest magnitude, with its sign (q4_0 and q5_0 map it to the most negative level). */
export function signedAbsMax(x: Float32Array, start: number, n: number): number {
  let max = 0;
  for (let j = 0; j < n; j++) if (Math.abs(x[start + j]!) > Math.abs(max)) max = x[start + j]!;
  return max;
}

/**
 * GGML_TYPE_Q4_0, block_q4_0 { ggml_half d; uint8_t qs[16]; } (18 bytes): x ≈ d·(q − 8) with q in
 * 0..15 and d = max / −8, so the extreme value lands exactly on level 0. Byte j holds element j in its
 * low nibble and element j + 16 in its high nibble.
 */
export const Q4_0: BlockCodec = {
  name: 'Q4_0',
  id: 2,
  blockSize: QK,
  typeSize: 2 + QK / 2,
  quantize(x, out) {
    checkSizes(Q4_0, x.length, out.length);
    for (let b = 0, o = 0; b < x.length; b += QK, o += 18) {
      const d = Math.fround(signedAbsMax(x, b, QK) / -8);
      // f32 arithmetic throughout, as ggml's C reference, so our bytes equal ggml's bit for bit.
      const id = d ? Math.fround(1 / d) : 0;
      writeHalf(out, o, d);
      for (let j = 0; j < QK / 2; j++) {
        const lo = Math.min(15, Math.trunc(Math.fround(Math.fround(x[b + j]! * id) + 8.5)));
        const hi = Math.min(15, Math.trunc(Math.fround(Math.fround(x[b + j + 16]! * id) + 8.5)));
        out[o + 2 + j] = lo | (hi << 4);
      }
    }
  },
  dequantize(bytes, out) {
    checkSizes(Q4_0, out.length, bytes.length);
    for (let b = 0, o = 0; b < out.length; b += QK, o += 18) {
      const d = readHalf(bytes, o);
      for (let j = 0; j < QK / 2; j++) {
        const q = bytes[o + 2 + j]!;
        out[b + j] = d * ((q & 0xf) - 8);
        out[b + j + 16] = d * ((q >> 4) - 8);
      }
    }
  },
};
