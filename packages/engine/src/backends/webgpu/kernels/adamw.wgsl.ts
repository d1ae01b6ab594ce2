import { gridStride, type Kernel, params, storage } from './kernel.ts';

/**
 * One AdamW step over [offset, offset + length). The bias corrections c1 = 1 - beta1^step and
 * c2 = 1 - beta2^step are computed on the host in double precision (pow of a number close to 1).
 */
export const adamw: Kernel = {
  name: 'adamw',
  writes: 3,
  code: `${params('offset: u32, length: u32, lr: f32, beta1: f32, beta2: f32, eps: f32, wd: f32, c1: f32, c2: f32,')}
${storage(1, 'param', 'f32', 'read_write')}
${storage(2, 'm', 'f32', 'read_write')}
${storage(3, 'v', 'f32', 'read_write')}
${storage(4, 'grad', 'f32', 'read')}
${gridStride(
  'p.length',
  `    let j = p.offset + i;
    let g = grad[j];
    let mi = p.beta1 * m[j] + (1.0 - p.beta1) * g;
    let vi = p.beta2 * v[j] + (1.0 - p.beta2) * g * g;
    m[j] = mi;
    v[j] = vi;
    param[j] -= p.lr * (mi / p.c1 / (sqrt(vi / p.c2) + p.eps) + p.wd * param[j]);`,
)}`,
};
