// Kernels over flat arrays: AdamW, SwiGLU, scaling and the sum of squares behind the gradient norm.
// Threads take contiguous ranges (multiples of 4 elements), so each element is computed once, by
// one thread, in one order.
import { exps, expv } from './vector';

/** Thread t's range [start, end) of n elements, as element indices relative to the array. */
function share(n: i32, t: i32, nt: i32): i64 {
  const quads = (n + 3) >> 2;
  const start = min(n, ((quads * t) / nt) << 2);
  const end = min(n, ((quads * (t + 1)) / nt) << 2);
  return ((<i64>start) << 32) | <i64>end;
}

/**
 * One AdamW step over params[offset, offset + length): decoupled weight decay, bias-corrected
 * moments; `c1` and `c2` are 1 − β₁ᵗ and 1 − β₂ᵗ.
 */
export function adamw(
  params: usize,
  grads: usize,
  m: usize,
  v: usize,
  offset: i32,
  length: i32,
  lr: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  c1: f64,
  c2: f64,
  t: i32,
  nt: i32,
): void {
  const range = share(length, t, nt);
  const start = offset + <i32>(range >> 32);
  const end = offset + <i32>range;
  const b1 = f32x4.splat(<f32>beta1);
  const b2 = f32x4.splat(<f32>beta2);
  const g1 = f32x4.splat(<f32>(1 - beta1));
  const g2 = f32x4.splat(<f32>(1 - beta2));
  const inv1 = f32x4.splat(<f32>(1 / c1));
  const inv2 = f32x4.splat(<f32>(1 / c2));
  const e = f32x4.splat(<f32>eps);
  const rate = f32x4.splat(<f32>lr);
  const decay = f32x4.splat(<f32>weightDecay);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = (<usize>i) << 2;
    const g = v128.load(grads + o);
    const mi = f32x4.relaxed_madd(b1, v128.load(m + o), f32x4.mul(g1, g));
    const vi = f32x4.relaxed_madd(b2, v128.load(v + o), f32x4.mul(g2, f32x4.mul(g, g)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const p = v128.load(params + o);
    const update = f32x4.div(f32x4.mul(mi, inv1), f32x4.add(f32x4.sqrt(f32x4.mul(vi, inv2)), e));
    v128.store(params + o, f32x4.relaxed_nmadd(rate, f32x4.relaxed_madd(decay, p, update), p));
  }
  for (; i < end; i++) {
    const o = (<usize>i) << 2;
    const g = load<f32>(grads + o);
    const mi = <f32>beta1 * load<f32>(m + o) + <f32>(1 - beta1) * g;
    const vi = <f32>beta2 * load<f32>(v + o) + <f32>(1 - beta2) * g * g;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const p = load<f32>(params + o);
    const update = (mi * <f32>(1 / c1)) / (Mathf.sqrt(vi * <f32>(1 / c2)) + <f32>eps);
    store<f32>(params + o, p - <f32>lr * (update + <f32>weightDecay * p));
  }
}

/** out = silu(gate) · up = gate / (1 + e^−gate) · up. */
export function swigluForward(out: usize, gate: usize, up: usize, n: i32, t: i32, nt: i32): void {
  const range = share(n, t, nt);
  const end = <i32>range;
  let i = <i32>(range >> 32);
  const one = f32x4.splat(1);
  for (; i + 4 <= end; i += 4) {
    const o = (<usize>i) << 2;
    const x = v128.load(gate + o);
    const sig = f32x4.div(one, f32x4.add(one, expv(f32x4.neg(x))));
    v128.store(out + o, f32x4.mul(f32x4.mul(x, sig), v128.load(up + o)));
  }
  for (; i < end; i++) {
    const o = (<usize>i) << 2;
    const x = load<f32>(gate + o);
    store<f32>(out + o, (x / (<f32>1 + exps(-x))) * load<f32>(up + o));
  }
}

/** dup = dout · silu(gate); dgate = dout · up · σ(gate) · (1 + gate · (1 − σ(gate))). Both written. */
export function swigluBackward(
  dgate: usize,
  dup: usize,
  dout: usize,
  gate: usize,
  up: usize,
  n: i32,
  t: i32,
  nt: i32,
): void {
  const range = share(n, t, nt);
  const end = <i32>range;
  let i = <i32>(range >> 32);
  const one = f32x4.splat(1);
  for (; i + 4 <= end; i += 4) {
    const o = (<usize>i) << 2;
    const x = v128.load(gate + o);
    const d = v128.load(dout + o);
    const sig = f32x4.div(one, f32x4.add(one, expv(f32x4.neg(x))));
    v128.store(dup + o, f32x4.mul(d, f32x4.mul(x, sig)));
    const slope = f32x4.relaxed_madd(x, f32x4.sub(one, sig), one);
    v128.store(dgate + o, f32x4.mul(f32x4.mul(f32x4.mul(d, v128.load(up + o)), sig), slope));
  }
  for (; i < end; i++) {
    const o = (<usize>i) << 2;
    const x = load<f32>(gate + o);
    const d = load<f32>(dout + o);
    const sig: f32 = <f32>1 / (<f32>1 + exps(-x));
    store<f32>(dup + o, d * x * sig);
    store<f32>(dgate + o, d * load<f32>(up + o) * sig * (<f32>1 + x * (<f32>1 - sig)));
  }
}

/** x[i] *= factor for i < n. */
export function scale(x: usize, factor: f64, n: i32, t: i32, nt: i32): void {
  const range = share(n, t, nt);
  const end = <i32>range;
  let i = <i32>(range >> 32);
  const f = f32x4.splat(<f32>factor);
  for (; i + 4 <= end; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(x + o, f32x4.mul(v128.load(x + o), f));
  }
  for (; i < end; i++) {
    const o = (<usize>i) << 2;
    store<f32>(x + o, load<f32>(x + o) * <f32>factor);
  }
}

/** Elements per partial sum of `sumOfSquares`: the chunks, not the threads, fix the order of the sum. */
export const SQUARES_CHUNK: i32 = 65536;

/**
 * partials[c] = Σ x[i]² over chunk c of SQUARES_CHUNK elements, in f64; the caller adds the partials
 * in order, so the total does not depend on the number of threads.
 */
export function sumOfSquares(x: usize, n: i32, partials: usize, t: i32, nt: i32): void {
  const chunks = (n + SQUARES_CHUNK - 1) / SQUARES_CHUNK;
  for (let c = (chunks * t) / nt; c < (chunks * (t + 1)) / nt; c++) {
    const start = c * SQUARES_CHUNK;
    const end = min(n, start + SQUARES_CHUNK);
    let acc = f64x2.splat(0);
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const v = v128.load(x + ((<usize>i) << 2));
      const lo = f64x2.promote_low_f32x4(v);
      const hi = f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1));
      acc = f64x2.add(acc, f64x2.add(f64x2.mul(lo, lo), f64x2.mul(hi, hi)));
    }
    let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    for (; i < end; i++) {
      const v = <f64>load<f32>(x + ((<usize>i) << 2));
      sum += v * v;
    }
    store<f64>(partials + ((<usize>c) << 3), sum);
  }
}
