// out[M, P] (=|+=) A[M, K] · Bᵀ, with B[P, K]: the one matmul of the CPU backend, in WebAssembly SIMD.
//
// Operands are read through strides (in elements), so each of the three products of a linear layer
// (forward, input gradient, weight gradient) is one call, without transposing anything first:
// A(i, k) = a[i·aRow + k·aCol] and B(p, k) = b[p·bRow + k·bCol].
//
// B's columns are packed into panels of 8 (K rows of 8 floats, zero-padded at the right edge), so the
// 4 × 8 micro-kernel reads one contiguous 32-byte row of the panel and broadcasts four A values per k:
// 8 fused multiply-adds of 4 lanes for 6 loads, with its 8 accumulators in registers.
//
// Threads split the columns by whole panels, so each output is computed by one thread in one order:
// the result does not depend on the number of threads.

import { dot } from './vector';

const NR: i32 = 8;
const MR: i32 = 4;
// Rows of A per block: 64 rows of K floats stay in L2 while every panel passes over them.
const MC: i32 = 64;

function packPanel(dst: usize, b: usize, bRow: usize, bCol: usize, P: i32, K: i32, j0: i32): void {
  const n = min(NR, P - j0);
  if (bRow === 1 && n === NR) {
    // The panel's 8 columns are contiguous at each k: copy them as two vectors.
    let src = b + ((<usize>j0) << 2);
    const step = bCol << 2;
    for (let k = 0; k < K; k++) {
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
      src += step;
      dst += NR << 2;
    }
    return;
  }
  for (let c = 0; c < NR; c++) {
    let d = dst + ((<usize>c) << 2);
    if (c < n) {
      let src = b + ((<usize>(j0 + c) * bRow) << 2);
      const step = bCol << 2;
      for (let k = 0; k < K; k++) {
        store<f32>(d, load<f32>(src));
        src += step;
        d += NR << 2;
      }
    } else {
      for (let k = 0; k < K; k++) {
        store<f32>(d, 0);
        d += NR << 2;
      }
    }
  }
}

function storeLane(p: usize, v: f32, accumulate: bool): void {
  store<f32>(p, accumulate ? load<f32>(p) + v : v);
}

// Lane indices must be constants, hence the unrolled tail.
function storeLanes(out: usize, v: v128, n: i32, accumulate: bool): void {
  storeLane(out, f32x4.extract_lane(v, 0), accumulate);
  if (n > 1) storeLane(out + 4, f32x4.extract_lane(v, 1), accumulate);
  if (n > 2) storeLane(out + 8, f32x4.extract_lane(v, 2), accumulate);
  if (n > 3) storeLane(out + 12, f32x4.extract_lane(v, 3), accumulate);
}

function storeRow(out: usize, lo: v128, hi: v128, ncols: i32, accumulate: bool): void {
  if (ncols === NR) {
    if (accumulate) {
      lo = f32x4.add(lo, v128.load(out));
      hi = f32x4.add(hi, v128.load(out, 16));
    }
    v128.store(out, lo);
    v128.store(out, hi, 16);
    return;
  }
  storeLanes(out, lo, min(ncols, 4), accumulate);
  if (ncols > 4) storeLanes(out + 16, hi, ncols - 4, accumulate);
}

function kernel4x8(
  out: usize,
  ldo: usize,
  a: usize,
  aRow: usize,
  aCol: usize,
  K: i32,
  panel: usize,
  ncols: i32,
  accumulate: bool,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  const rowBytes = aRow << 2;
  const step = aCol << 2;
  let a0 = a;
  let a1 = a + rowBytes;
  let a2 = a1 + rowBytes;
  let a3 = a2 + rowBytes;
  let pb = panel;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load32_splat(a0);
    c00 = f32x4.relaxed_madd(x, b0, c00);
    c01 = f32x4.relaxed_madd(x, b1, c01);
    x = v128.load32_splat(a1);
    c10 = f32x4.relaxed_madd(x, b0, c10);
    c11 = f32x4.relaxed_madd(x, b1, c11);
    x = v128.load32_splat(a2);
    c20 = f32x4.relaxed_madd(x, b0, c20);
    c21 = f32x4.relaxed_madd(x, b1, c21);
    x = v128.load32_splat(a3);
    c30 = f32x4.relaxed_madd(x, b0, c30);
    c31 = f32x4.relaxed_madd(x, b1, c31);
    a0 += step;
    a1 += step;
    a2 += step;
    a3 += step;
    pb += NR << 2;
  }
  const ldoBytes = ldo << 2;
  storeRow(out, c00, c01, ncols, accumulate);
  storeRow(out + ldoBytes, c10, c11, ncols, accumulate);
  storeRow(out + 2 * ldoBytes, c20, c21, ncols, accumulate);
  storeRow(out + 3 * ldoBytes, c30, c31, ncols, accumulate);
}

function kernel1x8(
  out: usize,
  a: usize,
  aCol: usize,
  K: i32,
  panel: usize,
  ncols: i32,
  accumulate: bool,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  const step = aCol << 2;
  let pa = a;
  let pb = panel;
  for (let k = 0; k < K; k++) {
    const x = v128.load32_splat(pa);
    c0 = f32x4.relaxed_madd(x, v128.load(pb), c0);
    c1 = f32x4.relaxed_madd(x, v128.load(pb, 16), c1);
    pa += step;
    pb += NR << 2;
  }
  storeRow(out, c0, c1, ncols, accumulate);
}

