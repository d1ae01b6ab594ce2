/**
 * The one hot loop of the CPU backend: out[M, P] (=|+=) A[M, K] · B[P, K]ᵀ, both operands read along
 * contiguous rows. Every matmul (forward and both backward products) is reduced to this form, after
 * transposing the operand whose reduction axis is not contiguous.
 *
 * Register tiling: a 4×4 block of outputs is kept in 16 locals while k runs, so each step loads 8
 * floats for 16 multiply-adds. Column blocking: B is walked in slabs of about 64 KiB so that a slab
 * stays in cache while every row of A passes over it.
 */
export function gemmABt(
  out: Float32Array,
  outOffset: number,
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  M: number,
  P: number,
  K: number,
  accumulate: boolean,
): void {
  const slab = Math.max(4, Math.floor(16384 / Math.max(K, 1) / 4) * 4);
  for (let j0 = 0; j0 < P; j0 += slab) {
    const j1 = Math.min(P, j0 + slab);
    let i = 0;
    for (; i + 4 <= M; i += 4) {
      const a0 = aOffset + i * K;
      const a1 = a0 + K;
      const a2 = a1 + K;
      const a3 = a2 + K;
      let j = j0;
      for (; j + 4 <= j1; j += 4) {
        const b0 = bOffset + j * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        let s00 = 0,
          s01 = 0,
          s02 = 0,
          s03 = 0;
        let s10 = 0,
          s11 = 0,
          s12 = 0,
          s13 = 0;
        let s20 = 0,
          s21 = 0,
          s22 = 0,
          s23 = 0;
        let s30 = 0,
          s31 = 0,
          s32 = 0,
          s33 = 0;
        for (let k = 0; k < K; k++) {
          const x0 = a[a0 + k]!;
          const x1 = a[a1 + k]!;
          const x2 = a[a2 + k]!;
          const x3 = a[a3 + k]!;
          const y0 = b[b0 + k]!;
          const y1 = b[b1 + k]!;
          const y2 = b[b2 + k]!;
          const y3 = b[b3 + k]!;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
          s20 += x2 * y0;
          s21 += x2 * y1;
          s22 += x2 * y2;
          s23 += x2 * y3;
          s30 += x3 * y0;
          s31 += x3 * y1;
          s32 += x3 * y2;
          s33 += x3 * y3;
        }
        const o0 = outOffset + i * P + j;
        const o1 = o0 + P;
        const o2 = o1 + P;
        const o3 = o2 + P;
        if (accumulate) {
          out[o0]! += s00;
          out[o0 + 1]! += s01;
          out[o0 + 2]! += s02;
          out[o0 + 3]! += s03;
          out[o1]! += s10;
          out[o1 + 1]! += s11;
          out[o1 + 2]! += s12;
          out[o1 + 3]! += s13;
          out[o2]! += s20;
          out[o2 + 1]! += s21;
          out[o2 + 2]! += s22;
          out[o2 + 3]! += s23;
          out[o3]! += s30;
          out[o3 + 1]! += s31;
          out[o3 + 2]! += s32;
          out[o3 + 3]! += s33;
        } else {
          out[o0] = s00;
          out[o0 + 1] = s01;
          out[o0 + 2] = s02;
          out[o0 + 3] = s03;
          out[o1] = s10;
          out[o1 + 1] = s11;
          out[o1 + 2] = s12;
          out[o1 + 3] = s13;
          out[o2] = s20;
          out[o2 + 1] = s21;
          out[o2 + 2] = s22;
          out[o2 + 3] = s23;
          out[o3] = s30;
          out[o3 + 1] = s31;
          out[o3 + 2] = s32;
          out[o3 + 3] = s33;
        }
      }
      for (; j < j1; j++) {
        for (let r = 0; r < 4; r++)
          dotInto(
            out,
            outOffset + (i + r) * P + j,
            a,
            aOffset + (i + r) * K,
            b,
            bOffset + j * K,
            K,
            accumulate,
          );
      }
    }
    for (; i < M; i++) {
      for (let j = j0; j < j1; j++)
        dotInto(out, outOffset + i * P + j, a, aOffset + i * K, b, bOffset + j * K, K, accumulate);
    }
  }
}

function dotInto(
  out: Float32Array,
  o: number,
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
  K: number,
  accumulate: boolean,
): void {
  let s = 0;
  for (let k = 0; k < K; k++) s += a[ao + k]! * b[bo + k]!;
  if (accumulate) out[o]! += s;
  else out[o] = s;
}

/** dst[C, R] = src[R, C] (src read from `srcOffset`), blocked to keep both sides cache-resident. */
export function transpose(
  dst: Float32Array,
  src: Float32Array,
  srcOffset: number,
  R: number,
  C: number,
): void {
  const tile = 32;
  for (let r0 = 0; r0 < R; r0 += tile) {
    const r1 = Math.min(R, r0 + tile);
    for (let c0 = 0; c0 < C; c0 += tile) {
      const c1 = Math.min(C, c0 + tile);
      for (let r = r0; r < r1; r++) {
        const row = srcOffset + r * C;
        for (let c = c0; c < c1; c++) dst[c * R + r] = src[row + c]!;
      }
    }
  }
}
