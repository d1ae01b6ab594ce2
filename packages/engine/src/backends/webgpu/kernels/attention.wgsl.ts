import { gridStride, type Kernel, params, storage } from './kernel.ts';
import { perRow, workgroupReduce } from './reduce.wgsl.ts';

/**
 * Causal attention with grouped KV heads, as explicit stages over a materialised att [B, NH, Tq, Tk]
 * (the interface keeps att for the backward). Each stage is a plain gather, so there are no atomics and
 * every output element is summed in a fixed order.
 */

/**
 * One workgroup per (b, h, t) row of att: scores for keys ≤ the query position, softmax (max, Σexp),
 * zeros above the diagonal, then out = att · v with threads over the head dimension.
 */
export const attentionForward: Kernel = {
  name: 'attention_forward',
  writes: 2,
  code: `${params('B: u32, Tq: u32, Tk: u32, Tcap: u32, NH: u32, NKV: u32, D: u32, scale: f32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'att', 'f32', 'read_write')}
${storage(3, 'q', 'f32', 'read')}
${storage(4, 'k', 'f32', 'read')}
${storage(5, 'v', 'f32', 'read')}
${workgroupReduce}
${perRow(
  'p.B * p.NH * p.Tq',
  `    let t = row % p.Tq;
    let h = (row / p.Tq) % p.NH;
    let b = row / (p.Tq * p.NH);
    let kh = h / (p.NH / p.NKV);
    let last = p.Tk - p.Tq + t;
    let qb = ((b * p.Tq + t) * p.NH + h) * p.D;
    let ab = row * p.Tk;
    var mx = NEG_BIG;
    for (var s = li; s <= last; s += 256u) {
      let kb = ((b * p.Tcap + s) * p.NKV + kh) * p.D;
      var dot = 0.0;
      for (var d = 0u; d < p.D; d++) { dot = fma(q[qb + d], k[kb + d], dot); }
      dot *= p.scale;
      att[ab + s] = dot;
      mx = max(mx, dot);
    }
    let m = wgMax(mx, li, 0u);
    var sum = 0.0;
    for (var s = li; s <= last; s += 256u) {
      let e = exp(att[ab + s] - m);
      att[ab + s] = e;
      sum += e;
    }
    let inv = 1.0 / wgSum(sum, li, 1u);
    for (var s = li; s < p.Tk; s += 256u) { att[ab + s] = select(0.0, att[ab + s] * inv, s <= last); }
    // The att row was written by all threads; make it visible before each thread reads all of it.
    storageBarrier();
    for (var d = li; d < p.D; d += 256u) {
      var acc = 0.0;
      for (var s = 0u; s <= last; s++) { acc = fma(att[ab + s], v[((b * p.Tcap + s) * p.NKV + kh) * p.D + d], acc); }
      out[qb + d] = acc;
    }
    storageBarrier();`,
)}`,
};

/**
 * attentionForward's row for continuous batching: one workgroup per (n, h), query row n reading its
 * own slot of the KV cache up to its own position (both from i32 buffers), att [N, NH, Tcap] scratch.
 */
export const attentionDecode: Kernel = {
  name: 'attention_decode',
  writes: 2,
  code: `${params('N: u32, Tcap: u32, NH: u32, NKV: u32, D: u32, scale: f32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'att', 'f32', 'read_write')}
${storage(3, 'q', 'f32', 'read')}
${storage(4, 'k', 'f32', 'read')}
${storage(5, 'v', 'f32', 'read')}
${storage(6, 'slots', 'i32', 'read')}
${storage(7, 'positions', 'i32', 'read')}
${workgroupReduce}
${perRow(
  'p.N * p.NH',
  `    let n = row / p.NH;
    let h = row % p.NH;
    let kh = h / (p.NH / p.NKV);
    let last = u32(positions[n]);
    let kb = u32(slots[n]) * p.Tcap * p.NKV;
    let qb = row * p.D;
    let ab = row * p.Tcap;
    var mx = NEG_BIG;
    for (var s = li; s <= last; s += 256u) {
      let ks = ((kb + s * p.NKV) + kh) * p.D;
      var dot = 0.0;
      for (var d = 0u; d < p.D; d++) { dot = fma(q[qb + d], k[ks + d], dot); }
      dot *= p.scale;
      att[ab + s] = dot;
      mx = max(mx, dot);
    }
    let m = wgMax(mx, li, 0u);
    var sum = 0.0;
    for (var s = li; s <= last; s += 256u) {
      let e = exp(att[ab + s] - m);
      att[ab + s] = e;
      sum += e;
    }
    let inv = 1.0 / wgSum(sum, li, 1u);
    for (var s = li; s <= last; s += 256u) { att[ab + s] *= inv; }
    // The att row was written by all threads; make it visible before each thread reads all of it.
    storageBarrier();
    for (var d = li; d < p.D; d += 256u) {
      var acc = 0.0;
      for (var s = 0u; s <= last; s++) { acc = fma(att[ab + s], v[((kb + s * p.NKV) + kh) * p.D + d], acc); }
      out[qb + d] = acc;
    }
    storageBarrier();`,
)}`,
};

