import { type Kernel, params, storage } from './kernel.ts';
import { perColumn, perRow, workgroupReduce } from './reduce.wgsl.ts';

/** One workgroup per row: reduce Σx², then scale. rstd[row] = 1 / sqrt(mean(x²) + eps). */
export const rmsnormForward: Kernel = {
  name: 'rmsnorm_forward',
  writes: 2,
  code: `${params('N: u32, C: u32, wOffset: u32, eps: f32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'rstd', 'f32', 'read_write')}
${storage(3, 'inp', 'f32', 'read')}
${storage(4, 'weight', 'f32', 'read')}
${workgroupReduce}
${perRow(
  'p.N',
  `    let base = row * p.C;
    var ss = 0.0;
    for (var c = li; c < p.C; c += 256u) { ss = fma(inp[base + c], inp[base + c], ss); }
    let s = 1.0 / sqrt(wgSum(ss, li, 0u) / f32(p.C) + p.eps);
    if (li == 0u) { rstd[row] = s; }
    for (var c = li; c < p.C; c += 256u) { out[base + c] = inp[base + c] * s * weight[p.wOffset + c]; }`,
)}`,
};

/** dinp += s·dy·w - x·s³·mean(dy·w·x), one workgroup per row. */
export const rmsnormBackwardInput: Kernel = {
  name: 'rmsnorm_backward_input',
  writes: 1,
  code: `${params('N: u32, C: u32, wOffset: u32,')}
${storage(1, 'dinp', 'f32', 'read_write')}
${storage(2, 'dout', 'f32', 'read')}
${storage(3, 'inp', 'f32', 'read')}
${storage(4, 'weight', 'f32', 'read')}
${storage(5, 'rstd', 'f32', 'read')}
${workgroupReduce}
${perRow(
  'p.N',
  `    let base = row * p.C;
    let s = rstd[row];
    var dot = 0.0;
    for (var c = li; c < p.C; c += 256u) {
      dot += dout[base + c] * weight[p.wOffset + c] * inp[base + c];
    }
    let k = s * s * s * wgSum(dot, li, 0u) / f32(p.C);
    for (var c = li; c < p.C; c += 256u) {
      dinp[base + c] += s * dout[base + c] * weight[p.wOffset + c] - k * inp[base + c];
    }`,
)}`,
};

/** dweight[c] += Σ_rows dy·x·s: a column reduction. */
export const rmsnormBackwardWeight: Kernel = {
  name: 'rmsnorm_backward_weight',
  writes: 1,
  code: `${params('N: u32, C: u32, dwOffset: u32,')}
${storage(1, 'dweight', 'f32', 'read_write')}
${storage(2, 'dout', 'f32', 'read')}
${storage(3, 'inp', 'f32', 'read')}
${storage(4, 'rstd', 'f32', 'read')}
${perColumn(
  'p.N',
  'p.C',
  'dout[n * p.C + c] * inp[n * p.C + c] * rstd[n]',
  'dweight[p.dwOffset + c] += total;',
)}`,
};
