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

/**
 * Column-sum entry point, for reductions over the rows of a row-major [rows, cols] tensor: each
 * workgroup takes 64 adjacent columns (coalesced reads along a row) and splits the rows over 4 lanes
 * that are summed in shared memory. `term` is the addend of row `n` at column `c`; `store` writes
 * the column's `total`.
 */
export function perColumn(rows: string, cols: string, term: string, store: string): string {
  return `var<workgroup> part: array<f32, 256>;
@compute @workgroup_size(64, 4)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_id) lid: vec3u) {
  let chunks = (${cols} + 63u) / 64u;
  for (var chunk = wid.x; chunk < chunks; chunk += nwg.x) {
    let c = chunk * 64u + lid.x;
    var acc = 0.0;
    if (c < ${cols}) {
      for (var n = lid.y; n < ${rows}; n += 4u) { acc += ${term}; }
    }
    part[lid.y * 64u + lid.x] = acc;
    workgroupBarrier();
    if (lid.y == 0u && c < ${cols}) {
      let total = part[lid.x] + part[64u + lid.x] + part[128u + lid.x] + part[192u + lid.x];
      ${store}
    }
    workgroupBarrier();
  }
}`;
}

/** Workgroups of a `perColumn` dispatch over `cols` columns. */
export function columnGroups(cols: number): number {
  return Math.max(1, Math.min(Math.ceil(cols / 64), 65535));
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
