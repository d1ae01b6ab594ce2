import { gridStride, type Kernel, params, storage } from './kernel.ts';

/** out = silu(gate) * up. For very negative gates exp overflows to inf and silu correctly gives -0. */
export const swigluForward: Kernel = {
  name: 'swiglu_forward',
  writes: 1,
  code: `${params('n: u32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'gate', 'f32', 'read')}
${storage(3, 'up', 'f32', 'read')}
${gridStride(
  'p.n',
  `    let x = gate[i];
    out[i] = x / (1.0 + exp(-x)) * up[i];`,
)}`,
};

/** dup = dout * silu(gate); dgate = dout * up * sig * (1 + x (1 - sig)). Both written. */
export const swigluBackward: Kernel = {
  name: 'swiglu_backward',
  writes: 2,
  code: `${params('n: u32,')}
${storage(1, 'dgate', 'f32', 'read_write')}
${storage(2, 'dup', 'f32', 'read_write')}
${storage(3, 'dout', 'f32', 'read')}
${storage(4, 'gate', 'f32', 'read')}
${storage(5, 'up', 'f32', 'read')}
${gridStride(
  'p.n',
  `    let x = gate[i];
    let sig = 1.0 / (1.0 + exp(-x));
    let d = dout[i];
    dup[i] = d * x * sig;
    dgate[i] = d * up[i] * sig * (1.0 + x * (1.0 - sig));`,
)}`,
};
