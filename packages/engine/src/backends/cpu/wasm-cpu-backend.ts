import { availableParallelism } from 'node:os';
import type { AdamWParams, DType, Tensor } from '../backend.ts';
import { CpuBackend, CpuTensor } from './cpu-backend.ts';
import { SCRATCH_HEADROOM, WasmKernels } from './wasm/kernels.ts';

/** A CPU tensor whose data is a view of the kernels' shared memory, at byte address `at`. */
class WasmTensor extends CpuTensor {
  readonly at: number;

  constructor(length: number, dtype: DType, data: Float32Array | Int32Array, at: number) {
    super(length, dtype, data);
    this.at = at;
  }
}

export interface WasmCpuBackendOptions {
  /** Threads the kernels run on, this one included (default: every core). */
  threads?: number;
}

/**
 * The CPU backend on WebAssembly SIMD kernels run across worker threads: matmul, attention, SwiGLU,
 * cross-entropy, AdamW and the gradient norm. Its tensors live in the kernels' shared memory, where
 * every thread reads them in place, and the TypeScript kernels of `CpuBackend` run on the same views
 * for the cheaper layers (RMSNorm, RoPE, embeddings, KL); that class stays the oracle the kernels are
 * tested against. A tensor that does not fit in the 4 GiB of a wasm32
 * memory is kept in ordinary memory, and a matmul that touches one runs in TypeScript.
 */
export class WasmCpuBackend extends CpuBackend {
  override readonly device: string;
  private readonly kernels: WasmKernels;
  /** Frees the block of a tensor that was dropped without `free`. */
  private readonly finalizer: FinalizationRegistry<number>;

  private constructor(kernels: WasmKernels) {
    super();
    this.kernels = kernels;
    this.device = `CPU (Node ${process.version}, WebAssembly SIMD, ${kernels.threads} thread${kernels.threads === 1 ? '' : 's'})`;
    this.finalizer = new FinalizationRegistry((at) => kernels.heap.free(at));
  }

  /** Null where this runtime cannot run the kernels (no WebAssembly SIMD or shared memory). */
  static create(options: WasmCpuBackendOptions = {}): WasmCpuBackend | null {
    const kernels = WasmKernels.load(options.threads ?? availableParallelism());
    return kernels ? new WasmCpuBackend(kernels) : null;
  }

  override alloc(length: number, dtype: DType = 'f32'): Tensor {
    if (!Number.isInteger(length) || length < 0) throw new Error(`cpu backend: bad tensor length ${length}`);
    const at = this.kernels.heap.alloc(length * 4, SCRATCH_HEADROOM);
    if (at === null) return super.alloc(length, dtype);
    const { buffer } = this.kernels.memory;
    const data = dtype === 'f32' ? new Float32Array(buffer, at, length) : new Int32Array(buffer, at, length);
    // A reused block holds what its last tensor left there; a new tensor starts at zero, as a typed array does.
    data.fill(0);
    const tensor = new WasmTensor(length, dtype, data, at);
    this.finalizer.register(tensor, at, tensor);
    return tensor;
  }

  override free(t: Tensor): void {
    if (!(t instanceof WasmTensor) || !this.finalizer.unregister(t)) return;
    this.kernels.heap.free(t.at);
  }

  override destroy(): void {
    super.destroy();
    this.kernels.destroy();
  }

  /** The byte addresses of these tensors, or null when one of them lives outside the shared memory. */
  private addresses(...tensors: Tensor[]): number[] | null {
    const at = [];
    for (const t of tensors) {
      if (!(t instanceof WasmTensor)) return null;
      at.push(t.at);
    }
    return at;
  }

  override matmulForward(
    out: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    N: number,
    C: number,
    OC: number,
  ): void {
    const at = this.addresses(out, inp, weight);
    if (!at) {
      super.matmulForward(out, inp, weight, weightOffset, N, C, OC);
      return;
    }
    const [o, x, w] = at as [number, number, number];
    // out[N, OC] = inp[N, C] · W[OC, C]ᵀ
    this.kernels.gemm(
      o,
      { at: x, row: C, col: 1 },
      { at: w + weightOffset * 4, row: C, col: 1 },
      N,
      OC,
      C,
      false,
    );
  }

