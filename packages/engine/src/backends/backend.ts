/**
 * The compute backend interface, in the style of llm.c: every tensor is an opaque, flat f32 or i32
 * buffer allocated up front, and every layer has an explicit forward and backward kernel with explicit
 * shapes. A model plans all of its buffers once per (batch, seq_len) and then only calls kernels.
 *
 * The CPU backend (`backends/cpu`) is the reference implementation and the oracle: every other backend
 * (WebGPU first) is tested kernel by kernel against it on random inputs, and the CPU backend's
 * backward kernels are themselves checked against finite differences.
 *
 * Conventions used by every kernel below:
 * - Shapes are row-major; `[B, T, C]` means index `(b * T + t) * C + c`.
 * - `N` is a number of rows (usually `B * T`).
 * - "writes" means the output is overwritten; "accumulates" means `+=` into it, so the caller zeroes
 *   gradient buffers (`zero`) before the first accumulation of a step.
 * - Offsets and lengths are in elements, never bytes.
 * - Kernels may be queued asynchronously; only `download` (and the scalar-returning reductions) wait.
 *   Kernels run in the order they were called.
 * - Input and output tensors of one call never alias unless the doc says so.
 */
import type { Rope } from './rope.ts';

export type { Rope, RopeScaling } from './rope.ts';

export type DType = 'f32' | 'i32';

/** An opaque buffer owned by one backend. Only the backend that allocated it may use it. */
export interface Tensor {
  readonly dtype: DType;
  /** Number of elements. */
  readonly length: number;
}

/** Hyper-parameters of one AdamW step (decoupled weight decay, bias-corrected moments). */
export interface AdamWParams {
  learningRate: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** 1-based optimizer step, used for bias correction. */
  step: number;
}

export interface Backend {
  /** `cpu`, `webgpu`, … */
  readonly name: string;
  /** Human-readable device, e.g. `CPU (node, 2 threads)` or the adapter description. */
  readonly device: string;

  alloc(length: number, dtype?: DType): Tensor;
  /** Copies `data` into `t` starting at element `offset` (default 0). */
  upload(t: Tensor, data: Float32Array | Int32Array, offset?: number): void;
  /** Resolves with a copy of `length` elements of `t` from `offset` (defaults: the whole tensor). */
  download(t: Tensor, offset?: number, length?: number): Promise<Float32Array | Int32Array>;
  free(t: Tensor): void;
  /** Sets `length` elements from `offset` to zero (defaults: the whole tensor). */
  zero(t: Tensor, offset?: number, length?: number): void;
  /** Copies `length` elements: `dst[dstOffset + i] = src[srcOffset + i]`. `dst` and `src` may be the same tensor if the ranges do not overlap. */
  copy(dst: Tensor, dstOffset: number, src: Tensor, srcOffset: number, length: number): void;
  /** Waits for every queued kernel (a no-op on the CPU). */
  sync(): Promise<void>;
  /** Releases the device. The backend is unusable afterwards. */
  destroy(): void;

  /**
   * Token embedding lookup. out `[N, C]` (writes) = wte `[V, C]` rows selected by tokens `[N]` (i32).
   * `wte` is read at element offset `wteOffset` (the embedding lives inside the flat parameter buffer).
   */
  encoderForward(out: Tensor, tokens: Tensor, wte: Tensor, wteOffset: number, N: number, C: number): void;
  /** dwte `[V, C]` at `dwteOffset` accumulates dout `[N, C]` into the rows selected by tokens `[N]`. */
  encoderBackward(dwte: Tensor, dwteOffset: number, dout: Tensor, tokens: Tensor, N: number, C: number): void;

