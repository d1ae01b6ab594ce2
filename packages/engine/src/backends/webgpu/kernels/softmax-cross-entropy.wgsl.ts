import { gridStride, type Kernel, params, storage } from './kernel.ts';
import { perRow, workgroupReduce } from './reduce.wgsl.ts';

/** One workgroup per row: max, Σexp, probs, and loss = w · (log Σexp + max - logit[target]). */
export const crossEntropyForward: Kernel = {
  name: 'cross_entropy_forward',
  writes: 2,
  code: `${params('N: u32, V: u32,')}
${storage(1, 'losses', 'f32', 'read_write')}
${storage(2, 'probs', 'f32', 'read_write')}
${storage(3, 'logits', 'f32', 'read')}
${storage(4, 'targets', 'i32', 'read')}
${storage(5, 'weights', 'f32', 'read')}
${workgroupReduce}
${perRow(
  'p.N',
  `    let base = row * p.V;
    var mx = NEG_BIG;
    for (var i = li; i < p.V; i += 256u) { mx = max(mx, logits[base + i]); }
    let m = wgMax(mx, li, 0u);
    var sum = 0.0;
    for (var i = li; i < p.V; i += 256u) { sum += exp(logits[base + i] - m); }
    let total = wgSum(sum, li, 1u);
    let inv = 1.0 / total;
    for (var i = li; i < p.V; i += 256u) { probs[base + i] = exp(logits[base + i] - m) * inv; }
    if (li == 0u) {
      let w = weights[row];
      var loss = 0.0;
      // A masked position may carry any target, so it must not be used as an index.
      if (w != 0.0) { loss = w * (log(total) + m - logits[base + u32(targets[row])]); }
      losses[row] = loss;
    }`,
)}`,
};

/** dlogits += scale · w · (probs - onehot(target)), one thread per logit. */
export const crossEntropyBackward: Kernel = {
  name: 'cross_entropy_backward',
  writes: 1,
  code: `${params('N: u32, V: u32, scale: f32,')}
${storage(1, 'dlogits', 'f32', 'read_write')}
${storage(2, 'probs', 'f32', 'read')}
${storage(3, 'targets', 'i32', 'read')}
${storage(4, 'weights', 'f32', 'read')}
${gridStride(
  'p.N * p.V',
  `    let row = i / p.V;
    let k = p.scale * weights[row];
    if (k != 0.0) {
      let hit = select(0.0, 1.0, i % p.V == u32(targets[row]));
      dlogits[i] += k * (probs[i] - hit);
    }`,
)}`,
};
