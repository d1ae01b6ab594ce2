/**
 * Every WebGPU kernel against the CPU backend (the oracle) on random inputs. On a machine without a GPU
 * this runs the real WGSL through Dawn's OpenGL backend on Mesa's llvmpipe (~1 GFLOP/s), so shapes are
 * small, but they include sizes that are not multiples of the 64×64 matmul tile or of the 256-thread
 * workgroup, and sizes that make the grid-stride loops take more than one trip.
 *
 * Tolerance: |gpu - cpu| ≤ abs + rel · |cpu| per element, with rel = 1e-4 and abs = 1e-5 unless a test
 * states otherwise (f32 sums in a different order, and WGSL exp/log vs the CPU's double precision).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend, Tensor } from '../backend.ts';
import { CpuBackend } from '../cpu/cpu-backend.ts';
import { createWebGpuBackend } from './select.ts';
import type { WebGpuBackend } from './webgpu-backend.ts';

const REL = 1e-4;
const ABS = 1e-5;

let gpu: WebGpuBackend | null = null;
let unavailable = '';
try {
  gpu = await createWebGpuBackend({ allowSoftwareAdapter: true });
} catch (error) {
  unavailable = (error as Error).message;
}
if (!gpu) {
  // CI installs Mesa (llvmpipe), so a missing adapter there is a broken environment, not a skip.
  if (process.env.CI) throw new Error(`WebGPU kernel tests cannot run in CI: ${unavailable}`);
  console.warn(`Skipping the WebGPU kernel tests: ${unavailable}`);
}

const cpu = new CpuBackend();

let seed = 0x2545f491;
function rand(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
function randn(n: number, s = 1): Float32Array {
  return Float32Array.from({ length: n }, () => (rand() * 2 - 1) * s);
}
function ints(n: number, max: number): Int32Array {
  return Int32Array.from({ length: n }, () => Math.floor(rand() * max));
}

/** The same tensor on both backends. */
interface Pair {
  g: Tensor;
  c: Tensor;
}
function pair(data: Float32Array | Int32Array): Pair {
  const dtype = data instanceof Int32Array ? 'i32' : 'f32';
  const p = { g: gpu!.alloc(data.length, dtype), c: cpu.alloc(data.length, dtype) };
  gpu!.upload(p.g, data);
  cpu.upload(p.c, data);
  return p;
}
const random = (n: number, s = 1) => pair(randn(n, s));

/** Runs the same call on both backends; `f` picks each pair's tensor for the backend it is given. */
function both(f: (be: Backend, t: (p: Pair) => Tensor) => void): void {
  f(gpu!, (p) => p.g);
  f(cpu, (p) => p.c);
}

async function expectClose(p: Pair, rel = REL, abs = ABS): Promise<void> {
  const [g, c] = await Promise.all([gpu!.download(p.g), cpu.download(p.c)]);
  expect(g.length).toBe(c.length);
  let worst = -1;
  let excess = 0;
  for (let i = 0; i < c.length; i++) {
    const over = Math.abs(g[i]! - c[i]!) - (abs + rel * Math.abs(c[i]!));
    if (!(over <= excess)) {
      excess = Number.isNaN(over) ? Number.POSITIVE_INFINITY : over;
      worst = i;
    }
  }
  if (worst >= 0)
    expect.fail(
      `element ${worst} of ${c.length}: webgpu ${g[worst]} vs cpu ${c[worst]} (rel ${rel}, abs ${abs})`,
    );
}

