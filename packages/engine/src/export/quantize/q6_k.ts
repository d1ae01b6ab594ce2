import { type BlockCodec, checkSizes } from './codec.ts';
import { readHalf, roundHalf, writeHalf } from './f16.ts';
import { signedAbsMax } from './q4_0.ts';

const QK_K = 256;
const SUB = 16;

/**
 * Symmetric fit x ≈ scale·q with q in −32..31, weighting by x² (the values that matter most to a dot
 * product). Tries step sizes around the one that maps the extreme value to −32 and keeps the one with
 * the best least-squares scale.
 */
function fitSymmetric(x: Float32Array, start: number): number {
  const max = signedAbsMax(x, start, SUB);
  if (Math.abs(max) < 1e-30) return 0;
  let best = 0;
  let bestScale = 0;
  for (let step = -9; step <= 9; step++) {
    const iscale = -(32 + step / 10) / max;
    let sqx = 0;
    let sqq = 0;
    for (let l = 0; l < SUB; l++) {
      const v = x[start + l]!;
      const q = Math.max(-32, Math.min(31, Math.round(iscale * v)));
      const w = v * v;
      sqx += w * q * v;
      sqq += w * q * q;
    }
    if (sqq > 0 && (sqx * sqx) / sqq > best) {
      best = (sqx * sqx) / sqq;
      bestScale = sqx / sqq;
    }
  }
  return bestScale;
}

/**
 * GGML_TYPE_Q6_K, block_q6_K { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; ggml_half d; }
 * (210 bytes per 256 values): sixteen sub-blocks of 16, x ≈ d·sc·(q − 32) with int8 sc and 6-bit q.
 * Per 128 values, ql byte l holds the low nibbles of elements l and l + 64 (bytes 32..63: l + 32 and
 * l + 96) and qh byte l their four high 2-bit pairs.
 */
export const Q6_K: BlockCodec = {
  name: 'Q6_K',
  id: 14,
  blockSize: QK_K,
  typeSize: QK_K / 2 + QK_K / 4 + QK_K / 16 + 2,
  quantize(x, out) {
    checkSizes(Q6_K, x.length, out.length);
    const scales = new Float64Array(16);
    const L = new Uint8Array(QK_K);
    for (let b = 0, o = 0; b < x.length; b += QK_K, o += 210) {
      let maxScale = 0;
      for (let j = 0; j < 16; j++) {
        scales[j] = fitSymmetric(x, b + j * SUB);
        if (Math.abs(scales[j]!) > Math.abs(maxScale)) maxScale = scales[j]!;
      }
      out.fill(0, o, o + 210);
      L.fill(32);
      if (maxScale !== 0) {
        // The largest sub-block scale maps to −128, the full int8 range.
        const iscale = -128 / maxScale;
        const d = 1 / iscale;
        writeHalf(out, o + 208, d);
        const dh = roundHalf(d);
        for (let j = 0; j < 16; j++) {
          const sc = Math.min(127, Math.round(iscale * scales[j]!));
          out[o + 192 + j] = sc & 0xff;
          const ds = dh * sc;
          if (ds === 0) continue;
          for (let l = 0; l < SUB; l++) {
            const i = j * SUB + l;
            L[i] = Math.max(-32, Math.min(31, Math.round(x[b + i]! / ds))) + 32;
          }
        }
      }
      for (let h = 0; h < 2; h++) {
        const ql = o + h * 64;
        const qh = o + 128 + h * 32;
        for (let l = 0; l < 32; l++) {
          const q1 = L[h * 128 + l]!;
          const q2 = L[h * 128 + l + 32]!;
          const q3 = L[h * 128 + l + 64]!;
          const q4 = L[h * 128 + l + 96]!;
          out[ql + l] = (q1 & 0xf) | ((q3 & 0xf) << 4);
          out[ql + l + 32] = (q2 & 0xf) | ((q4 & 0xf) << 4);
          out[qh + l] = (q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6);
        }
      }
    }
  },
  dequantize(bytes, out) {
    checkSizes(Q6_K, out.length, bytes.length);
    for (let b = 0, o = 0; b < out.length; b += QK_K, o += 210) {
      const d = readHalf(bytes, o + 208);
      for (let h = 0; h < 2; h++) {
        const ql = o + h * 64;
        const qh = o + 128 + h * 32;
        const sc = o + 192 + h * 8;
        for (let l = 0; l < 32; l++) {
          const is = l >> 4;
          const hb = bytes[qh + l]!;
          const q1 = ((bytes[ql + l]! & 0xf) | ((hb & 3) << 4)) - 32;
          const q2 = ((bytes[ql + l + 32]! & 0xf) | (((hb >> 2) & 3) << 4)) - 32;
          const q3 = ((bytes[ql + l]! >> 4) | (((hb >> 4) & 3) << 4)) - 32;
          const q4 = ((bytes[ql + l + 32]! >> 4) | (((hb >> 6) & 3) << 4)) - 32;
          const s = (k: number) => (bytes[sc + is + k]! << 24) >> 24;
          out[b + h * 128 + l] = d * s(0) * q1;
          out[b + h * 128 + l + 32] = d * s(2) * q2;
          out[b + h * 128 + l + 64] = d * s(4) * q3;
          out[b + h * 128 + l + 96] = d * s(6) * q4;
        }
      }
    }
  },
};
