/**
 * The WebAssembly kernels against the TypeScript oracle (`CpuBackend`) on random inputs, on shapes
 * that are not multiples of the 4 × 8 micro-kernel, of 4 SIMD lanes or of a thread's share, with one
 * thread and with three. Tolerance per element: |wasm − ts| ≤ 1e-5 + 1e-5 · scale, where scale is the
 * length of the sum behind the element (matmul) or 1 (f32 instead of f64 arithmetic, fused
 * multiply-adds, a polynomial exp). No kernel's result may depend on the number of threads: each
 * output is computed by one thread in one order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LlamaModel } from '../../model/model.ts';
import { Rng } from '../../util/rng.ts';
import type { Tensor } from '../backend.ts';
import { CpuBackend } from './cpu-backend.ts';
import { WasmCpuBackend } from './wasm-cpu-backend.ts';

const oracle = new CpuBackend();
const one = WasmCpuBackend.create({ threads: 1 })!;
const three = WasmCpuBackend.create({ threads: 3 })!;
if (!one || !three) throw new Error('this Node has no WebAssembly SIMD with shared memory');
afterAll(() => {
  one.destroy();
  three.destroy();
});

let seed = 0x9e3779b9;
function randn(n: number): Float32Array {
  return Float32Array.from({ length: n }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed / 2 ** 32) * 2 - 1;
  });
}

function load(be: CpuBackend, data: Float32Array): Tensor {
  const t = be.alloc(data.length);
  be.upload(t, data);
  return t;
}

async function read(be: CpuBackend, t: Tensor): Promise<Float32Array> {
  return (await be.download(t)) as Float32Array;
}

function expectClose(got: Float32Array, want: Float32Array, scale: number, what = 'output'): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const tolerance = 1e-5 + 1e-5 * scale;
    if (!(Math.abs(got[i]! - want[i]!) <= tolerance))
      expect.fail(`${what}[${i}] of ${want.length}: wasm ${got[i]} vs typescript ${want[i]} (±${tolerance})`);
  }
}

// [N, C, OC]: sizes around the 4-row and 8-column tiles, fewer rows than a tile (the matrix-vector
// path of a decode step), one that splits unevenly over three threads, and some past the size from
// which a product is shared between threads.
const shapes = [
  [1, 1, 1],
  [1, 515, 1030],
  [2, 37, 19],
  [3, 64, 130],
  [5, 3, 9],
  [13, 17, 23],
  [64, 33, 40],
  [67, 129, 71],
  [96, 160, 200],
] as const;

describe('WasmCpuBackend matmul', () => {
  for (const [N, C, OC] of shapes) {
    it(`forward and backward at N=${N} C=${C} OC=${OC} match the TypeScript oracle`, async () => {
      const offset = 7;
      const x = randn(N * C);
      const w = randn(offset + OC * C);
      const dy = randn(N * OC);
      const dx0 = randn(N * C);
      const dw0 = randn(offset + OC * C);
      const results = [];
      for (const be of [oracle, one, three]) {
        const [inp, weight, dout] = [load(be, x), load(be, w), load(be, dy)];
        const [dinp, dweight] = [load(be, dx0), load(be, dw0)];
        const out = be.alloc(N * OC);
        be.matmulForward(out, inp, weight, offset, N, C, OC);
        be.matmulBackward(dinp, dweight, offset, dout, inp, weight, offset, N, C, OC);
        results.push({
          out: await read(be, out),
          dinp: await read(be, dinp),
          dweight: await read(be, dweight),
        });
        for (const t of [inp, weight, dout, dinp, dweight, out]) be.free(t);
      }
      const [want, single, threaded] = results as [
        (typeof results)[0],
        (typeof results)[0],
        (typeof results)[0],
      ];
      expectClose(single.out, want.out, C);
      expectClose(single.dinp, want.dinp, OC);
      expectClose(single.dweight, want.dweight, N);
      expect(threaded.out).toEqual(single.out);
      expect(threaded.dinp).toEqual(single.dinp);
      expect(threaded.dweight).toEqual(single.dweight);
    });
  }

  it('backward without an input gradient leaves only the weight gradient changed', async () => {
    const [N, C, OC] = [9, 12, 10];
    const [x, w, dy] = [randn(N * C), randn(OC * C), randn(N * OC)];
    const grads = [];
    for (const be of [oracle, three]) {
      const dweight = be.alloc(OC * C);
      be.matmulBackward(null, dweight, 0, load(be, dy), load(be, x), load(be, w), 0, N, C, OC);
      grads.push(await read(be, dweight));
    }
    expectClose(grads[1]!, grads[0]!, N);
  });
});

/**
 * Runs `call` on the oracle and on both WebAssembly backends with the same inputs (random f32, or the
 * given i32 arrays), and checks the named outputs: close to the oracle, and equal between 1 and 3
 * threads. Outputs start as random data too, so a kernel that should overwrite them must.
 */
