// Causal multi-head attention with grouped KV heads, forward and backward, as the CPU backend's
// TypeScript oracle computes it (same loops, same order of sums per output), with the inner loops
// over the head dimension in SIMD. Threads split the forward by (batch, query head) and the backward
// by (batch, KV head), so that no two threads accumulate into the same dK or dV row.
import { axpy, dot, zero } from './vector';

export function attentionForward(
  out: usize,
  att: usize,
  q: usize,
  k: usize,
  v: usize,
  B: i32,
  Tq: i32,
  Tk: i32,
  Tcap: i32,
  NH: i32,
  NKV: i32,
  D: i32,
  t: i32,
  nt: i32,
): void {
  const group = NH / NKV;
  const scale = <f32>(1 / Math.sqrt(<f64>D));
  const first = Tk - Tq;
  const units = B * NH;
  for (let u = (units * t) / nt; u < (units * (t + 1)) / nt; u++) {
    const b = u / NH;
    const h = u % NH;
    const kh = h / group;
    for (let tq = 0; tq < Tq; tq++) {
      const qrow = q + ((<usize>(((b * Tq + tq) * NH + h) * D)) << 2);
      const arow = att + ((<usize>(((b * NH + h) * Tq + tq) * Tk)) << 2);
      const last = first + tq;
      let max = -Infinity;
      for (let s = 0; s <= last; s++) {
        const krow = k + ((<usize>(((b * Tcap + s) * NKV + kh) * D)) << 2);
        const score = dot(qrow, krow, D) * scale;
        store<f32>(arow + ((<usize>s) << 2), score);
        if (<f64>score > max) max = score;
      }
      let sum: f64 = 0;
      for (let s = 0; s <= last; s++) {
        const p = arow + ((<usize>s) << 2);
        const e = Math.exp(<f64>load<f32>(p) - max);
        store<f32>(p, <f32>e);
        sum += e;
      }
      const inv = 1 / sum;
      for (let s = 0; s <= last; s++) {
        const p = arow + ((<usize>s) << 2);
        store<f32>(p, <f32>(<f64>load<f32>(p) * inv));
      }
      for (let s = last + 1; s < Tk; s++) store<f32>(arow + ((<usize>s) << 2), 0);
      const orow = out + ((<usize>(((b * Tq + tq) * NH + h) * D)) << 2);
      zero(orow, D);
      for (let s = 0; s <= last; s++) {
        const vrow = v + ((<usize>(((b * Tcap + s) * NKV + kh) * D)) << 2);
        axpy(orow, vrow, load<f32>(arow + ((<usize>s) << 2)), D);
      }
    }
  }
}

export function attentionBackward(
  dq: usize,
  dk: usize,
  dv: usize,
  datt: usize,
  dout: usize,
  q: usize,
  k: usize,
  v: usize,
  att: usize,
  B: i32,
  T: i32,
  NH: i32,
  NKV: i32,
  D: i32,
  t: i32,
  nt: i32,
): void {
  const group = NH / NKV;
  const scale = <f32>(1 / Math.sqrt(<f64>D));
  const units = B * NKV;
  for (let u = (units * t) / nt; u < (units * (t + 1)) / nt; u++) {
    const b = u / NKV;
    const kh = u % NKV;
    for (let s = 0; s < T; s++) {
      const kv = (<usize>(((b * T + s) * NKV + kh) * D)) << 2;
      zero(dk + kv, D);
      zero(dv + kv, D);
      for (let h = kh * group; h < (kh + 1) * group; h++)
        zero(dq + ((<usize>(((b * T + s) * NH + h) * D)) << 2), D);
    }
    for (let h = kh * group; h < (kh + 1) * group; h++) {
      for (let tq = 0; tq < T; tq++) {
        const o = (<usize>(((b * T + tq) * NH + h) * D)) << 2;
        const arow = (<usize>(((b * NH + h) * T + tq) * T)) << 2;
        let rowDot: f64 = 0;
        for (let s = 0; s <= tq; s++) {
          const kv = (<usize>(((b * T + s) * NKV + kh) * D)) << 2;
          const p = load<f32>(att + arow + ((<usize>s) << 2));
          const g = dot(dout + o, v + kv, D);
          axpy(dv + kv, dout + o, p, D);
          store<f32>(datt + arow + ((<usize>s) << 2), g);
          rowDot += <f64>g * <f64>p;
        }
        for (let s = 0; s <= tq; s++) {
          const kv = (<usize>(((b * T + s) * NKV + kh) * D)) << 2;
          const p = <f64>load<f32>(att + arow + ((<usize>s) << 2));
          const ds = <f32>(p * (<f64>load<f32>(datt + arow + ((<usize>s) << 2)) - rowDot) * <f64>scale);
          axpy(dq + o, k + kv, ds, D);
          axpy(dk + kv, q + o, ds, D);
        }
      }
    }
  }
}
