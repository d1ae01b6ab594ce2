/**
 * A compute kernel: one WGSL module with entry point `main`, compiled once per backend and cached by
 * `name` (variants such as in-place or accumulate have distinct names).
 *
 * Binding convention shared by every kernel and `WebGpuBackend.dispatch`: binding 0 is the uniform
 * `Params` struct (u32 fields first, then f32 fields, in the order the backend writes them), bindings
 * 1.. are storage buffers in the order they are passed, and the first `writes` of them are the
 * read_write outputs.
 */
export interface Kernel {
  readonly name: string;
  readonly code: string;
  /** Number of leading storage bindings that are written. */
  readonly writes: number;
}

/** A storage binding declaration, numbered from 1 (binding 0 is the uniform). */
export function storage(
  binding: number,
  name: string,
  type: 'f32' | 'i32' | 'u32',
  access: 'read' | 'read_write',
): string {
  return `@group(0) @binding(${binding}) var<storage, ${access}> ${name}: array<${type}>;`;
}

export function params(fields: string): string {
  return `struct Params { ${fields} }\n@group(0) @binding(0) var<uniform> p: Params;`;
}

/** Threads per workgroup of the 1-D kernels; the device is created with at least this limit. */
export const WG = 256;

/**
 * Grid-stride loop over `n` elements: dispatches are capped (see `elementwiseGroups`), so each thread
 * may handle several elements and no dispatch exceeds the 65535-workgroups-per-dimension limit.
 */
export function gridStride(n: string, body: string): string {
  return `@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let stride = nwg.x * ${WG}u;
  for (var i = gid.x; i < ${n}; i += stride) {
${body}
  }
}`;
}

/**
 * Workgroups for a grid-stride dispatch over n elements. 4096 × 256 threads saturate any current GPU,
 * so larger tensors loop rather than launching more groups.
 */
export function elementwiseGroups(n: number): number {
  return Math.max(1, Math.min(Math.ceil(n / WG), 4096));
}

/** Row kernels use one workgroup per row and loop over rows beyond the per-dimension limit. */
export function rowGroups(rows: number): number {
  return Math.max(1, Math.min(rows, 65535));
}
