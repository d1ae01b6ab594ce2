import { kernelsWasm } from './generated/kernels.ts';
import { WasmHeap } from './heap.ts';
import { CONTROL_BYTES, ThreadPool } from './thread-pool.ts';

/** wasm32's whole address space: 65,536 pages of 64 KiB. */
const MAX_PAGES = 65536;
/** Room that tensors leave free for the packing scratch of a matmul (B's size at most). */
export const SCRATCH_HEADROOM = 256 * 1024 * 1024;
/**
 * Below this much work (multiply-adds, or elements for the elementwise kernels) a kernel runs on one
 * thread: waking the others would cost more than they save. A product is compute-bound from
 * PARALLEL_MACS; a matrix-vector product of a decode step is bound by reading B, which threads share
 * from far smaller sizes.
 */
const PARALLEL_WORK = 1 << 15;
const PARALLEL_MACS = 1 << 18;
/** Products with fewer rows than this take gemm's matrix-vector path (its micro-kernel's MR). */
const GEMV_ROWS = 4;

/** An operand of `gemm`: a byte address in the shared memory and strides in elements. */
export interface Operand {
  at: number;
  row: number;
  col: number;
}

/** The kernels every thread runs on its share; their arguments are documented in assembly/. */
const KERNELS = [
  'gemm',
  'attentionForward',
  'attentionBackward',
  'swigluForward',
  'swigluBackward',
  'crossEntropyForward',
  'crossEntropyBackward',
  'adamw',
  'scale',
  'sumOfSquares',
] as const;
export type KernelName = (typeof KERNELS)[number];

type Exports = Record<KernelName, (...args: number[]) => void> & {
  gemmScratchBytes(P: number, K: number): number;
  SQUARES_CHUNK: WebAssembly.Global;
};

/**
 * The WebAssembly kernels, one shared memory that holds the tensors they read, and the threads that
 * run them. `load` answers null where this runtime lacks WebAssembly SIMD, relaxed SIMD or shared
 * memory; the CPU backend then stays on its TypeScript kernels.
 */
export class WasmKernels {
  readonly memory: WebAssembly.Memory;
  readonly heap: WasmHeap;
  readonly threads: number;
  private readonly pool: ThreadPool;
  private readonly exports: Exports;
  private scratch = { at: 0, bytes: 0 };
  private partials = { at: 0, bytes: 0 };

  private constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number) {
    this.memory = memory;
    this.heap = new WasmHeap(memory, CONTROL_BYTES, MAX_PAGES);
    const { exports } = new WebAssembly.Instance(module, { env: { memory, abort: onAbort } });
    this.exports = exports as unknown as Exports;
    const kernels = Object.fromEntries(KERNELS.map((name) => [name, this.exports[name]]));
    this.pool = new ThreadPool(module, memory, kernels, threads);
    this.threads = threads;
  }

  static load(threads: number): WasmKernels | null {
    if (typeof SharedArrayBuffer === 'undefined') return null;
    const bytes = Buffer.from(kernelsWasm, 'base64');
    if (!WebAssembly.validate(bytes)) return null;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    } catch {
      return null;
    }
    return new WasmKernels(new WebAssembly.Module(bytes), memory, Math.max(1, Math.floor(threads)));
  }

  /**
   * out[M, P] (=|+=) A[M, K] · Bᵀ with A(i, k) = a[i·row + k·col] and B(p, k) = b[p·row + k·col].
   */
  gemm(out: number, a: Operand, b: Operand, M: number, P: number, K: number, accumulate: boolean): void {
    if (M === 0 || P === 0) return;
    const scratch = this.grow(this.scratch, this.exports.gemmScratchBytes(P, K), 'matmul scratch');
    this.pool.run(
      'gemm',
      [out, a.at, a.row, a.col, b.at, b.row, b.col, M, P, K, accumulate ? 1 : 0, scratch],
      M < GEMV_ROWS ? P * K >= PARALLEL_WORK : M * P * K >= PARALLEL_MACS,
    );
  }

  /**
   * Runs a kernel on every thread (on this one only when `work` is small); `args` are its arguments
   * before the thread index and count: byte addresses and sizes as integers, scalars as they are.
   */
  run(kernel: Exclude<KernelName, 'gemm' | 'sumOfSquares'>, args: number[], work: number): void {
    this.pool.run(kernel, args, work >= PARALLEL_WORK);
  }

  /** Σ x[i]² over n f32 at byte address `x`, summed in f64 in an order that does not depend on the threads. */
  sumOfSquares(x: number, n: number): number {
    const chunk = this.exports.SQUARES_CHUNK.value as number;
    const chunks = Math.ceil(n / chunk);
    if (chunks === 0) return 0;
    const at = this.grow(this.partials, chunks * 8, 'gradient-norm partials');
    this.pool.run('sumOfSquares', [x, n, at], chunks > 1);
    const partials = new Float64Array(this.memory.buffer, at, chunks);
    let sum = 0;
    for (const p of partials) sum += p;
    return sum;
  }

  destroy(): void {
    this.pool.destroy();
  }

  /** A scratch block of at least `bytes`, kept between calls and replaced when too small. */
  private grow(block: { at: number; bytes: number }, bytes: number, what: string): number {
    if (block.bytes >= bytes) return block.at;
    if (block.bytes > 0) this.heap.free(block.at);
    block.bytes = 0;
    const at = this.heap.alloc(bytes);
    if (at === null)
      throw new Error(`cpu backend: no room in WebAssembly memory for ${bytes} bytes of ${what}`);
    block.at = at;
    block.bytes = bytes;
    return at;
  }
}

function onAbort(): never {
  throw new Error('cpu backend: a WebAssembly kernel aborted');
}