async function compare(
  inputs: Record<string, number | Float32Array | Int32Array>,
  outputs: string[],
  call: (be: CpuBackend, t: Record<string, Tensor>) => void | Promise<unknown>,
  scale = 1,
): Promise<void> {
  const data = Object.fromEntries(
    Object.entries(inputs).map(([name, x]) => [name, typeof x === 'number' ? randn(x) : x]),
  );
  const results = [];
  for (const be of [oracle, one, three]) {
    const tensors = Object.fromEntries(
      Object.entries(data).map(([name, x]) => {
        const t = be.alloc(x.length, x instanceof Int32Array ? 'i32' : 'f32');
        be.upload(t, x);
        return [name, t];
      }),
    );
    const returned = await call(be, tensors);
    results.push({
      returned,
      ...Object.fromEntries(await Promise.all(outputs.map(async (o) => [o, await read(be, tensors[o]!)]))),
    });
    for (const t of Object.values(tensors)) be.free(t);
  }
  const [want, single, threaded] = results as Record<string, Float32Array>[];
  for (const o of outputs) {
    expectClose(single![o]!, want![o]!, scale, o);
    expect(threaded![o], `${o} with 3 threads`).toEqual(single![o]);
  }
  if (typeof want!.returned === 'number') {
    expect(Math.abs(Number(single!.returned) - Number(want!.returned))).toBeLessThan(
      1e-9 * Number(want!.returned),
    );
    expect(threaded!.returned).toBe(single!.returned);
  }
}

describe('WasmCpuBackend attention', () => {
  // [B, T, NH, NKV, D]: grouped KV heads, a head size that is not a multiple of 4, one query head.
  for (const [B, T, NH, NKV, D] of [
    [2, 7, 4, 2, 8],
    [1, 13, 3, 3, 5],
    [3, 33, 6, 2, 16],
    [1, 5, 1, 1, 4],
  ] as const) {
    it(`forward and backward at B=${B} T=${T} NH=${NH} NKV=${NKV} D=${D}`, async () => {
      const [q, kv, att] = [B * T * NH * D, B * T * NKV * D, B * NH * T * T];
      await compare({ out: q, att, q, k: kv, v: kv }, ['out', 'att'], (be, t) =>
        be.attentionForward(t.out!, t.att!, t.q!, t.k!, t.v!, B, T, T, T, NH, NKV, D),
      );
      const probs = new Float32Array(att);
      const scratch = oracle.alloc(q);
      const attTensor = oracle.alloc(att);
      const [qt, kt, vt] = [randn(q), randn(kv), randn(kv)].map((x) => load(oracle, x));
      oracle.attentionForward(scratch, attTensor, qt!, kt!, vt!, B, T, T, T, NH, NKV, D);
      probs.set(await read(oracle, attTensor));
      await compare(
        { dq: q, dk: kv, dv: kv, datt: new Float32Array(att), dout: q, q, k: kv, v: kv, att: probs },
        ['dq', 'dk', 'dv', 'datt'],
        (be, t) =>
          be.attentionBackward(
            t.dq!,
            t.dk!,
            t.dv!,
            t.datt!,
            t.dout!,
            t.q!,
            t.k!,
            t.v!,
            t.att!,
            B,
            T,
            NH,
            NKV,
            D,
          ),
        T,
      );
    });
  }

  it('forward for queries after a KV cache (Tq < Tk ≤ Tcap)', async () => {
    const [B, Tq, Tk, Tcap, NH, NKV, D] = [2, 3, 9, 12, 4, 2, 12];
    await compare(
      {
        out: B * Tq * NH * D,
        att: B * NH * Tq * Tk,
        q: B * Tq * NH * D,
        k: B * Tcap * NKV * D,
        v: B * Tcap * NKV * D,
      },
      ['out', 'att'],
      (be, t) => be.attentionForward(t.out!, t.att!, t.q!, t.k!, t.v!, B, Tq, Tk, Tcap, NH, NKV, D),
    );
  });
});

