import { type Kernel, params, storage, WG } from './kernel.ts';

/**
 * Workgroup-wide sum and max over `WG` threads through shared memory (tree reduction). Every thread
 * gets the result. Must be called from workgroup-uniform control flow (it contains barriers).
 *
 * Each call site passes its own `slot` (0..7, distinct within one kernel): the result is published in
 * `results[slot]`, which no later reduction of the same row overwrites. Reading it back from the shared
 * `red[0]` is not enough: llvmpipe lets that load move past the next reduction's barriers, where thread 0
 * has already overwritten red[0] (observed as wrong KL values on all threads but thread 0).
 */
export const workgroupReduce = `
var<workgroup> red: array<f32, ${WG}>;
var<workgroup> results: array<f32, 8>;
fn wgSum(v: f32, li: u32, slot: u32) -> f32 {
  red[li] = v;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s >>= 1u) {
    if (li < s) { red[li] += red[li + s]; }
    workgroupBarrier();
  }
  if (li == 0u) { results[slot] = red[0]; }
  workgroupBarrier();
  return results[slot];
}
fn wgMax(v: f32, li: u32, slot: u32) -> f32 {
  red[li] = v;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s >>= 1u) {
    if (li < s) { red[li] = max(red[li], red[li + s]); }
    workgroupBarrier();
  }
  if (li == 0u) { results[slot] = red[0]; }
  workgroupBarrier();
  return results[slot];
}
const NEG_BIG: f32 = -3.4028234e38;
`;

/** Row-kernel entry point: one workgroup per row, looping when there are more rows than groups. */
export function perRow(rows: string, body: string): string {
  return `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_index) li: u32) {
  for (var row = wid.x; row < ${rows}; row += nwg.x) {
${body}
  }
}`;
}

/** Partial sums of squares, one per workgroup; the host adds the partials in double precision. */
export const sumOfSquares: Kernel = {
  name: 'sum_of_squares',
  writes: 1,
  code: `${params('n: u32,')}
${storage(1, 'partials', 'f32', 'read_write')}
${storage(2, 'x', 'f32', 'read')}
${workgroupReduce}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(workgroup_id) wid: vec3u,
        @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) li: u32) {
  var acc = 0.0;
  for (var i = gid.x; i < p.n; i += nwg.x * ${WG}u) { acc = fma(x[i], x[i], acc); }
  let total = wgSum(acc, li, 0u);
  if (li == 0u) { partials[wid.x] = total; }
}`,
};

/** Workgroups of `sumOfSquares`: enough to keep a GPU busy, few enough to download cheaply. */
export const SUM_PARTIALS = 256;
