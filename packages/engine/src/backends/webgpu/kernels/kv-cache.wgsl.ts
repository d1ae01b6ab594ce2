import { gridStride, type Kernel, params, storage } from './kernel.ts';

/**
 * Scatters rows of new keys and values into a KV cache of slots: one thread per element of k and v
 * [N, C], row n landing at (slots[n], positions[n]) of the caches [S, Tcap, C].
 */
export const kvCacheWrite: Kernel = {
  name: 'kv_cache_write',
  writes: 2,
  code: `${params('N: u32, C: u32, Tcap: u32,')}
${storage(1, 'kCache', 'f32', 'read_write')}
${storage(2, 'vCache', 'f32', 'read_write')}
${storage(3, 'k', 'f32', 'read')}
${storage(4, 'v', 'f32', 'read')}
${storage(5, 'slots', 'i32', 'read')}
${storage(6, 'positions', 'i32', 'read')}
${gridStride(
  'p.N * p.C',
  `    let n = i / p.C;
    let dst = (u32(slots[n]) * p.Tcap + u32(positions[n])) * p.C + i % p.C;
    kCache[dst] = k[i];
    vCache[dst] = v[i];`,
)}`,
};