  /**
   * RMSNorm over the last dimension: out `[N, C]` (writes) = inp / rms(inp) * weight, with
   * rms = sqrt(mean(inp²) + eps). rstd `[N]` (writes) keeps 1 / rms for the backward.
   * `weight` `[C]` is read at `weightOffset`.
   */
  rmsnormForward(
    out: Tensor,
    rstd: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    N: number,
    C: number,
    eps: number,
  ): void;
  /** Accumulates dinp `[N, C]` and dweight `[C]` (at `dweightOffset`) from dout `[N, C]`. */
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
  ): void;

  /**
   * Linear layer without bias, PyTorch `nn.Linear` layout: out `[N, OC]` (writes) = inp `[N, C]` @ Wᵀ,
   * with W `[OC, C]` read at `weightOffset`.
   */
  matmulForward(
    out: Tensor,
    inp: Tensor,
    weight: Tensor,
    weightOffset: number,
    N: number,
    C: number,
    OC: number,
  ): void;
  /**
   * Accumulates dinp `[N, C]` += dout @ W and dweight `[OC, C]` (at `dweightOffset`) += doutᵀ @ inp.
   * Pass `dinp = null` when the input needs no gradient.
   */
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
  ): void;
  /**
   * The bias of a linear layer, a kernel of its own so that the matmuls of the (usual) unbiased
   * layers stay as they are: out `[N, OC]` += bias `[OC]` (read at `biasOffset`) on every row.
   */
  biasForward(out: Tensor, bias: Tensor, biasOffset: number, N: number, OC: number): void;
  /** dbias `[OC]` (at `dbiasOffset`) accumulates the column sums of dout `[N, OC]`. */
  biasBackward(dbias: Tensor, dbiasOffset: number, dout: Tensor, N: number, OC: number): void;

  /**
   * Rotary position embedding, half-split pairing (Hugging Face Llama `rotate_half`): within each head,
   * dimension i is rotated with dimension i + D/2 by angle pos * ropeInverseFrequencies(D, rope)[i]
   * (theta^(-2i/D) without scaling), for i < D/2.
   * out, inp `[B, T, H, D]`; token t sits at position `posOffset + t`. Writes out; out may equal inp.
   */
  ropeForward(
    out: Tensor,
    inp: Tensor,
    B: number,
    T: number,
    H: number,
    D: number,
    posOffset: number,
    rope: Rope,
  ): void;
  /**
   * ropeForward with a position per row, for a batch whose rows are tokens of different sequences
   * (continuous batching): out, inp `[N, H, D]`, row n at position positions[n] (i32 `[N]`). Every
   * position is below `Tcap` (the KV cache's capacity), which bounds the backend's cos/sin tables.
   * Writes out; out may equal inp.
   */
  ropeForwardAt(
    out: Tensor,
    inp: Tensor,
    positions: Tensor,
    N: number,
    H: number,
    D: number,
    Tcap: number,
    rope: Rope,
  ): void;
  /** The inverse rotation of dout into dinp (writes; dinp may equal dout). Same shapes as forward. */
  ropeBackward(
    dinp: Tensor,
    dout: Tensor,
    B: number,
    T: number,
    H: number,
    D: number,
    posOffset: number,
    rope: Rope,
  ): void;

  /**
   * Causal multi-head attention with grouped KV heads (query head h reads KV head h / (NH / NKV)).
   * q `[B, Tq, NH, D]`; k, v `[B, Tcap, NKV, D]` of which the first Tk positions are used (a KV cache
   * has Tcap ≥ Tk; training passes Tcap = Tk = Tq). Query t sits at position Tk - Tq + t and attends to
   * keys 0 ..= that position. Scores are scaled by 1/sqrt(D).
   * Writes out `[B, Tq, NH, D]` and att `[B, NH, Tq, Tk]` (softmax probabilities, zero above the
   * causal diagonal), which the backward needs.
   */
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
  ): void;
  /**
   * Stores rows of new keys and values in a KV cache of independent slots (sequences): row n of
   * k and v `[N, C]` is written to slot slots[n] at position positions[n] (both i32 `[N]`) of kCache
   * and vCache `[S, Tcap, C]`. No two rows name the same (slot, position).
   */
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
  ): void;
  /**
   * Attention of rows that each read their own sequence's KV slot up to their own position, with
   * grouped KV heads as attentionForward: query row n (q `[N, NH, D]`) attends to positions
   * 0 ..= positions[n] of slot slots[n] of k, v `[S, Tcap, NKV, D]`. Scores are scaled by 1/sqrt(D).
   * Writes out `[N, NH, D]`; att `[N, NH, Tcap]` is scratch (each row's softmax probabilities, in its
   * first positions[n] + 1 entries). Inference only, so there is no backward.
   */
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
  ): void;
  /**
   * Training-shape backward (Tq = Tk = Tcap = T). Writes dq `[B, T, NH, D]`, dk and dv `[B, T, NKV, D]`
   * (every element, sums over the query heads of a group). datt `[B, NH, T, T]` is scratch.
   */
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
  ): void;

  /** SwiGLU: out `[n]` (writes) = silu(gate) * up, silu(x) = x * sigmoid(x). */
  swigluForward(out: Tensor, gate: Tensor, up: Tensor, n: number): void;
  /** Writes dgate and dup `[n]` from dout `[n]`. */
  swigluBackward(dgate: Tensor, dup: Tensor, dout: Tensor, gate: Tensor, up: Tensor, n: number): void;

  /** Residual add: out `[n]` (writes) = a + b. out may equal a. */
  residualForward(out: Tensor, a: Tensor, b: Tensor, n: number): void;
  /** dst `[n]` += src. (The residual backward: the gradient flows unchanged into both branches.) */
  accumulate(dst: Tensor, src: Tensor, n: number): void;

  /**
   * Softmax cross-entropy with a per-position weight. logits `[N, V]`, targets `[N]` (i32),
   * weights `[N]` (0 masks a position out, e.g. a prompt token). Writes probs `[N, V]` (softmax) and
   * losses `[N]` = weight * -log probs[target]. A position with weight 0 may have any target.
   */
  crossEntropyForward(
    losses: Tensor,
    probs: Tensor,
    logits: Tensor,
    targets: Tensor,
    weights: Tensor,
    N: number,
    V: number,
  ): void;
  /** Accumulates dlogits `[N, V]` += scale * weight * (probs - onehot(target)). */
  crossEntropyBackward(
    dlogits: Tensor,
    probs: Tensor,
    targets: Tensor,
    weights: Tensor,
    scale: number,
    N: number,
    V: number,
  ): void;

  /**
   * Temperature-scaled distillation divergence to teacher logits, BOND-style Jeffreys mix.
   * With p = softmax(student / T) and q = softmax(teacher / T), both `[N, V]`, writes losses `[N]` =
   * weight * T² * (beta * KL(q ‖ p) + (1 - beta) * KL(p ‖ q)). beta = 1 is the forward KL of classic
   * knowledge distillation, beta = 0 the mode-seeking reverse KL.
   */
  klDivForward(
    losses: Tensor,
    student: Tensor,
    teacher: Tensor,
    weights: Tensor,
    N: number,
    V: number,
    temperature: number,
    beta: number,
  ): void;
  /**
   * Accumulates dstudent `[N, V]` += scale * d(losses)/d(student), i.e. per row
   * weight * T * (beta * (p - q) + (1 - beta) * p * (log p - log q - KL(p ‖ q))).
   */
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
  ): void;

  /**
   * One AdamW step over elements [offset, offset + length) of params, grads and the moments m, v
   * (all the same length): m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; params -= lr * (m̂ / (sqrt(v̂) + eps)
   * + weightDecay * params). Call it once per parameter group (norm weights take no decay).
   */
  adamwUpdate(
    params: Tensor,
    grads: Tensor,
    m: Tensor,
    v: Tensor,
    offset: number,
    length: number,
    hp: AdamWParams,
  ): void;
  /** Resolves with the sum of squares of the first `n` elements (for the global gradient norm). */
  sumOfSquares(t: Tensor, n: number): Promise<number>;
  /** t[i] *= factor for the first `n` elements (gradient clipping, loss scaling). */
  scale(t: Tensor, factor: number, n: number): void;
}
