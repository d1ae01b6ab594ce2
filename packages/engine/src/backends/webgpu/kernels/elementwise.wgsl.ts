import { gridStride, type Kernel, params, storage } from './kernel.ts';

/** out = a + b (the residual forward when out is a distinct tensor). */
export const residual: Kernel = {
  name: 'residual',
  writes: 1,
  code: `${params('n: u32,')}
${storage(1, 'out', 'f32', 'read_write')}
${storage(2, 'a', 'f32', 'read')}
${storage(3, 'b', 'f32', 'read')}
${gridStride('p.n', '    out[i] = a[i] + b[i];')}`,
};

/** dst += src: the residual backward, and the in-place residual forward (out = a). */
export const accumulate: Kernel = {
  name: 'accumulate',
  writes: 1,
  code: `${params('n: u32,')}
${storage(1, 'dst', 'f32', 'read_write')}
${storage(2, 'src', 'f32', 'read')}
${gridStride('p.n', '    dst[i] += src[i];')}`,
};

export const scale: Kernel = {
  name: 'scale',
  writes: 1,
  code: `${params('n: u32, factor: f32,')}
${storage(1, 't', 'f32', 'read_write')}
${gridStride('p.n', '    t[i] *= p.factor;')}`,
};

/**
 * Copy between non-overlapping ranges of one buffer. WebGPU forbids copyBufferToBuffer with the same
 * source and destination, so this case needs a kernel with a single read_write binding.
 */
export const copyWithin: Kernel = {
  name: 'copy_within',
  writes: 1,
  code: `${params('n: u32, dst: u32, src: u32,')}
${storage(1, 't', 'f32', 'read_write')}
${gridStride('p.n', '    t[p.dst + i] = t[p.src + i];')}`,
};