  override matmulBackward(
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
    const at = this.addresses(dweight, dout, inp, weight, ...(dinp ? [dinp] : []));
    if (!at) {
      super.matmulBackward(dinp, dweight, dweightOffset, dout, inp, weight, weightOffset, N, C, OC);
      return;
    }
    const [dw, dy, x, w, dx] = at as [number, number, number, number, number | undefined];
    // dinp[N, C] += dout[N, OC] · W[OC, C]: B(c, oc) = W[oc·C + c]
    if (dx !== undefined)
      this.kernels.gemm(
        dx,
        { at: dy, row: OC, col: 1 },
        { at: w + weightOffset * 4, row: 1, col: C },
        N,
        C,
        OC,
        true,
      );
    // dW[OC, C] += dout[N, OC]ᵀ · inp[N, C]: A(oc, n) = dout[n·OC + oc], B(c, n) = inp[n·C + c]
    this.kernels.gemm(
      dw + dweightOffset * 4,
      { at: dy, row: 1, col: OC },
      { at: x, row: 1, col: C },
      OC,
      C,
      N,
      true,
    );
  }

  override attentionForward(
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
    const at = this.addresses(out, att, q, k, v);
    if (!at) {
      super.attentionForward(out, att, q, k, v, B, Tq, Tk, Tcap, NH, NKV, D);
      return;
    }
    this.kernels.run('attentionForward', [...at, B, Tq, Tk, Tcap, NH, NKV, D], B * NH * Tq * Tk * D);
  }

  override attentionBackward(
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
    const at = this.addresses(dq, dk, dv, datt, dout, q, k, v, att);
    if (!at) {
      super.attentionBackward(dq, dk, dv, datt, dout, q, k, v, att, B, T, NH, NKV, D);
      return;
    }
    this.kernels.run('attentionBackward', [...at, B, T, NH, NKV, D], B * NH * T * T * D);
  }

  override swigluForward(out: Tensor, gate: Tensor, up: Tensor, n: number): void {
    const at = this.addresses(out, gate, up);
    if (!at) {
      super.swigluForward(out, gate, up, n);
      return;
    }
    this.kernels.run('swigluForward', [...at, n], n);
  }

  override swigluBackward(
    dgate: Tensor,
    dup: Tensor,
    dout: Tensor,
    gate: Tensor,
    up: Tensor,
    n: number,
  ): void {
    const at = this.addresses(dgate, dup, dout, gate, up);
    if (!at) {
      super.swigluBackward(dgate, dup, dout, gate, up, n);
      return;
    }
    this.kernels.run('swigluBackward', [...at, n], n);
  }

  override crossEntropyForward(
    losses: Tensor,
    probs: Tensor,
    logits: Tensor,
    targets: Tensor,
    weights: Tensor,
    N: number,
    V: number,
  ): void {
    const at = this.addresses(losses, probs, logits, targets, weights);
    if (!at) {
      super.crossEntropyForward(losses, probs, logits, targets, weights, N, V);
      return;
    }
    this.kernels.run('crossEntropyForward', [...at, N, V], N * V);
  }

  override crossEntropyBackward(
    dlogits: Tensor,
    probs: Tensor,
    targets: Tensor,
    weights: Tensor,
    scale: number,
    N: number,
    V: number,
  ): void {
    const at = this.addresses(dlogits, probs, targets, weights);
    if (!at) {
      super.crossEntropyBackward(dlogits, probs, targets, weights, scale, N, V);
      return;
    }
    this.kernels.run('crossEntropyBackward', [...at, scale, N, V], N * V);
  }

  override adamwUpdate(
    params: Tensor,
    grads: Tensor,
    m: Tensor,
    v: Tensor,
    offset: number,
    length: number,
    hp: AdamWParams,
  ): void {
    const at = this.addresses(params, grads, m, v);
    if (!at) {
      super.adamwUpdate(params, grads, m, v, offset, length, hp);
      return;
    }
    const { learningRate, beta1, beta2, eps, weightDecay, step } = hp;
    const corrections = [1 - beta1 ** step, 1 - beta2 ** step];
    this.kernels.run(
      'adamw',
      [...at, offset, length, learningRate, beta1, beta2, eps, weightDecay, ...corrections],
      length,
    );
  }

  override async sumOfSquares(t: Tensor, n: number): Promise<number> {
    const at = this.addresses(t);
    return at ? this.kernels.sumOfSquares(at[0]!, n) : super.sumOfSquares(t, n);
  }

  override scale(t: Tensor, factor: number, n: number): void {
    const at = this.addresses(t);
    if (!at) {
      super.scale(t, factor, n);
      return;
    }
    this.kernels.run('scale', [at[0]!, factor, n], n);
  }
}
