import { gridStride, type Kernel, params, storage } from './kernel.ts';

/**
 * Rotary embedding, half-split pairing: one thread per (row, h, i < D/2) pair. cos and sin come from a
 * host-computed table [position][i] of (cos, sin) in double precision, so long positions lose no
 * accuracy to f32 angle products or to GPU sin/cos range reduction. `sign` = -1 gives the inverse
 * rotation (the backward). The in-place variant binds one read_write buffer for out = inp.
 *
 * A row's position is `posOffset + t` for token t of a [B, T] batch, or, in the `atPositions`
 * variant, its own entry of an i32 `positions` buffer (rows of different sequences, one per row).
 */
export function rope(inPlace: boolean, atPositions = false): Kernel {
  const src = inPlace ? 'out' : 'inp';
  const table = inPlace ? 2 : 3;
  return {
    name: `rope${atPositions ? '_at' : ''}${inPlace ? '_inplace' : ''}`,
    writes: 1,
    code: `${params('pairs: u32, T: u32, H: u32, half: u32, posOffset: u32, sign: f32,')}
${storage(1, 'out', 'f32', 'read_write')}
${inPlace ? '' : storage(2, 'inp', 'f32', 'read')}
${storage(table, 'table', 'f32', 'read')}
${atPositions ? storage(table + 1, 'positions', 'i32', 'read') : ''}
${gridStride(
  'p.pairs',
  `    let pair = i % p.half;
    let vec = i / p.half;
    let pos = ${atPositions ? 'u32(positions[vec / p.H])' : 'p.posOffset + (vec / p.H) % p.T'};
    let rot = (pos * p.half + pair) * 2u;
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
