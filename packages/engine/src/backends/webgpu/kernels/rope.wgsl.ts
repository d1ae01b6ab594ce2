import { gridStride, type Kernel, params, storage } from './kernel.ts';

/**
 * Rotary embedding, half-split pairing: one thread per (b, t, h, i < D/2) pair. cos and sin come from a
 * host-computed table [position][i] of (cos, sin) in double precision, so long positions lose no
 * accuracy to f32 angle products or to GPU sin/cos range reduction. `sign` = -1 gives the inverse
 * rotation (the backward). The in-place variant binds one read_write buffer for out = inp.
 */
export function rope(inPlace: boolean): Kernel {
  const src = inPlace ? 'out' : 'inp';
  return {
    name: inPlace ? 'rope_inplace' : 'rope',
    writes: 1,
    code: `${params('pairs: u32, T: u32, H: u32, half: u32, posOffset: u32, sign: f32,')}
${storage(1, 'out', 'f32', 'read_write')}
${inPlace ? '' : storage(2, 'inp', 'f32', 'read')}
${storage(inPlace ? 2 : 3, 'table', 'f32', 'read')}
${gridStride(
  'p.pairs',
  `    let pair = i % p.half;
    let vec = i / p.half;
    let t = (vec / p.H) % p.T;
    let rot = ((p.posOffset + t) * p.half + pair) * 2u;
    let cs = table[rot];
    let sn = p.sign * table[rot + 1u];
    let a = vec * 2u * p.half + pair;
    let b = a + p.half;
    let x1 = ${src}[a];
    let x2 = ${src}[b];
    out[a] = x1 * cs - x2 * sn;
    out[b] = x2 * cs + x1 * sn;`,
)}`,
  };
}
