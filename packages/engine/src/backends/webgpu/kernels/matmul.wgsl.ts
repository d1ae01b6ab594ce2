import { type Kernel, params, storage } from './kernel.ts';

/** Output tile per workgroup, reduction step, and the 16×16 threads that each own a 4×4 block. */
export const TILE_M = 64;
export const TILE_N = 64;
const TILE_K = 16;

/**
 * How each operand of C[M, N] (+)= A[M, K] · B[K, N] is stored:
 * - `n`: as written (A row-major [M, K], B row-major [K, N]);
 * - `t`: transposed (A stored [K, M], B stored [N, K]).
 * The linear layer needs three of them: forward `nt` (inp · Wᵀ), dinp `nn` (dout · W) and
 * dweight `tn` (doutᵀ · inp), so no operand is ever transposed in memory.
 */
export type Layout = 'nt' | 'nn' | 'tn';

/**
 * Each workgroup stages a 64×16 slice of A and a 16×64 slice of B in shared memory per K step, with the
 * thread→element mapping chosen per layout so that neighbouring threads read neighbouring addresses.
 * Each thread keeps 16 accumulators in registers; its rows and columns are strided by 16 so that the
 * shared-memory reads of a warp hit distinct banks. Out-of-range elements load as 0, so any M, N, K
 * works. Tiles are visited with a grid-stride loop in both dimensions to respect the dispatch limit.
 */
export function gemm(layout: Layout, accumulate: boolean): Kernel {
  const loadA =
    layout[0] === 'n'
      ? `let am = e / ${TILE_K}u; let ak = e % ${TILE_K}u; let gam = m0 + am; let gak = k0 + ak;
          var av = 0.0;
          if (gam < p.M && gak < p.K) { av = A[p.aOffset + gam * p.K + gak]; }`
      : `let am = e % ${TILE_M}u; let ak = e / ${TILE_M}u; let gam = m0 + am; let gak = k0 + ak;
          var av = 0.0;
          if (gam < p.M && gak < p.K) { av = A[p.aOffset + gak * p.M + gam]; }`;
  const loadB =
    layout[1] === 'n'
      ? `let bn = e % ${TILE_N}u; let bk = e / ${TILE_N}u; let gbn = n0 + bn; let gbk = k0 + bk;
          var bv = 0.0;
          if (gbn < p.N && gbk < p.K) { bv = B[p.bOffset + gbk * p.N + gbn]; }`
      : `let bn = e / ${TILE_K}u; let bk = e % ${TILE_K}u; let gbn = n0 + bn; let gbk = k0 + bk;
          var bv = 0.0;
          if (gbn < p.N && gbk < p.K) { bv = B[p.bOffset + gbn * p.K + gbk]; }`;
  const store = accumulate ? 'Cm[idx] += acc[i * 4u + j];' : 'Cm[idx] = acc[i * 4u + j];';
  return {
    name: `gemm_${layout}${accumulate ? '_acc' : ''}`,
    writes: 1,
    code: `${params('M: u32, N: u32, K: u32, aOffset: u32, bOffset: u32, cOffset: u32,')}
${storage(1, 'Cm', 'f32', 'read_write')}
${storage(2, 'A', 'f32', 'read')}
${storage(3, 'B', 'f32', 'read')}
var<workgroup> As: array<f32, ${TILE_K * TILE_M}>; // [k][m]
var<workgroup> Bs: array<f32, ${TILE_K * TILE_N}>; // [k][n]

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) li: u32) {
  let tilesM = (p.M + ${TILE_M - 1}u) / ${TILE_M}u;
  let tilesN = (p.N + ${TILE_N - 1}u) / ${TILE_N}u;
  for (var tm = wid.y; tm < tilesM; tm += nwg.y) {
    for (var tn = wid.x; tn < tilesN; tn += nwg.x) {
      let m0 = tm * ${TILE_M}u;
      let n0 = tn * ${TILE_N}u;
      var acc: array<f32, 16>;
      for (var k0 = 0u; k0 < p.K; k0 += ${TILE_K}u) {
        for (var r = 0u; r < 4u; r++) {
          let e = li + r * 256u;
          ${loadA}
          As[ak * ${TILE_M}u + am] = av;
          ${loadB}
          Bs[bk * ${TILE_N}u + bn] = bv;
        }
        workgroupBarrier();
        for (var kk = 0u; kk < ${TILE_K}u; kk++) {
          var a: array<f32, 4>;
          var b: array<f32, 4>;
          for (var i = 0u; i < 4u; i++) { a[i] = As[kk * ${TILE_M}u + lid.y + i * 16u]; }
          for (var j = 0u; j < 4u; j++) { b[j] = Bs[kk * ${TILE_N}u + lid.x + j * 16u]; }
          for (var i = 0u; i < 4u; i++) {
            for (var j = 0u; j < 4u; j++) { acc[i * 4u + j] = fma(a[i], b[j], acc[i * 4u + j]); }
          }
        }
        workgroupBarrier();
      }
      for (var i = 0u; i < 4u; i++) {
        let gm = m0 + lid.y + i * 16u;
        for (var j = 0u; j < 4u; j++) {
          let gn = n0 + lid.x + j * 16u;
          if (gm < p.M && gn < p.N) {
            let idx = p.cOffset + gm * p.N + gn;
            ${store}
          }
        }
      }
    }
  }
}`,
  };
}