const backwardParams = params('B: u32, T: u32, NH: u32, NKV: u32, D: u32, scale: f32,');

/** dv[b, s, kh, d] = Σ over the group's heads h and queries t ≥ s of att[b, h, t, s] · dout[b, t, h, d]. */
export const attentionBackwardValues: Kernel = {
  name: 'attention_backward_values',
  writes: 1,
  code: `${backwardParams}
${storage(1, 'dv', 'f32', 'read_write')}
${storage(2, 'att', 'f32', 'read')}
${storage(3, 'dout', 'f32', 'read')}
${gridStride(
  'p.B * p.T * p.NKV * p.D',
  `    let d = i % p.D;
    let kh = (i / p.D) % p.NKV;
    let s = (i / (p.D * p.NKV)) % p.T;
    let b = i / (p.D * p.NKV * p.T);
    let group = p.NH / p.NKV;
    var acc = 0.0;
    for (var h = kh * group; h < (kh + 1u) * group; h++) {
      for (var t = s; t < p.T; t++) {
        acc = fma(att[((b * p.NH + h) * p.T + t) * p.T + s], dout[((b * p.T + t) * p.NH + h) * p.D + d], acc);
      }
    }
    dv[i] = acc;`,
)}`,
};

/**
 * One workgroup per (b, h, t) row: datt[s] = dout · v[s], then the softmax backward turns it in place
 * into the score gradient att[s] · (datt[s] - Σ att · datt) · scale (zero above the diagonal), which the
 * dq and dk stages read.
 */
export const attentionBackwardScores: Kernel = {
  name: 'attention_backward_scores',
  writes: 1,
  code: `${backwardParams}
${storage(1, 'datt', 'f32', 'read_write')}
${storage(2, 'att', 'f32', 'read')}
${storage(3, 'dout', 'f32', 'read')}
${storage(4, 'v', 'f32', 'read')}
${workgroupReduce}
${perRow(
  'p.B * p.NH * p.T',
  `    let t = row % p.T;
    let h = (row / p.T) % p.NH;
    let b = row / (p.T * p.NH);
    let kh = h / (p.NH / p.NKV);
    let ob = ((b * p.T + t) * p.NH + h) * p.D;
    let ab = row * p.T;
    var dot = 0.0;
    for (var s = li; s <= t; s += 256u) {
      let vb = ((b * p.T + s) * p.NKV + kh) * p.D;
      var g = 0.0;
      for (var d = 0u; d < p.D; d++) { g = fma(dout[ob + d], v[vb + d], g); }
      datt[ab + s] = g;
      dot = fma(g, att[ab + s], dot);
    }
    let rowDot = wgSum(dot, li, 0u);
    // Each thread rewrites only the entries it wrote above, so no barrier is needed in between.
    for (var s = li; s < p.T; s += 256u) {
      datt[ab + s] = select(0.0, att[ab + s] * (datt[ab + s] - rowDot) * p.scale, s <= t);
    }`,
)}`,
};

/** dq[b, t, h, d] = Σ_{s ≤ t} dscore[b, h, t, s] · k[b, s, kh, d]. */
export const attentionBackwardQueries: Kernel = {
  name: 'attention_backward_queries',
  writes: 1,
  code: `${backwardParams}
${storage(1, 'dq', 'f32', 'read_write')}
${storage(2, 'dscore', 'f32', 'read')}
${storage(3, 'k', 'f32', 'read')}
${gridStride(
  'p.B * p.T * p.NH * p.D',
  `    let d = i % p.D;
    let h = (i / p.D) % p.NH;
    let t = (i / (p.D * p.NH)) % p.T;
    let b = i / (p.D * p.NH * p.T);
    let kh = h / (p.NH / p.NKV);
    let ab = ((b * p.NH + h) * p.T + t) * p.T;
    var acc = 0.0;
    for (var s = 0u; s <= t; s++) { acc = fma(dscore[ab + s], k[((b * p.T + s) * p.NKV + kh) * p.D + d], acc); }
    dq[i] = acc;`,
)}`,
};

/** dk[b, s, kh, d] = Σ over the group's heads h and queries t ≥ s of dscore[b, h, t, s] · q[b, t, h, d]. */
export const attentionBackwardKeys: Kernel = {
  name: 'attention_backward_keys',
  writes: 1,
  code: `${backwardParams}
${storage(1, 'dk', 'f32', 'read_write')}
${storage(2, 'dscore', 'f32', 'read')}
${storage(3, 'q', 'f32', 'read')}
${gridStride(
  'p.B * p.T * p.NKV * p.D',
  `    let d = i % p.D;
    let kh = (i / p.D) % p.NKV;
    let s = (i / (p.D * p.NKV)) % p.T;
    let b = i / (p.D * p.NKV * p.T);
    let group = p.NH / p.NKV;
    var acc = 0.0;
    for (var h = kh * group; h < (kh + 1u) * group; h++) {
      for (var t = s; t < p.T; t++) {
        acc = fma(dscore[((b * p.NH + h) * p.T + t) * p.T + s], q[((b * p.T + t) * p.NH + h) * p.D + d], acc);
      }
    }
    dk[i] = acc;`,
)}`,
};