describe.skipIf(!gpu)('webgpu backend matches the cpu backend', () => {
  afterAll(() => gpu?.destroy());

  it('uploads, downloads, zeroes and copies with element offsets', async () => {
    const a = random(37);
    const b = random(37);
    both((be, t) => {
      be.upload(t(a), new Float32Array([1, 2, 3]), 5);
      be.zero(t(a), 10, 4);
      be.copy(t(b), 1, t(a), 3, 20);
      be.copy(t(b), 30, t(b), 0, 7); // same tensor, disjoint ranges
    });
    await expectClose(a, 0, 0);
    await expectClose(b, 0, 0);
    expect(Array.from(await gpu!.download(a.g, 5, 3))).toEqual([1, 2, 3]);
    const tokens = pair(ints(9, 1000));
    await expectClose(tokens, 0, 0);
  });

  it('elementwise: residual (also in place), accumulate, scale', async () => {
    // 1.1 M elements make the grid-stride loop (4096 groups × 256 threads) go round twice.
    for (const n of [1, 300, 1_100_003]) {
      const [a, b, out, acc] = [random(n), random(n), random(n), random(n)];
      both((be, t) => {
        be.residualForward(t(out), t(a), t(b), n);
        be.accumulate(t(acc), t(out), n);
        be.residualForward(t(a), t(a), t(b), n);
        be.scale(t(b), -0.37, n - 1);
      });
      for (const p of [out, acc, a, b]) await expectClose(p);
    }
  });

  it('swiglu forward and backward', async () => {
    for (const n of [5, 1000]) {
      const gate = random(n, 6);
      const up = random(n);
      const dout = random(n);
      const [out, dgate, dup] = [random(n), random(n), random(n)];
      both((be, t) => {
        be.swigluForward(t(out), t(gate), t(up), n);
        be.swigluBackward(t(dgate), t(dup), t(dout), t(gate), t(up), n);
      });
      for (const p of [out, dgate, dup]) await expectClose(p);
    }
  });

  it('encoder forward and backward (repeated tokens, parameter offset)', async () => {
    const [N, C, V, off] = [40, 19, 7, 5];
    const tokens = pair(ints(N, V));
    const wte = random(off + V * C);
    const out = random(N * C);
    const dout = random(N * C);
    const dwte = random(off + V * C); // non-zero: the backward accumulates
    both((be, t) => {
      be.encoderForward(t(out), t(tokens), t(wte), off, N, C);
      be.encoderBackward(t(dwte), off, t(dout), t(tokens), N, C);
    });
    await expectClose(out, 0, 0);
    await expectClose(dwte);
  });

  it('matmul forward and backward on shapes that are not multiples of the 64×64 tile', async () => {
    for (const [N, C, OC] of [
      [1, 1, 1],
      [7, 13, 10],
      [64, 64, 64],
      [65, 130, 67],
      [130, 33, 17],
    ] as const) {
      const off = 3;
      const inp = random(N * C);
      const w = random(off + OC * C);
      const dout = random(N * OC);
      const out = random(N * OC);
      const dinp = random(N * C); // non-zero: the backward accumulates
      const dw = random(off + OC * C);
      const dw2 = random(OC * C);
      both((be, t) => {
        be.matmulForward(t(out), t(inp), t(w), off, N, C, OC);
        be.matmulBackward(t(dinp), t(dw), off, t(dout), t(inp), t(w), off, N, C, OC);
        be.matmulBackward(null, t(dw2), 0, t(dout), t(inp), t(w), off, N, C, OC);
      });
      for (const p of [out, dinp, dw, dw2]) await expectClose(p);
    }
  });

  it('bias forward and backward (columns that are not a multiple of the 64-column group)', async () => {
    for (const [N, OC] of [
      [1, 1],
      [7, 10],
      [130, 67],
      [5, 300],
    ] as const) {
      const off = 3;
      const bias = random(off + OC);
      const out = random(N * OC); // non-zero: the forward adds to the matmul's output
      const dout = random(N * OC);
      const dbias = random(off + OC); // non-zero: the backward accumulates
      both((be, t) => {
        be.biasForward(t(out), t(bias), off, N, OC);
        be.biasBackward(t(dbias), off, t(dout), N, OC);
      });
      for (const p of [out, dbias]) await expectClose(p);
    }
  });

  it('rmsnorm forward and backward', async () => {
    for (const [N, C] of [
      [1, 1],
      [5, 7],
      [3, 300],
      [33, 70],
    ] as const) {
      const off = 2;
      const inp = random(N * C, 3);
      const w = random(off + C);
      const dout = random(N * C);
      const [out, rstd] = [random(N * C), random(N)];
      const [dinp, dw] = [random(N * C), random(off + C)];
      both((be, t) => {
        be.rmsnormForward(t(out), t(rstd), t(inp), t(w), off, N, C, 1e-5);
        be.rmsnormBackward(t(dinp), t(dw), off, t(dout), t(inp), t(w), off, t(rstd), N, C);
      });
      for (const p of [out, rstd, dinp, dw]) await expectClose(p);
    }
  });

  it('row kernels loop over more rows than the 65535-workgroup dispatch limit', async () => {
    const [N, C] = [65_600, 2];
    const inp = random(N * C);
    const w = random(C);
    const [out, rstd] = [random(N * C), random(N)];
    both((be, t) => be.rmsnormForward(t(out), t(rstd), t(inp), t(w), 0, N, C, 1e-6));
    await expectClose(out);
    await expectClose(rstd);
  });

  it('rope forward and backward, out of place and in place, with a position offset and llama3 scaling', async () => {
    const plain = { theta: 10000 };
    const llama3 = {
      theta: 500000,
      scaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositions: 64 },
    } as const;
    for (const [B, T, H, D, pos] of [
      [1, 1, 1, 2, 0],
      [2, 5, 3, 8, 0],
      [1, 4, 2, 6, 300],
    ] as const) {
      const n = B * T * H * D;
      const inp = random(n);
      const [out, back, inPlace] = [random(n), random(n), random(n)];
      both((be, t) => {
        be.ropeForward(t(out), t(inp), B, T, H, D, pos, plain);
        be.ropeBackward(t(back), t(out), B, T, H, D, pos, plain);
        be.copy(t(inPlace), 0, t(inp), 0, n);
        be.ropeForward(t(inPlace), t(inPlace), B, T, H, D, pos, llama3);
        be.ropeBackward(t(inPlace), t(inPlace), B, T, H, D, pos, llama3);
      });
      for (const p of [out, back, inPlace]) await expectClose(p);
    }
  });

  it('attention forward and backward (grouped KV heads, training shape)', async () => {
    for (const [B, T, NH, NKV, D] of [
      [1, 1, 1, 1, 1],
      [2, 7, 4, 2, 8],
      [1, 19, 3, 1, 5],
    ] as const) {
      const q = random(B * T * NH * D);
      const k = random(B * T * NKV * D);
      const v = random(B * T * NKV * D);
      const dout = random(B * T * NH * D);
      const [out, att] = [random(B * T * NH * D), random(B * NH * T * T)];
      const [dq, dk, dv, datt] = [
        random(q.c.length),
        random(k.c.length),
        random(v.c.length),
        random(att.c.length),
      ];
      both((be, t) => {
        be.attentionForward(t(out), t(att), t(q), t(k), t(v), B, T, T, T, NH, NKV, D);
        be.attentionBackward(
          t(dq),
          t(dk),
          t(dv),
          t(datt),
          t(dout),
          t(q),
          t(k),
          t(v),
          t(att),
          B,
          T,
          NH,
          NKV,
          D,
        );
      });
      for (const p of [out, att, dq, dk, dv]) await expectClose(p);
    }
  });

  it('attention forward over a KV cache (Tq < Tk < Tcap)', async () => {
    const [B, Tq, Tk, Tcap, NH, NKV, D] = [2, 3, 10, 16, 4, 2, 6];
    const q = random(B * Tq * NH * D);
    const k = random(B * Tcap * NKV * D);
    const v = random(B * Tcap * NKV * D);
    const [out, att] = [random(B * Tq * NH * D), random(B * NH * Tq * Tk)];
    both((be, t) => be.attentionForward(t(out), t(att), t(q), t(k), t(v), B, Tq, Tk, Tcap, NH, NKV, D));
    await expectClose(out);
    await expectClose(att);
  });

  it('rope at a position per row, out of place and in place, with llama3 scaling', async () => {
    const llama3 = {
      theta: 500000,
      scaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositions: 64 },
    } as const;
    for (const [N, H, D, Tcap] of [
      [1, 1, 2, 1],
      [7, 3, 8, 40],
      [300, 2, 6, 700],
    ] as const) {
      const n = N * H * D;
      const positions = pair(ints(N, Tcap));
      const inp = random(n);
      const [out, inPlace] = [random(n), random(n)];
      both((be, t) => {
        be.ropeForwardAt(t(out), t(inp), t(positions), N, H, D, Tcap, { theta: 10000 });
        be.copy(t(inPlace), 0, t(inp), 0, n);
        be.ropeForwardAt(t(inPlace), t(inPlace), t(positions), N, H, D, Tcap, llama3);
      });
      await expectClose(out);
      await expectClose(inPlace);
    }
  });

  it('KV cache writes and decode attention of rows in their own slots at their own positions', async () => {
    const [S, Tcap, NH, NKV, D] = [3, 20, 4, 2, 6];
    const C = NKV * D;
    // Rows of different slots at different positions, one slot's prompt as a run of rows, and a
    // long row past the 256 threads of a workgroup.
    for (const [slots, positions, cap] of [
      [[1], [0], Tcap],
      [[2, 0, 2, 2, 1], [7, 0, 0, 1, 19], Tcap],
      [[0, 1], [299, 4], 300],
    ] as const) {
      const N = slots.length;
      const s = pair(Int32Array.from(slots));
      const p = pair(Int32Array.from(positions));
      const [kCache, vCache] = [random(S * cap * C), random(S * cap * C)];
      const [k, v, q] = [random(N * C), random(N * C), random(N * NH * D)];
      const [out, att] = [random(N * NH * D), random(N * NH * cap)];
      both((be, t) => {
        be.kvCacheWrite(t(kCache), t(vCache), t(k), t(v), t(s), t(p), N, C, cap);
        be.attentionDecode(t(out), t(att), t(q), t(kCache), t(vCache), t(s), t(p), N, cap, NH, NKV, D);
      });
      for (const x of [kCache, vCache, out]) await expectClose(x);
    }
  });

  it('softmax cross-entropy forward and backward with masked positions', async () => {
    for (const [N, V] of [
      [1, 1],
      [6, 5],
      [9, 700],
    ] as const) {
      const logits = random(N * V, 8);
      const targets = pair(ints(N, V));
      const weights = pair(Float32Array.from({ length: N }, (_, i) => (i % 3 === 1 ? 0 : 0.5 + rand())));
      const [losses, probs, dlogits] = [random(N), random(N * V), random(N * V)];
      both((be, t) => {
        be.crossEntropyForward(t(losses), t(probs), t(logits), t(targets), t(weights), N, V);
        be.crossEntropyBackward(t(dlogits), t(probs), t(targets), t(weights), 0.25, N, V);
      });
      for (const p of [losses, probs, dlogits]) await expectClose(p);
    }
  });

  it('KL distillation forward and backward for several temperatures and BOND betas', async () => {
    for (const [N, V, T, beta] of [
      [4, 3, 1, 1],
      [5, 300, 2, 0],
      [7, 41, 0.7, 0.3],
    ] as const) {
      const student = random(N * V, 4);
      const teacher = random(N * V, 4);
      const weights = pair(Float32Array.from({ length: N }, (_, i) => (i === 1 ? 0 : 0.5 + rand())));
      const [losses, dstudent] = [random(N), random(N * V)];
      both((be, t) => {
        be.klDivForward(t(losses), t(student), t(teacher), t(weights), N, V, T, beta);
        be.klDivBackward(t(dstudent), t(student), t(teacher), t(weights), 0.5, N, V, T, beta);
      });
      // The losses are differences of nearly equal terms, hence the looser absolute tolerance.
      await expectClose(losses, 1e-4, 1e-4);
      await expectClose(dstudent);
    }
  });

  it('AdamW over a parameter group at an offset, several steps', async () => {
    const n = 1000;
    const [params, grads, m, v] = [random(n), random(n), random(n, 0.1), pair(randn(n, 0.1).map(Math.abs))];
    const hp = { learningRate: 1e-2, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, step: 1 };
    for (let step = 1; step <= 3; step++) {
      both((be, t) => be.adamwUpdate(t(params), t(grads), t(m), t(v), 13, 900, { ...hp, step }));
    }
    for (const p of [params, m, v]) await expectClose(p);
  });

  it('sum of squares', async () => {
    for (const n of [1, 999, 300_001]) {
      const x = random(n + 5);
      const [g, c] = [await gpu!.sumOfSquares(x.g, n), await cpu.sumOfSquares(x.c, n)];
      expect(Math.abs(g - c)).toBeLessThanOrEqual(1e-5 * c);
    }
  });

  it('keeps call order across uploads, and across more dispatches than one uniform arena holds', async () => {
    const n = 33;
    const [x, y] = [random(n), random(n)];
    const fresh = randn(n);
    both((be, t) => {
      be.accumulate(t(x), t(y), n);
      be.upload(t(y), fresh); // must land after the accumulate above, before the one below
      be.accumulate(t(x), t(y), n);
      // 1500 dispatches exceed the 1024 uniform slots per submit; every one needs its own factor.
      for (let i = 0; i < 1500; i++) be.scale(t(y), i % 2 === 0 ? 1.001 : 0.9995, n);
    });
    await expectClose(x);
    await expectClose(y);
  });

  it('rejects an output that aliases an input, and tensors of another backend', () => {
    const a = gpu!.alloc(4);
    expect(() => gpu!.accumulate(a, a, 4)).toThrow(/accumulate: an output tensor/);
    expect(() => gpu!.scale(cpu.alloc(4), 2, 4)).toThrow(/not allocated by this backend/);
    gpu!.free(a);
    expect(() => gpu!.scale(a, 2, 4)).toThrow(/after free/);
  });
});
