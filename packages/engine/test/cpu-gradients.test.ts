import { describe, expect, it } from 'vitest';
import type { Tensor } from '../src/backends/backend.ts';
import { CpuBackend, type CpuTensor } from '../src/backends/cpu/cpu-backend.ts';

const be = new CpuBackend();
let seed = 12345;
function rand(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32 - 0.5;
}
function randT(n: number, s = 1): CpuTensor {
  const t = be.alloc(n) as CpuTensor;
  for (let i = 0; i < n; i++) t.data[i] = rand() * 2 * s;
  return t;
}
function ints(n: number, max: number): CpuTensor {
  const t = be.alloc(n, 'i32') as CpuTensor;
  for (let i = 0; i < n; i++) t.data[i] = Math.floor((rand() + 0.5) * max) % max;
  return t;
}
const data = (t: Tensor) => (t as CpuTensor).data as Float32Array;

/** Loss = Σ out · r for a fixed random r, so d loss / d out = r. */
function projected(out: Tensor, r: Float32Array): number {
  const o = data(out);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += o[i]! * r[i]!;
  return s;
}

/** Central differences on every element (or a sample of them) of `x`, compared to `grad`. */
function expectGradient(x: Tensor, grad: Float32Array, loss: () => number, h = 1e-2): void {
  const xs = data(x);
  const step = Math.max(1, Math.floor(xs.length / 64));
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i += step) {
    const old = xs[i]!;
    xs[i] = old + h;
    const up = loss();
    xs[i] = old - h;
    const down = loss();
    xs[i] = old;
    const fd = (up - down) / (2 * h);
    num += (fd - grad[i]!) ** 2;
    den += fd * fd + grad[i]! ** 2;
  }
  expect(den).toBeGreaterThan(0);
  expect(Math.sqrt(num / den)).toBeLessThan(2e-2);
}

