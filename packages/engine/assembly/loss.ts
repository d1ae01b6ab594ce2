// Softmax cross-entropy over rows of V logits, forward and backward. Threads split the rows.
import { exps, expv } from './vector';

/**
 * probs = softmax(logits) per row; losses[n] = weights[n] · −log probs[n, targets[n]] (0 where the
 * weight is 0).
 */
export function crossEntropyForward(
  losses: usize,
  probs: usize,
  logits: usize,
  targets: usize,
  weights: usize,
  N: i32,
  V: i32,
  t: i32,
  nt: i32,
): void {
  for (let n = (N * t) / nt; n < (N * (t + 1)) / nt; n++) {
    const x = logits + ((<usize>n * <usize>V) << 2);
    const p = probs + ((<usize>n * <usize>V) << 2);
    let vmax = f32x4.splat(-Infinity);
    let i = 0;
    for (; i + 4 <= V; i += 4) vmax = f32x4.max(vmax, v128.load(x + ((<usize>i) << 2)));
    let rowMax = max(
      max(f32x4.extract_lane(vmax, 0), f32x4.extract_lane(vmax, 1)),
      max(f32x4.extract_lane(vmax, 2), f32x4.extract_lane(vmax, 3)),
    );
    for (; i < V; i++) rowMax = max(rowMax, load<f32>(x + ((<usize>i) << 2)));
    const vm = f32x4.splat(rowMax);
    let vsum = f32x4.splat(0);
    i = 0;
    for (; i + 4 <= V; i += 4) {
      const e = expv(f32x4.sub(v128.load(x + ((<usize>i) << 2)), vm));
      v128.store(p + ((<usize>i) << 2), e);
      vsum = f32x4.add(vsum, e);
    }
    let sum: f64 =
      <f64>f32x4.extract_lane(vsum, 0) +
      <f64>f32x4.extract_lane(vsum, 1) +
      <f64>f32x4.extract_lane(vsum, 2) +
      <f64>f32x4.extract_lane(vsum, 3);
    for (; i < V; i++) {
      const e = exps(load<f32>(x + ((<usize>i) << 2)) - rowMax);
      store<f32>(p + ((<usize>i) << 2), e);
      sum += e;
    }
    const inv = <f32>(1 / sum);
    const vinv = f32x4.splat(inv);
    i = 0;
    for (; i + 4 <= V; i += 4)
      v128.store(p + ((<usize>i) << 2), f32x4.mul(v128.load(p + ((<usize>i) << 2)), vinv));
    for (; i < V; i++) store<f32>(p + ((<usize>i) << 2), load<f32>(p + ((<usize>i) << 2)) * inv);
    const w = load<f32>(weights + ((<usize>n) << 2));
    const target = load<i32>(targets + ((<usize>n) << 2));
    const logit = <f64>load<f32>(x + ((<usize>target) << 2));
    store<f32>(
      losses + ((<usize>n) << 2),
      w === 0 ? 0 : <f32>(<f64>w * -(logit - <f64>rowMax - Math.log(sum))),
    );
  }
}

/** dlogits[n] += scale · weights[n] · (probs[n] − onehot(targets[n])). */
export function crossEntropyBackward(
  dlogits: usize,
  probs: usize,
  targets: usize,
  weights: usize,
  scale: f64,
  N: i32,
  V: i32,
  t: i32,
  nt: i32,
): void {
  for (let n = (N * t) / nt; n < (N * (t + 1)) / nt; n++) {
    const k = <f32>(scale * <f64>load<f32>(weights + ((<usize>n) << 2)));
    if (k === 0) continue;
    const d = dlogits + ((<usize>n * <usize>V) << 2);
    const p = probs + ((<usize>n * <usize>V) << 2);
    const vk = f32x4.splat(k);
    let i = 0;
    for (; i + 4 <= V; i += 4) {
      const o = (<usize>i) << 2;
      v128.store(d + o, f32x4.relaxed_madd(vk, v128.load(p + o), v128.load(d + o)));
    }
    for (; i < V; i++) {
      const o = (<usize>i) << 2;
      store<f32>(d + o, load<f32>(d + o) + k * load<f32>(p + o));
    }
    const at = d + ((<usize>load<i32>(targets + ((<usize>n) << 2))) << 2);
    store<f32>(at, load<f32>(at) - k);
  }
}
