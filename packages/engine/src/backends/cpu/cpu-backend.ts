import type { AdamWParams, Backend, DType, Tensor } from '../backend.ts';
import { type Rope, ropeInverseFrequencies } from '../rope.ts';
import { gemmABt, transpose } from './gemm.ts';

/** A CPU tensor is a plain typed array; the backend is synchronous and `download` copies. */
export class CpuTensor implements Tensor {
  readonly dtype: DType;
  readonly length: number;
  readonly data: Float32Array | Int32Array;

  constructor(length: number, dtype: DType, data?: Float32Array | Int32Array) {
    this.dtype = dtype;
    this.length = length;
    this.data = data ?? (dtype === 'f32' ? new Float32Array(length) : new Int32Array(length));
  }
}

function f32(t: Tensor): Float32Array {
  if (!(t instanceof CpuTensor) || t.dtype !== 'f32')
    throw new Error('cpu backend: expected an f32 CpuTensor');
  return t.data as Float32Array;
}

function i32(t: Tensor): Int32Array {
  if (!(t instanceof CpuTensor) || t.dtype !== 'i32')
    throw new Error('cpu backend: expected an i32 CpuTensor');
  return t.data as Int32Array;
}

/**
 * The reference backend: plain TypeScript over Float32Array, single-threaded and deterministic.
 * Matmuls go through the register-tiled `gemmABt`; everything else is a direct loop.
 */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly device = `CPU (Node ${process.version}, single thread)`;
  private scratchA = new Float32Array(0);
  private scratchB = new Float32Array(0);

  private scratch(which: 'a' | 'b', n: number): Float32Array {
    if (which === 'a') {
      if (this.scratchA.length < n) this.scratchA = new Float32Array(n);
      return this.scratchA;
    }
    if (this.scratchB.length < n) this.scratchB = new Float32Array(n);
    return this.scratchB;
  }

  alloc(length: number, dtype: DType = 'f32'): Tensor {
    if (!Number.isInteger(length) || length < 0) throw new Error(`cpu backend: bad tensor length ${length}`);
    return new CpuTensor(length, dtype);
  }

  upload(t: Tensor, data: Float32Array | Int32Array, offset = 0): void {
    const dst = (t as CpuTensor).data;
    if (offset + data.length > dst.length) throw new Error('cpu backend: upload past the end of the tensor');
    dst.set(data, offset);
  }

  async download(t: Tensor, offset = 0, length?: number): Promise<Float32Array | Int32Array> {
    const src = (t as CpuTensor).data;
    return src.slice(offset, offset + (length ?? src.length - offset));
  }

  free(_t: Tensor): void {}

  zero(t: Tensor, offset = 0, length?: number): void {
    const d = (t as CpuTensor).data;
    d.fill(0, offset, offset + (length ?? d.length - offset));
  }

  copy(dst: Tensor, dstOffset: number, src: Tensor, srcOffset: number, length: number): void {
    const s = (src as CpuTensor).data;
    (dst as CpuTensor).data.set(s.subarray(srcOffset, srcOffset + length), dstOffset);
  }

  async sync(): Promise<void> {}

  destroy(): void {
    this.scratchA = new Float32Array(0);
    this.scratchB = new Float32Array(0);
  }

  encoderForward(out: Tensor, tokens: Tensor, wte: Tensor, wteOffset: number, N: number, C: number): void {
    const o = f32(out);
    const tok = i32(tokens);
    const w = f32(wte);
    for (let n = 0; n < N; n++) {
      const row = wteOffset + tok[n]! * C;
      o.set(w.subarray(row, row + C), n * C);
    }
  }

  encoderBackward(
    dwte: Tensor,
    dwteOffset: number,
    dout: Tensor,
    tokens: Tensor,
    N: number,
    C: number,
  ): void {
    const dw = f32(dwte);
    const d = f32(dout);
    const tok = i32(tokens);
    for (let n = 0; n < N; n++) {
      const row = dwteOffset + tok[n]! * C;
      const src = n * C;
      for (let c = 0; c < C; c++) dw[row + c]! += d[src + c]!;
    }
  }

  rmsnormForward(
    out: Tensor,
    rstd: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    N: number,
    C: number,
    eps: number,
  ): void {
    const o = f32(out);
    const r = f32(rstd);
    const x = f32(inp);
    const w = f32(weight);
    for (let n = 0; n < N; n++) {
      const base = n * C;
      let ss = 0;
      for (let c = 0; c < C; c++) ss += x[base + c]! * x[base + c]!;
      const s = 1 / Math.sqrt(ss / C + eps);
      r[n] = s;
      for (let c = 0; c < C; c++) o[base + c] = x[base + c]! * s * w[weightOffset + c]!;
    }
  }

  rmsnormBackward(
    dinp: Tensor,
    dweight: Tensor,
    dweightOffset: number,
    dout: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    rstd: Tensor,
    N: number,
    C: number,
  ): void {
    const dx = f32(dinp);
    const dw = f32(dweight);
    const dy = f32(dout);
    const x = f32(inp);
    const w = f32(weight);
    const r = f32(rstd);
    for (let n = 0; n < N; n++) {
      const base = n * C;
      const s = r[n]!;
      // y = x * s * w, s = (mean(x²) + eps)^-1/2, so dx = s * (dy*w) - x * s³ * mean(dy*w*x)
      let dot = 0;
      for (let c = 0; c < C; c++) {
        const g = dy[base + c]! * w[weightOffset + c]!;
        dot += g * x[base + c]!;
        dw[dweightOffset + c]! += dy[base + c]! * x[base + c]! * s;
      }
      const k = (s * s * s * dot) / C;
      for (let c = 0; c < C; c++) {
        dx[base + c]! += s * dy[base + c]! * w[weightOffset + c]! - k * x[base + c]!;
      }
    }
  }

  matmulForward(
    out: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    N: number,
    C: number,
    OC: number,
  ): void {
    gemmABt(f32(out), 0, f32(inp), 0, f32(weight), weightOffset, N, OC, C, false);
  }

  matmulBackward(
    dinp: Tensor | null,
    dweight: Tensor,
    dweightOffset: number,
    dout: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    N: number,
    C: number,
    OC: number,
  ): void {
    const dy = f32(dout);
    if (dinp) {
      // dinp[N, C]! += dout[N, OC] · W[OC, C]  =  dout · (Wᵀ[C, OC])ᵀ
      const wT = this.scratch('a', C * OC);
      transpose(wT, f32(weight), weightOffset, OC, C);
      gemmABt(f32(dinp), 0, dy, 0, wT, 0, N, C, OC, true);
    }
    // dW[OC, C]! += doutᵀ[OC, N] · inp[N, C]  =  doutᵀ · (inpᵀ[C, N])ᵀ
    const dyT = this.scratch('a', OC * N);
    transpose(dyT, dy, 0, N, OC);
    const xT = this.scratch('b', C * N);
    transpose(xT, f32(inp), 0, N, C);
    gemmABt(f32(dweight), dweightOffset, dyT, 0, xT, 0, OC, C, N, true);
  }

  biasForward(out: Tensor, bias: Tensor, biasOffset: number, N: number, OC: number): void {
    const o = f32(out);
    const b = f32(bias);
    for (let n = 0; n < N; n++) {
      const row = n * OC;
      for (let i = 0; i < OC; i++) o[row + i]! += b[biasOffset + i]!;
    }
  }

  biasBackward(dbias: Tensor, dbiasOffset: number, dout: Tensor, N: number, OC: number): void {
    const db = f32(dbias);
    const dy = f32(dout);
    for (let n = 0; n < N; n++) {
      const row = n * OC;
      for (let i = 0; i < OC; i++) db[dbiasOffset + i]! += dy[row + i]!;
    }
  }

  /** Rotates N rows of H heads, row n at position `position(n)`; sign -1 is the inverse rotation. */
  private rotate(
    out: Tensor,
    inp: Tensor,
    N: number,
    H: number,
    D: number,
    position: (row: number) => number,
    rope: Rope,
    sign: number,
  ): void {
    const o = f32(out);
    const x = f32(inp);
    const half = D >> 1;
    const inv = ropeInverseFrequencies(D, rope);
    for (let n = 0; n < N; n++) {
      const pos = position(n);
      for (let i = 0; i < half; i++) {
        const ang = pos * inv[i]!;
        const cos = Math.cos(ang);
        const sin = sign * Math.sin(ang);
        for (let h = 0; h < H; h++) {
          const base = (n * H + h) * D;
          const x1 = x[base + i]!;
          const x2 = x[base + i + half]!;
          o[base + i] = x1 * cos - x2 * sin;
          o[base + i + half] = x2 * cos + x1 * sin;
        }
      }
    }
  }

  ropeForward(
    out: Tensor,
    inp: Tensor,
    B: number,
    T: number,
    H: number,
    D: number,
    posOffset: number,
    rope: Rope,
  ): void {
    this.rotate(out, inp, B * T, H, D, (row) => posOffset + (row % T), rope, 1);
  }

  ropeForwardAt(
    out: Tensor,
    inp: Tensor,
    positions: Tensor,
    N: number,
    H: number,
    D: number,
    _Tcap: number,
    rope: Rope,
  ): void {
    const pos = i32(positions);
    this.rotate(out, inp, N, H, D, (row) => pos[row]!, rope, 1);
  }

  ropeBackward(
    dinp: Tensor,
    dout: Tensor,
    B: number,
    T: number,
    H: number,
    D: number,
    posOffset: number,
    rope: Rope,
  ): void {
    this.rotate(dinp, dout, B * T, H, D, (row) => posOffset + (row % T), rope, -1);
  }

  attentionForward(
    out: Tensor,
    att: Tensor,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    B: number,
    Tq: number,
    Tk: number,
    Tcap: number,
    NH: number,
    NKV: number,
    D: number,
  ): void {
    const o = f32(out);
    const a = f32(att);
    const Q = f32(q);
    const K = f32(k);
    const Vv = f32(v);
    const group = NH / NKV;
    const scale = 1 / Math.sqrt(D);
    const first = Tk - Tq;
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < NH; h++) {
        const kb = (b * Tcap * NKV + Math.floor(h / group)) * D;
        for (let t = 0; t < Tq; t++) {
          const ab = ((b * NH + h) * Tq + t) * Tk;
          const last = first + t;
          attendRow(o, a, Q, K, Vv, ((b * Tq + t) * NH + h) * D, ab, kb, NKV * D, last, D, scale);
          a.fill(0, ab + last + 1, ab + Tk);
        }
      }
    }
  }

  kvCacheWrite(
    kCache: Tensor,
    vCache: Tensor,
    k: Tensor,
    v: Tensor,
    slots: Tensor,
    positions: Tensor,
    N: number,
    C: number,
    Tcap: number,
  ): void {
    const kc = f32(kCache);
    const vc = f32(vCache);
    const K = f32(k);
    const Vv = f32(v);
    const slot = i32(slots);
    const pos = i32(positions);
    for (let n = 0; n < N; n++) {
      const dst = (slot[n]! * Tcap + pos[n]!) * C;
      kc.set(K.subarray(n * C, (n + 1) * C), dst);
      vc.set(Vv.subarray(n * C, (n + 1) * C), dst);
    }
  }

  attentionDecode(
    out: Tensor,
    att: Tensor,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    slots: Tensor,
    positions: Tensor,
    N: number,
    Tcap: number,
    NH: number,
    NKV: number,
    D: number,
  ): void {
    const o = f32(out);
    const a = f32(att);
    const Q = f32(q);
    const K = f32(k);
    const Vv = f32(v);
    const slot = i32(slots);
    const pos = i32(positions);
    const group = NH / NKV;
    const scale = 1 / Math.sqrt(D);
    for (let n = 0; n < N; n++) {
      for (let h = 0; h < NH; h++) {
        const kb = (slot[n]! * Tcap * NKV + Math.floor(h / group)) * D;
        const row = n * NH + h;
        attendRow(o, a, Q, K, Vv, row * D, row * Tcap, kb, NKV * D, pos[n]!, D, scale);
      }
    }
  }

  attentionBackward(
    dq: Tensor,
    dk: Tensor,
    dv: Tensor,
    datt: Tensor,
    dout: Tensor,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    att: Tensor,
    B: number,
    T: number,
    NH: number,
    NKV: number,
    D: number,
  ): void {
    const dQ = f32(dq);
    const dK = f32(dk);
    const dV = f32(dv);
    const dA = f32(datt);
    const dO = f32(dout);
    const Q = f32(q);
    const K = f32(k);
    const Vv = f32(v);
    const A = f32(att);
    const group = NH / NKV;
    const scale = 1 / Math.sqrt(D);
    dQ.fill(0, 0, B * T * NH * D);
    dK.fill(0, 0, B * T * NKV * D);
    dV.fill(0, 0, B * T * NKV * D);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < NH; h++) {
        const kh = Math.floor(h / group);
        for (let t = 0; t < T; t++) {
          const ob = ((b * T + t) * NH + h) * D;
          const ab = ((b * NH + h) * T + t) * T;
          // datt[s] = dout · v[s]; dv[s]! += att[s] * dout
          let rowDot = 0;
          for (let s = 0; s <= t; s++) {
            const vb = ((b * T + s) * NKV + kh) * D;
            let g = 0;
            const p = A[ab + s]!;
            for (let d = 0; d < D; d++) {
              g += dO[ob + d]! * Vv[vb + d]!;
              dV[vb + d]! += p * dO[ob + d]!;
            }
            dA[ab + s] = g;
            rowDot += g * p;
          }
          // softmax backward: dscore[s] = att[s] * (datt[s] - Σ att·datt), then through q·k * scale
          for (let s = 0; s <= t; s++) {
            const ds = A[ab + s]! * (dA[ab + s]! - rowDot) * scale;
            const kb = ((b * T + s) * NKV + kh) * D;
            for (let d = 0; d < D; d++) {
              dQ[ob + d]! += ds * K[kb + d]!;
              dK[kb + d]! += ds * Q[ob + d]!;
            }
          }
        }
      }
    }
  }

  swigluForward(out: Tensor, gate: Tensor, up: Tensor, n: number): void {
    const o = f32(out);
    const g = f32(gate);
    const u = f32(up);
    for (let i = 0; i < n; i++) {
      const x = g[i]!;
      o[i] = (x / (1 + Math.exp(-x))) * u[i]!;
    }
  }

  swigluBackward(dgate: Tensor, dup: Tensor, dout: Tensor, gate: Tensor, up: Tensor, n: number): void {
    const dg = f32(dgate);
    const du = f32(dup);
    const d = f32(dout);
    const g = f32(gate);
    const u = f32(up);
    for (let i = 0; i < n; i++) {
      const x = g[i]!;
      const sig = 1 / (1 + Math.exp(-x));
      const silu = x * sig;
      du[i] = d[i]! * silu;
      dg[i] = d[i]! * u[i]! * sig * (1 + x * (1 - sig));
    }
  }

  residualForward(out: Tensor, a: Tensor, b: Tensor, n: number): void {
    const o = f32(out);
    const x = f32(a);
    const y = f32(b);
    for (let i = 0; i < n; i++) o[i] = x[i]! + y[i]!;
  }

  accumulate(dst: Tensor, src: Tensor, n: number): void {
    const d = f32(dst);
    const s = f32(src);
    for (let i = 0; i < n; i++) d[i]! += s[i]!;
  }

  crossEntropyForward(
    losses: Tensor,
    probs: Tensor,
    logits: Tensor,
    targets: Tensor,
    weights: Tensor,
    N: number,
    V: number,
  ): void {
    const L = f32(losses);
    const P = f32(probs);
    const X = f32(logits);
    const tgt = i32(targets);
    const w = f32(weights);
    for (let n = 0; n < N; n++) {
      const base = n * V;
      let max = -Infinity;
      for (let i = 0; i < V; i++) if (X[base + i]! > max) max = X[base + i]!;
      let sum = 0;
      for (let i = 0; i < V; i++) {
        const e = Math.exp(X[base + i]! - max);
        P[base + i] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let i = 0; i < V; i++) P[base + i]! *= inv;
      const wn = w[n]!;
      L[n] = wn === 0 ? 0 : wn * -(X[base + tgt[n]!]! - max - Math.log(sum));
    }
  }

  crossEntropyBackward(
    dlogits: Tensor,
    probs: Tensor,
    targets: Tensor,
    weights: Tensor,
    scale: number,
    N: number,
    V: number,
  ): void {
    const dX = f32(dlogits);
    const P = f32(probs);
    const tgt = i32(targets);
    const w = f32(weights);
    for (let n = 0; n < N; n++) {
      const k = scale * w[n]!;
      if (k === 0) continue;
      const base = n * V;
      for (let i = 0; i < V; i++) dX[base + i]! += k * P[base + i]!;
      dX[base + tgt[n]!]! -= k;
    }
  }

  klDivForward(
    losses: Tensor,
    student: Tensor,
    teacher: Tensor,
    weights: Tensor,
    N: number,
    V: number,
    temperature: number,
    beta: number,
  ): void {
    const L = f32(losses);
    const S = f32(student);
    const Tt = f32(teacher);
    const w = f32(weights);
    const logp = new Float64Array(V);
    const logq = new Float64Array(V);
    for (let n = 0; n < N; n++) {
      if (w[n] === 0) {
        L[n] = 0;
        continue;
      }
      logSoftmax(logp, S, n * V, V, temperature);
      logSoftmax(logq, Tt, n * V, V, temperature);
      let fwd = 0;
      let rev = 0;
      for (let i = 0; i < V; i++) {
        const diff = logq[i]! - logp[i]!;
        fwd += Math.exp(logq[i]!) * diff;
        rev -= Math.exp(logp[i]!) * diff;
      }
      L[n] = w[n]! * temperature * temperature * (beta * fwd + (1 - beta) * rev);
    }
  }

  klDivBackward(
    dstudent: Tensor,
    student: Tensor,
    teacher: Tensor,
    weights: Tensor,
    scale: number,
    N: number,
    V: number,
    temperature: number,
    beta: number,
  ): void {
    const dS = f32(dstudent);
    const S = f32(student);
    const Tt = f32(teacher);
    const w = f32(weights);
    const logp = new Float64Array(V);
    const logq = new Float64Array(V);
    for (let n = 0; n < N; n++) {
      const k = scale * w[n]! * temperature;
      if (k === 0) continue;
      logSoftmax(logp, S, n * V, V, temperature);
      logSoftmax(logq, Tt, n * V, V, temperature);
      let rev = 0;
      for (let i = 0; i < V; i++) rev += Math.exp(logp[i]!) * (logp[i]! - logq[i]!);
      const base = n * V;
      for (let i = 0; i < V; i++) {
        const p = Math.exp(logp[i]!);
        const q = Math.exp(logq[i]!);
        dS[base + i]! += k * (beta * (p - q) + (1 - beta) * p * (logp[i]! - logq[i]! - rev));
      }
    }
  }

  adamwUpdate(
    params: Tensor,
    grads: Tensor,
    m: Tensor,
    v: Tensor,
    offset: number,
    length: number,
    hp: AdamWParams,
  ): void {
    const p = f32(params);
    const g = f32(grads);
    const M = f32(m);
    const Vv = f32(v);
    const { learningRate: lr, beta1, beta2, eps, weightDecay, step } = hp;
    const c1 = 1 - beta1 ** step;
    const c2 = 1 - beta2 ** step;
    for (let i = offset; i < offset + length; i++) {
      const gi = g[i]!;
      const mi = beta1 * M[i]! + (1 - beta1) * gi;
      const vi = beta2 * Vv[i]! + (1 - beta2) * gi * gi;
      M[i] = mi;
      Vv[i] = vi;
      p[i]! -= lr * (mi / c1 / (Math.sqrt(vi / c2) + eps) + weightDecay * p[i]!);
    }
  }

  async sumOfSquares(t: Tensor, n: number): Promise<number> {
    const x = f32(t);
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i]! * x[i]!;
    return s;
  }

  scale(t: Tensor, factor: number, n: number): void {
    const x = f32(t);
    for (let i = 0; i < n; i++) x[i]! *= factor;
  }
}