describe('WasmCpuBackend elementwise and loss kernels', () => {
  it('SwiGLU forward and backward', async () => {
    const n = 4099;
    await compare({ out: n, gate: n, up: n }, ['out'], (be, t) =>
      be.swigluForward(t.out!, t.gate!, t.up!, n),
    );
    await compare({ dgate: n, dup: n, dout: n, gate: n, up: n }, ['dgate', 'dup'], (be, t) =>
      be.swigluBackward(t.dgate!, t.dup!, t.dout!, t.gate!, t.up!, n),
    );
  });

  it('cross-entropy forward and backward, with a zero weight', async () => {
    const [N, V] = [37, 203];
    const targets = Int32Array.from({ length: N }, (_, i) => (i * 7919) % V);
    const weights = Float32Array.from({ length: N }, (_, i) => (i % 5 === 0 ? 0 : 1 + (i % 3)));
    const logits = randn(N * V).map((x) => x * 8);
    await compare({ losses: N, probs: N * V, logits, targets, weights }, ['losses', 'probs'], (be, t) =>
      be.crossEntropyForward(t.losses!, t.probs!, t.logits!, t.targets!, t.weights!, N, V),
    );
    const probs = logits.map((x) => Math.exp(x) / 1000);
    await compare({ dlogits: N * V, probs, targets, weights }, ['dlogits'], (be, t) =>
      be.crossEntropyBackward(t.dlogits!, t.probs!, t.targets!, t.weights!, 0.37, N, V),
    );
  });

  it('AdamW over part of the parameters', async () => {
    const n = 70_001;
    const v = randn(n).map((x) => x * x);
    const hp = { learningRate: 3e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, step: 7 };
    await compare({ params: n, grads: n, m: n, v }, ['params', 'm', 'v'], (be, t) =>
      be.adamwUpdate(t.params!, t.grads!, t.m!, t.v!, 5, n - 9, hp),
    );
  });

  it('scale and the sum of squares (in an order that does not depend on the threads)', async () => {
    const n = 200_003;
    await compare({ x: n }, ['x'], (be, t) => be.scale(t.x!, -0.3, n - 2));
    await compare({ x: n }, [], (be, t) => be.sumOfSquares(t.x!, n - 1));
  });
});

describe('WasmCpuBackend whole model', () => {
  it('trains to the same weights on 1 and 3 threads, close to the TypeScript oracle', async () => {
    const config = {
      vocabSize: 97,
      dim: 24,
      nLayers: 2,
      nHeads: 6,
      nKvHeads: 2,
      hiddenDim: 44,
      maxSeqLen: 32,
      ropeTheta: 10000,
      normEps: 1e-5,
      tieEmbeddings: true,
    };
    const [B, T] = [3, 13];
    const rng = new Rng(5);
    const tokens = Int32Array.from({ length: B * T }, () => rng.int(config.vocabSize));
    const batch = {
      B,
      T,
      tokens,
      targets: tokens.map((x) => (x * 7 + 3) % config.vocabSize),
      weights: Float32Array.from({ length: B * T }, (_, i) => (i % 5 === 0 ? 0 : 1)),
    };
    const objective = { kdWeight: 0, kdTemperature: 1, bondBeta: 1, bondGamma: 0 };
    const optimizer = {
      learningRate: 3e-3,
      weightDecay: 0.1,
      beta1: 0.9,
      beta2: 0.95,
      eps: 1e-8,
      gradClip: 1,
    };
    const trained = [];
    for (const be of [oracle, one, three]) {
      const model = new LlamaModel(be, config);
      model.initialize(new Rng(9));
      const losses = [];
      for (let step = 0; step < 5; step++) {
        losses.push((await model.forwardBackward(batch, objective)).loss);
        await model.optimizerStep(optimizer);
      }
      trained.push({ losses, weights: await model.getWeights() });
      model.destroy();
    }
    const [want, single, threaded] = trained as [
      (typeof trained)[0],
      (typeof trained)[0],
      (typeof trained)[0],
    ];
    expect(threaded.weights).toEqual(single.weights);
    expect(threaded.losses).toEqual(single.losses);
    expect(single.losses[4]!).toBeLessThan(single.losses[0]!);
    for (const [i, loss] of single.losses.entries())
      expect(Math.abs(loss - want.losses[i]!)).toBeLessThan(1e-4);
    expectClose(single.weights, want.weights, 10, 'weights');
  });
});

describe('WasmCpuBackend memory', () => {
  it('refuses work after destroy instead of waiting on stopped threads', () => {
    const be = WasmCpuBackend.create({ threads: 2 })!;
    const t = be.alloc(8);
    be.destroy();
    expect(() => be.scale(t, 2, 8)).toThrow(/used after destroy/);
  });

  it('keeps tensors in the shared memory and reuses what is freed', () => {
    const a = three.alloc(1000);
    const b = three.alloc(10, 'i32');
    three.free(a);
    const c = three.alloc(500);
    expect(c).not.toBe(a);
    three.upload(c, new Float32Array(500).fill(2));
    three.upload(b, new Int32Array(10).fill(-1));
    three.free(b);
    three.free(c);
    three.free(c);
  });

  it('runs every other layer through the TypeScript kernels on the same views', async () => {
    const [N, C] = [6, 10];
    const x = randn(N * C);
    const w = randn(C);
    const outs = [];
    for (const be of [oracle, three]) {
      const out = be.alloc(N * C);
      be.rmsnormForward(out, be.alloc(N), load(be, x), load(be, w), 0, N, C, 1e-5);
      outs.push(await read(be, out));
    }
    expect(outs[1]).toEqual(outs[0]);
  });
});
