import { type BlockCodec, checkSizes } from './codec.ts';
import { readHalf, writeHalf } from './f16.ts';
import { signedAbsMax } from './q4_0.ts';

const QK = 32;

/**
 * GGML_TYPE_Q5_0, block_q5_0 { ggml_half d; uint8_t qh[4]; uint8_t qs[16]; } (22 bytes):
 * x ≈ d·(q − 16), q in 0..31, d = max / −16. Low nibbles pair elements j and j + 16 as in q4_0; bit j
 * of the little-endian u32 qh is the fifth bit of element j. It is q4_k_m's fallback for Q4_K tensors
 * whose rows are not a multiple of 256.
 */
export const Q5_0: BlockCodec = {
  name: 'Q5_0',
  id: 6,
  blockSize: QK,
  typeSize: 2 + 4 + QK / 2,
  quantize(x, out) {
    checkSizes(Q5_0, x.length, out.length);
    for (let b = 0, o = 0; b < x.length; b += QK, o += 22) {
      const d = Math.fround(signedAbsMax(x, b, QK) / -16);
      // f32 arithmetic throughout, as ggml's C reference, so our bytes equal ggml's bit for bit.
      const id = d ? Math.fround(1 / d) : 0;
      writeHalf(out, o, d);
      let qh = 0;
      for (let j = 0; j < QK / 2; j++) {
        const lo = Math.min(31, Math.trunc(Math.fround(Math.fround(x[b + j]! * id) + 16.5)));
        const hi = Math.min(31, Math.trunc(Math.fround(Math.fround(x[b + j + 16]! * id) + 16.5)));
        out[o + 6 + j] = (lo & 0xf) | ((hi & 0xf) << 4);
        qh |= ((lo >> 4) << j) | ((hi >> 4) << (j + 16));
      }
      new DataView(out.buffer, out.byteOffset + o + 2, 4).setUint32(0, qh >>> 0, true);
    }
  },
  dequantize(bytes, out) {
    checkSizes(Q5_0, out.length, bytes.length);
    for (let b = 0, o = 0; b < out.length; b += QK, o += 22) {
      const d = readHalf(bytes, o);
      const qh = new DataView(bytes.buffer, bytes.byteOffset + o + 2, 4).getUint32(0, true);
      for (let j = 0; j < QK / 2; j++) {
        const q = bytes[o + 6 + j]!;
        out[b + j] = d * (((q & 0xf) | (((qh >>> j) & 1) << 4)) - 16);
        out[b + j + 16] = d * (((q >> 4) | (((qh >>> (j + 16)) & 1) << 4)) - 16);
      }
    }
  },
};