/**
 * One query row of attention: out[qb ..] = softmax(q · k[s] · scale for s ≤ last) · v, the
 * probabilities left in att[ab ..= ab + last]. Key and value s start at kb + s·stride.
 */
function attendRow(
  o: Float32Array,
  a: Float32Array,
  Q: Float32Array,
  K: Float32Array,
  Vv: Float32Array,
  qb: number,
  ab: number,
  kb: number,
  stride: number,
  last: number,
  D: number,
  scale: number,
): void {
  let max = -Infinity;
  for (let s = 0; s <= last; s++) {
    const ks = kb + s * stride;
    let dot = 0;
    for (let d = 0; d < D; d++) dot += Q[qb + d]! * K[ks + d]!;
    dot *= scale;
    a[ab + s] = dot;
    if (dot > max) max = dot;
  }
  let sum = 0;
  for (let s = 0; s <= last; s++) {
    const e = Math.exp(a[ab + s]! - max);
    a[ab + s] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let s = 0; s <= last; s++) a[ab + s]! *= inv;
  for (let d = 0; d < D; d++) o[qb + d] = 0;
  for (let s = 0; s <= last; s++) {
    const p = a[ab + s]!;
    const vs = kb + s * stride;
    for (let d = 0; d < D; d++) o[qb + d]! += p * Vv[vs + d]!;
  }
}

function logSoftmax(
  out: Float64Array,
  x: Float32Array,
  offset: number,
  V: number,
  temperature: number,
): void {
  let max = -Infinity;
  for (let i = 0; i < V; i++) {
    const z = x[offset + i]! / temperature;
    out[i] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let i = 0; i < V; i++) sum += Math.exp(out[i]! - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < V; i++) out[i]! -= lse;
}
