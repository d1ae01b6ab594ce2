import { gridStride, type Kernel, params, storage } from './kernel.ts';

/** out[n, c] = wte[wteOffset + tokens[n] * C + c]. */
export const encoderForward: Kernel = {
  name: 'encoder_forward',
  writes: 1,
  code: `${params('N: u32, C: u32, wteOffset: u32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'tokens', 'i32', 'read')}
${storage(3, 'wte', 'f32', 'read')}
${gridStride(
  'p.N * p.C',
  `    let n = i / p.C;
    out[i] = wte[p.wteOffset + u32(tokens[n]) * p.C + i % p.C];`,
)}`,
};

/** Marks the end of a chain in `links`. */
const NONE = '0xffffffffu';

/**
 * The embedding backward scatters rows of dout into rows of dwte, and repeated tokens collide. WGSL
 * has no float atomics, so instead of atomics this first pass links every position to the next
 * position holding the same token (links[n]) and flags the first occurrence (links[N + n]); the
 * second pass lets only the first occurrence sum its chain, in position order, like the CPU backend.
 * O(N²) comparisons, which is small next to the matmuls of any step that has N tokens.
 */
export const encoderBackwardLinks: Kernel = {
  name: 'encoder_backward_links',
  writes: 1,
  code: `${params('N: u32,')}
${storage(1, 'links', 'u32', 'read_write')}
${storage(2, 'tokens', 'i32', 'read')}
${gridStride(
  'p.N',
  `    let tok = tokens[i];
    var head = 1u;
    var next = ${NONE};
    for (var m = 0u; m < p.N; m++) {
      if (tokens[m] == tok) {
        if (m < i) { head = 0u; }
        if (m > i && next == ${NONE}) { next = m; }
      }
    }
    links[i] = next;
    links[p.N + i] = head;`,
)}`,
};

export const encoderBackward: Kernel = {
  name: 'encoder_backward',
  writes: 1,
  code: `${params('N: u32, C: u32, dwteOffset: u32,')}
${storage(1, 'dwte', 'f32', 'read_write')}
${storage(2, 'dout', 'f32', 'read')}
${storage(3, 'tokens', 'i32', 'read')}
${storage(4, 'links', 'u32', 'read')}
${gridStride(
  'p.N * p.C',
  `    let n = i / p.C;
    let c = i % p.C;
    if (links[p.N + n] == 1u) {
      let dst = p.dwteOffset + u32(tokens[n]) * p.C + c;
      var acc = dwte[dst];
      var m = n;
      loop {
        acc += dout[m * p.C + c];
        m = links[m];
        if (m == ${NONE}) { break; }
      }
      dwte[dst] = acc;
    }`,
)}`,
};
