import { type BlockCodec, checkSizes } from './codec.ts';
import { readHalf, roundHalf, writeHalf } from './f16.ts';

const QK_K = 256;
const SUB = 32;

/**
 * Least-squares affine fit x ≈ scale·q − min with q in 0..nmax, weights w. Tries a spread of step
 * sizes around (max − min) / nmax and refits scale and offset for each rounding, because the naive
 * step wastes levels on outliers. The offset is kept ≤ 0 (min ≥ 0) as ggml's format requires.
 */
function fitAffine(x: Float32Array, start: number, w: Float64Array, nmax: number): [number, number] {
  let xmin = 0;
  let xmax = x[start]!;
  for (let l = 0; l < SUB; l++) {
    xmin = Math.min(xmin, x[start + l]!);
    xmax = Math.max(xmax, x[start + l]!);
  }
  if (xmax <= xmin) return [0, -xmin];
  let bestErr = Number.POSITIVE_INFINITY;
  let best: [number, number] = [(xmax - xmin) / nmax, -xmin];
  const q = new Float64Array(SUB);
  for (let step = -10; step <= 10; step++) {
    const iscale = (nmax + step / 10) / (xmax - xmin);
    let sw = 0;
    let sq = 0;
    let sqq = 0;
    let sx = 0;
    let sqx = 0;
    for (let l = 0; l < SUB; l++) {
      const v = x[start + l]!;
      q[l] = Math.max(0, Math.min(nmax, Math.round(iscale * (v - xmin))));
      sw += w[l]!;
      sq += w[l]! * q[l]!;
      sqq += w[l]! * q[l]! * q[l]!;
      sx += w[l]! * v;
      sqx += w[l]! * q[l]! * v;
    }
    const det = sw * sqq - sq * sq;
    if (det <= 0) continue;
    let scale = (sw * sqx - sq * sx) / det;
    let offset = (sqq * sx - sq * sqx) / det;
    if (offset > 0) {
      offset = 0;
      scale = sqx / sqq;
    }
    let err = 0;
    for (let l = 0; l < SUB; l++) err += w[l]! * (scale * q[l]! + offset - x[start + l]!) ** 2;
    if (err < bestErr && scale > 0) {
      bestErr = err;
      best = [scale, -offset];
    }
  }
  return best;
}

/** The 6-bit scale and min of sub-block j, packed 12 bytes for 8 pairs (ggml's get_scale_min_k4). */
export function scaleMinK4(scales: Uint8Array, o: number, j: number): [number, number] {
  if (j < 4) return [scales[o + j]! & 63, scales[o + j + 4]! & 63];
  return [
    (scales[o + j + 4]! & 0xf) | ((scales[o + j - 4]! >> 6) << 4),
    (scales[o + j + 4]! >> 4) | ((scales[o + j]! >> 6) << 4),
  ];
}

/**
 * GGML_TYPE_Q4_K, block_q4_K { ggml_half d; ggml_half dmin; uint8_t scales[12]; uint8_t qs[128]; }
 * (144 bytes per 256 values): eight sub-blocks of 32, each x ≈ d·sc·q − dmin·m with 6-bit sc and m and
 * 4-bit q. qs holds 64 values per 32 bytes: sub-block 2i in the low nibbles, 2i + 1 in the high ones.
 */
export const Q4_K: BlockCodec = {
  name: 'Q4_K',
  id: 12,
  blockSize: QK_K,
  typeSize: 4 + 12 + QK_K / 2,
  quantize(x, out) {
    checkSizes(Q4_K, x.length, out.length);
    const w = new Float64Array(SUB);
    const scales = new Float64Array(8);
    const mins = new Float64Array(8);
    const L = new Uint8Array(QK_K);
    for (let b = 0, o = 0; b < x.length; b += QK_K, o += 144) {
      let sumx2 = 0;
      for (let l = 0; l < QK_K; l++) sumx2 += x[b + l]! ** 2;
      // Weight large values more, but never ignore small ones (as ggml's reference does).
      const av = Math.sqrt(sumx2 / QK_K);
      let maxScale = 0;
      let maxMin = 0;
      for (let j = 0; j < 8; j++) {
        for (let l = 0; l < SUB; l++) w[l] = av + Math.abs(x[b + j * SUB + l]!);
        [scales[j], mins[j]] = fitAffine(x, b + j * SUB, w, 15);
        maxScale = Math.max(maxScale, scales[j]!);
        maxMin = Math.max(maxMin, mins[j]!);
      }
      const d = maxScale / 63;
      const dmin = maxMin / 63;
      out.fill(0, o, o + 144);
      writeHalf(out, o, d);
      writeHalf(out, o + 2, dmin);
      const ls = new Uint8Array(8);
      const lm = new Uint8Array(8);
      for (let j = 0; j < 8; j++) {
        ls[j] = d > 0 ? Math.min(63, Math.round(scales[j]! / d)) : 0;
        lm[j] = dmin > 0 ? Math.min(63, Math.round(mins[j]! / dmin)) : 0;
        const s = o + 4;
        if (j < 4) {
          out[s + j] = ls[j]!;
          out[s + j + 4] = lm[j]!;
        } else {
          out[s + j + 4] = (ls[j]! & 0xf) | ((lm[j]! & 0xf) << 4);
          out[s + j - 4]! |= (ls[j]! >> 4) << 6;
          out[s + j]! |= (lm[j]! >> 4) << 6;
        }
      }
      // Requantise against the scales as stored (f16 d, 6-bit sc), not the ideal ones.
      const dh = roundHalf(d);
      const dminh = roundHalf(dmin);
      for (let j = 0; j < 8; j++) {
        const ds = dh * ls[j]!;
        const dm = dminh * lm[j]!;
        for (let l = 0; l < SUB; l++) {
          const i = j * SUB + l;
          L[i] = ds > 0 ? Math.max(0, Math.min(15, Math.round((x[b + i]! + dm) / ds))) : 0;
        }
      }
      for (let c = 0; c < 4; c++)
        for (let l = 0; l < 32; l++) out[o + 16 + c * 32 + l] = L[c * 64 + l]! | (L[c * 64 + 32 + l]! << 4);
    }
  },
  dequantize(bytes, out) {
    checkSizes(Q4_K, out.length, bytes.length);
    for (let b = 0, o = 0; b < out.length; b += QK_K, o += 144) {
      const d = readHalf(bytes, o);
      const dmin = readHalf(bytes, o + 2);
      for (let c = 0; c < 4; c++) {
        const [sc1, m1] = scaleMinK4(bytes, o + 4, 2 * c);
        const [sc2, m2] = scaleMinK4(bytes, o + 4, 2 * c + 1);
        for (let l = 0; l < 32; l++) {
          const q = bytes[o + 16 + c * 32 + l]!;
          out[b + c * 64 + l] = d * sc1 * (q & 0xf) - dmin * m1;
          out[b + c * 64 + 32 + l] = d * sc2 * (q >> 4) - dmin * m2;
        }
      }
    }
  },
};