describe('cpu backend backward kernels match finite differences', () => {
  it('matmul (shapes not multiples of the 4×4 tile)', () => {
    const [N, C, OC] = [7, 13, 10];
    const inp = randT(N * C);
    const w = randT(3 + OC * C);
    const out = be.alloc(N * OC);
    const r = data(randT(N * OC));
    const loss = () => {
      be.matmulForward(out, inp, w, 3, N, C, OC);
      return projected(out, r);
    };
    const dout = be.alloc(N * OC);
    be.upload(dout, r);
    const dinp = be.alloc(N * C);
    const dw = be.alloc(3 + OC * C);
    be.matmulBackward(dinp, dw, 3, dout, inp, w, 3, N, C, OC);
    expectGradient(inp, data(dinp), loss);
    expectGradient(w, data(dw), loss);
  });

  it('matmul forward equals the naive product', () => {
    const [N, C, OC] = [9, 33, 18];
    const inp = randT(N * C);
    const w = randT(OC * C);
    const out = be.alloc(N * OC);
    be.matmulForward(out, inp, w, 0, N, C, OC);
    for (let n = 0; n < N; n++)
      for (let o = 0; o < OC; o++) {
        let s = 0;
        for (let c = 0; c < C; c++) s += data(inp)[n * C + c]! * data(w)[o * C + c]!;
        expect(data(out)[n * OC + o]).toBeCloseTo(s, 4);
      }
  });

  it('bias (at a parameter offset)', () => {
    const [N, OC] = [7, 10];
    const x = randT(N * OC);
    const b = randT(3 + OC);
    const out = be.alloc(N * OC);
    const r = data(randT(N * OC));
    const loss = () => {
      be.copy(out, 0, x, 0, N * OC);
      be.biasForward(out, b, 3, N, OC);
      return projected(out, r);
    };
    loss();
    for (let i = 0; i < N * OC; i++)
      expect(data(out)[i]).toBe(Math.fround(data(x)[i]! + data(b)[3 + (i % OC)]!));
    const dout = be.alloc(N * OC);
    be.upload(dout, r);
    const db = be.alloc(3 + OC);
    be.biasBackward(db, 3, dout, N, OC);
    expect(Array.from(data(db).subarray(0, 3))).toEqual([0, 0, 0]);
    expectGradient(b, data(db), loss);
  });

  it('rmsnorm', () => {
    const [N, C] = [5, 12];
    const inp = randT(N * C);
    const w = randT(C + 2);
    const out = be.alloc(N * C);
    const rstd = be.alloc(N);
    const r = data(randT(N * C));
    const loss = () => {
      be.rmsnormForward(out, rstd, inp, w, 2, N, C, 1e-5);
      return projected(out, r);
    };
    loss();
    const dout = be.alloc(N * C);
    be.upload(dout, r);
    const dinp = be.alloc(N * C);
    const dw = be.alloc(C + 2);
    be.rmsnormBackward(dinp, dw, 2, dout, inp, w, 2, rstd, N, C);
    expectGradient(inp, data(dinp), loss);
    expectGradient(w, data(dw), loss);
  });

  it('encoder', () => {
    const [N, C, V] = [6, 8, 5];
    const tokens = ints(N, V);
    const wte = randT(V * C);
    const out = be.alloc(N * C);
    const r = data(randT(N * C));
    const loss = () => {
      be.encoderForward(out, tokens, wte, 0, N, C);
      return projected(out, r);
    };
    const dout = be.alloc(N * C);
    be.upload(dout, r);
    const dw = be.alloc(V * C);
    be.encoderBackward(dw, 0, dout, tokens, N, C);
    expectGradient(wte, data(dw), loss);
  });

  it('rope (forward preserves norms, backward is its inverse)', () => {
    const [B, T, H, D] = [2, 5, 3, 8];
    const inp = randT(B * T * H * D);
    const out = be.alloc(inp.length);
    const r = data(randT(inp.length));
    const loss = () => {
      be.ropeForward(out, inp, B, T, H, D, 3, { theta: 10000 });
      return projected(out, r);
    };
    const dout = be.alloc(inp.length);
    be.upload(dout, r);
    const dinp = be.alloc(inp.length);
    be.ropeBackward(dinp, dout, B, T, H, D, 3, { theta: 10000 });
    expectGradient(inp, data(dinp), loss);
  });

  it('attention with grouped KV heads', () => {
    const [B, T, NH, NKV, D] = [2, 5, 4, 2, 6];
    const q = randT(B * T * NH * D);
    const k = randT(B * T * NKV * D);
    const v = randT(B * T * NKV * D);
    const out = be.alloc(q.length);
    const att = be.alloc(B * NH * T * T);
    const r = data(randT(q.length));
    const loss = () => {
      be.attentionForward(out, att, q, k, v, B, T, T, T, NH, NKV, D);
      return projected(out, r);
    };
    loss();
    const dout = be.alloc(q.length);
    be.upload(dout, r);
    const [dq, dk, dv] = [be.alloc(q.length), be.alloc(k.length), be.alloc(v.length)];
    be.attentionBackward(dq, dk, dv, be.alloc(att.length), dout, q, k, v, att, B, T, NH, NKV, D);
    expectGradient(q, data(dq), loss);
    expectGradient(k, data(dk), loss);
    expectGradient(v, data(dv), loss);
  });

  it('attention over a KV cache equals the last rows of full attention', () => {
    const [B, T, NH, NKV, D, cap] = [1, 6, 2, 1, 4, 9];
    const q = randT(B * T * NH * D);
    const k = randT(B * T * NKV * D);
    const v = randT(B * T * NKV * D);
    const full = be.alloc(q.length);
    be.attentionForward(full, be.alloc(NH * T * T), q, k, v, B, T, T, T, NH, NKV, D);
    const kc = be.alloc(cap * NKV * D);
    const vc = be.alloc(cap * NKV * D);
    be.copy(kc, 0, k, 0, k.length);
    be.copy(vc, 0, v, 0, v.length);
    const qLast = be.alloc(NH * D);
    be.copy(qLast, 0, q, (T - 1) * NH * D, NH * D);
    const out = be.alloc(NH * D);
    be.attentionForward(out, be.alloc(NH * T), qLast, kc, vc, 1, 1, T, cap, NH, NKV, D);
    for (let i = 0; i < NH * D; i++) expect(data(out)[i]).toBeCloseTo(data(full)[(T - 1) * NH * D + i]!, 5);
  });

  it('swiglu', () => {
    const n = 20;
    const g = randT(n, 3);
    const u = randT(n);
    const out = be.alloc(n);
    const r = data(randT(n));
    const loss = () => {
      be.swigluForward(out, g, u, n);
      return projected(out, r);
    };
    const dout = be.alloc(n);
    be.upload(dout, r);
    const [dg, du] = [be.alloc(n), be.alloc(n)];
    be.swigluBackward(dg, du, dout, g, u, n);
    expectGradient(g, data(dg), loss);
    expectGradient(u, data(du), loss);
  });

  it('weighted cross-entropy', () => {
    const [N, V] = [4, 7];
    const logits = randT(N * V, 2);
    const targets = ints(N, V);
    const weights = be.alloc(N);
    be.upload(weights, new Float32Array([1, 0, 0.5, 2]));
    const losses = be.alloc(N);
    const probs = be.alloc(N * V);
    const loss = () => {
      be.crossEntropyForward(losses, probs, logits, targets, weights, N, V);
      return data(losses).reduce((a, b) => a + b, 0);
    };
    loss();
    expect(data(losses)[1]).toBe(0);
    const dl = be.alloc(N * V);
    be.crossEntropyBackward(dl, probs, targets, weights, 1, N, V);
    expectGradient(logits, data(dl), loss);
  });

  for (const beta of [1, 0, 0.3]) {
    it(`temperature-scaled KL, beta = ${beta}`, () => {
      const [N, V, T] = [3, 6, 2];
      const s = randT(N * V, 3);
      const t = randT(N * V, 3);
      const weights = be.alloc(N);
      be.upload(weights, new Float32Array([1, 0.5, 0]));
      const losses = be.alloc(N);
      const loss = () => {
        be.klDivForward(losses, s, t, weights, N, V, T, beta);
        return data(losses).reduce((a, b) => a + b, 0);
      };
      expect(loss()).toBeGreaterThan(0);
      const ds = be.alloc(N * V);
      be.klDivBackward(ds, s, t, weights, 1, N, V, T, beta);
      expectGradient(s, data(ds), loss);
      be.klDivForward(losses, s, s, weights, N, V, T, beta);
      expect(Math.abs(data(losses)[0]!)).toBeLessThan(1e-6);
    });
  }

  it('adamw moves parameters against the gradient and decays them', async () => {
    const p = be.alloc(4);
    be.upload(p, new Float32Array([1, 1, 1, 1]));
    const g = be.alloc(4);
    be.upload(g, new Float32Array([1, -1, 0, 0]));
    const [m, v] = [be.alloc(4), be.alloc(4)];
    be.adamwUpdate(p, g, m, v, 0, 3, {
      learningRate: 0.1,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.1,
      step: 1,
    });
    const out = (await be.download(p)) as Float32Array;
    expect(out[0]).toBeCloseTo(1 - 0.1 - 0.01, 5);
    expect(out[1]).toBeCloseTo(1 + 0.1 - 0.01, 5);
    expect(out[2]).toBeCloseTo(1 - 0.01, 5);
    expect(out[3]).toBe(1);
    expect(await be.sumOfSquares(g, 4)).toBe(2);
  });
});
