// Building blocks the kernels share: dot products, axpy and a vectorised exp, over f32 at byte
// addresses. Vector paths take 4 lanes at a time and finish the tail one element at a time.

/** Σ a[i]·b[i] for i < n. */
export function dot(a: usize, b: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    acc = f32x4.relaxed_madd(v128.load(a + o), v128.load(b + o), acc);
  }
  let sum =
    f32x4.extract_lane(acc, 0) +
    f32x4.extract_lane(acc, 1) +
    f32x4.extract_lane(acc, 2) +
    f32x4.extract_lane(acc, 3);
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    sum += load<f32>(a + o) * load<f32>(b + o);
  }
  return sum;
}

/** y[i] += alpha · x[i] for i < n. */
export function axpy(y: usize, x: usize, alpha: f32, n: i32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(y + o, f32x4.relaxed_madd(va, v128.load(x + o), v128.load(y + o)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

/** x[i] = 0 for i < n. */
export function zero(x: usize, n: i32): void {
  memory.fill(x, 0, (<usize>n) << 2);
}

/**
 * e^x in each lane, to about 2 ulp: x = n·ln 2 + r with |r| ≤ ln 2 / 2, a degree-6 polynomial for
 * e^r (Cephes' expf) and 2^n put into the exponent bits. Inputs are clamped to [−87.3, 88.7], where
 * the f32 result is a normal number, so exp of a very negative number is about 1e−38, not 0.
 */
export function expv(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.7));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(<f32>Math.LOG2E)));
  let r = f32x4.relaxed_nmadd(n, f32x4.splat(0.693359375), x);
  r = f32x4.relaxed_nmadd(n, f32x4.splat(-2.1219444e-4), r);
  let p = f32x4.splat(1.98756915e-4);
  p = f32x4.relaxed_madd(p, r, f32x4.splat(1.3981999507e-3));
  p = f32x4.relaxed_madd(p, r, f32x4.splat(8.3334519073e-3));
  p = f32x4.relaxed_madd(p, r, f32x4.splat(4.1665795894e-2));
  p = f32x4.relaxed_madd(p, r, f32x4.splat(1.6666665459e-1));
  p = f32x4.relaxed_madd(p, r, f32x4.splat(5.0000001201e-1));
  p = f32x4.relaxed_madd(p, f32x4.mul(r, r), f32x4.add(r, f32x4.splat(1)));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

/** The same exp for one value, through lane 0, so that tails round exactly as the vector body. */
export function exps(x: f32): f32 {
  return f32x4.extract_lane(expv(f32x4.splat(x)), 0);
}
