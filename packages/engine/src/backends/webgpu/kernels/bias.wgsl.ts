import { gridStride, type Kernel, params, storage } from './kernel.ts';
import { perColumn } from './reduce.wgsl.ts';

/** out[n, oc] += bias[oc]: a linear layer's bias, after its matmul. */
export const biasForward: Kernel = {
  name: 'bias_forward',
  writes: 1,
  code: `${params('n: u32, OC: u32, bOffset: u32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'bias', 'f32', 'read')}
${gridStride('p.n', '    out[i] += bias[p.bOffset + i % p.OC];')}`,
};

/** dbias[oc] += Σ_rows dout[n, oc]. */
export const biasBackward: Kernel = {
  name: 'bias_backward',
  writes: 1,
  code: `${params('N: u32, OC: u32, dbOffset: u32,')}
${storage(1, 'dbias', 'f32', 'read_write')}
${storage(2, 'dout', 'f32', 'read')}
${perColumn('p.N', 'p.OC', 'dout[n * p.OC + c]', 'dbias[p.dbOffset + c] += total;')}`,
};