/**
 * Fewer rows than the micro-kernel, with B's rows contiguous along k (a decode step's matrix-vector
 * products): each output is a dot product read straight from B, four columns at a time, since
 * packing would copy all of B to use it once.
 */
function gemvRows(
  out: usize,
  ldo: usize,
  a: usize,
  aRow: usize,
  b: usize,
  bRow: usize,
  M: i32,
  K: i32,
  j0: i32,
  j1: i32,
  accumulate: bool,
): void {
  for (let i = 0; i < M; i++) {
    const x = a + ((<usize>i * aRow) << 2);
    const o = out + ((<usize>i * ldo) << 2);
    let j = j0;
    for (; j + 4 <= j1; j += 4) {
      const b0 = b + ((<usize>j * bRow) << 2);
      const b1 = b0 + (bRow << 2);
      const b2 = b1 + (bRow << 2);
      const b3 = b2 + (bRow << 2);
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      let k = 0;
      for (; k + 4 <= K; k += 4) {
        const at = (<usize>k) << 2;
        const xv = v128.load(x + at);
        s0 = f32x4.relaxed_madd(xv, v128.load(b0 + at), s0);
        s1 = f32x4.relaxed_madd(xv, v128.load(b1 + at), s1);
        s2 = f32x4.relaxed_madd(xv, v128.load(b2 + at), s2);
        s3 = f32x4.relaxed_madd(xv, v128.load(b3 + at), s3);
      }
      // Lane sums of the four accumulators, as one vector: [Σs0, Σs1, Σs2, Σs3].
      const t01 = f32x4.add(i32x4.shuffle(s0, s1, 0, 1, 4, 5), i32x4.shuffle(s0, s1, 2, 3, 6, 7));
      const t23 = f32x4.add(i32x4.shuffle(s2, s3, 0, 1, 4, 5), i32x4.shuffle(s2, s3, 2, 3, 6, 7));
      let sums = f32x4.add(i32x4.shuffle(t01, t23, 0, 2, 4, 6), i32x4.shuffle(t01, t23, 1, 3, 5, 7));
      for (; k < K; k++) {
        const at = (<usize>k) << 2;
        const xk = f32x4.splat(load<f32>(x + at));
        const bk = f32x4.replace_lane(
          f32x4.replace_lane(
            f32x4.replace_lane(f32x4.splat(load<f32>(b0 + at)), 1, load<f32>(b1 + at)),
            2,
            load<f32>(b2 + at),
          ),
          3,
          load<f32>(b3 + at),
        );
        sums = f32x4.relaxed_madd(xk, bk, sums);
      }
      const dst = o + ((<usize>j) << 2);
      v128.store(dst, accumulate ? f32x4.add(sums, v128.load(dst)) : sums);
    }
    for (; j < j1; j++) {
      const dst = o + ((<usize>j) << 2);
      const sum = dot(x, b + ((<usize>j * bRow) << 2), K);
      store<f32>(dst, accumulate ? load<f32>(dst) + sum : sum);
    }
  }
}

/** Bytes of packing scratch one thread needs for a product with these P and K. */
export function gemmScratchBytes(P: i32, K: i32): usize {
  return <usize>((P + NR - 1) / NR) * <usize>K * ((<usize>NR) << 2);
}

/**
 * Thread `t` of `nt` computes its share of the columns of out (row-major, leading dimension P);
 * `scratch` is this product's packing area, `gemmScratchBytes(P, K)` bytes for all threads together.
 * Pointers are byte addresses, strides are in elements.
 */
export function gemm(
  out: usize,
  a: usize,
  aRow: usize,
  aCol: usize,
  b: usize,
  bRow: usize,
  bCol: usize,
  M: i32,
  P: i32,
  K: i32,
  accumulate: bool,
  scratch: usize,
  t: i32,
  nt: i32,
): void {
  const panels = (P + NR - 1) / NR;
  const q0 = (panels * t) / nt;
  const q1 = (panels * (t + 1)) / nt;
  if (M < MR && aCol === 1 && bCol === 1) {
    gemvRows(out, <usize>P, a, aRow, b, bRow, M, K, q0 * NR, min(P, q1 * NR), accumulate);
    return;
  }
  const panelBytes = <usize>K * ((<usize>NR) << 2);
  for (let q = q0; q < q1; q++) packPanel(scratch + <usize>q * panelBytes, b, bRow, bCol, P, K, q * NR);
  const ldo = <usize>P;
  for (let i0 = 0; i0 < M; i0 += MC) {
    const i1 = min(M, i0 + MC);
    for (let q = q0; q < q1; q++) {
      const j = q * NR;
      const ncols = min(NR, P - j);
      const panel = scratch + <usize>q * panelBytes;
      let i = i0;
      for (; i + MR <= i1; i += MR) {
        const o = out + ((<usize>i * ldo + <usize>j) << 2);
        kernel4x8(o, ldo, a + ((<usize>i * aRow) << 2), aRow, aCol, K, panel, ncols, accumulate);
      }
      for (; i < i1; i++) {
        const o = out + ((<usize>i * ldo + <usize>j) << 2);
        kernel1x8(o, a + ((<usize>i * aRow) << 2), aCol, K, panel, ncols, accumulate);
      }
    }
  }
}
