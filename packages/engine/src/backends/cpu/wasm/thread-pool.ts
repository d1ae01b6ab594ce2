import { Worker } from 'node:worker_threads';

/**
 * Worker threads that run one WebAssembly kernel together, each on its share of the work. They wait
 * on a control block at the start of the shared memory, so a call costs no message: the caller writes
 * the kernel and its arguments, bumps the generation, runs share 0 itself and waits for the others to
 * count themselves done. Calls are synchronous, like the rest of the CPU backend.
 *
 * Both sides poll a while before they sleep, as OpenMP runtimes do: kernels come back to back in a
 * training or decode step, and waking a sleeping thread costs tens of microseconds, as much as a
 * decode step's matrix-vector product. The polling adapts, as an adaptive mutex does: each wait that
 * ends while polling doubles the next one's budget, each that has to sleep quarters it. On a machine
 * with more busy threads than cores a poller would hold a core that the thread it waits for needs;
 * there the waits keep failing and the polling all but stops.
 *
 * Control block (Int32 slots): generation, done count, failure flag, kernel index, argument count;
 * arguments as float64 from byte 64 (pointers past 2³¹ wrap to the same i32 the kernel reads).
 */
export const CONTROL_BYTES = 256;
const GENERATION = 0;
const DONE = 1;
const FAILED = 2;
const KERNEL = 3;
const ARGC = 4;
const ARGS_AT = 64;
const MAX_ARGS = 24;
const STOP = -1;
/** Most polls of the control block before a thread sleeps (a few hundred microseconds), and fewest. */
const MAX_SPINS = 1 << 19;
const MIN_SPINS = 1 << 8;

// The worker's whole program, as source: a bundler may rewrite `require` in code it compiles.
const threadSource = `
const { workerData } = require('node:worker_threads');
const { module, memory, index, count, names } = workerData;
const kernels = new WebAssembly.Instance(module, {
  env: { memory, abort() { throw new Error('abort'); } },
}).exports;
const control = new Int32Array(memory.buffer, 0, 16);
const args = new Float64Array(memory.buffer, ${ARGS_AT}, ${MAX_ARGS});
let seen = 0;
let spins = ${MAX_SPINS};
for (;;) {
  let i = 0;
  while (i < spins && Atomics.load(control, ${GENERATION}) === seen) i++;
  spins = i < spins ? Math.min(${MAX_SPINS}, spins * 2) : Math.max(${MIN_SPINS}, spins >> 2);
  Atomics.wait(control, ${GENERATION}, seen);
  seen = Atomics.load(control, ${GENERATION});
  const kernel = Atomics.load(control, ${KERNEL});
  if (kernel === ${STOP}) break;
  try {
    kernels[names[kernel]](...args.subarray(0, Atomics.load(control, ${ARGC})), index, count);
  } catch {
    Atomics.store(control, ${FAILED}, 1);
  }
  Atomics.add(control, ${DONE}, 1);
  Atomics.notify(control, ${DONE});
}
`;

export class ThreadPool {
  readonly count: number;
  private readonly workers: Worker[];
  private readonly control: Int32Array;
  private readonly args: Float64Array;
  private readonly names: string[];
  private readonly kernels: Record<string, (...args: number[]) => void>;
  /** This thread's polling budget while it waits for the others (see above). */
  private spins = MAX_SPINS;
  private destroyed = false;

  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    kernels: Record<string, (...args: number[]) => void>,
    count: number,
  ) {
    this.count = count;
    this.kernels = kernels;
    this.names = Object.keys(kernels);
    this.control = new Int32Array(memory.buffer, 0, 16);
    this.args = new Float64Array(memory.buffer, ARGS_AT, MAX_ARGS);
    this.workers = [];
    for (let index = 1; index < count; index++) {
      const worker = new Worker(threadSource, {
        eval: true,
        workerData: { module, memory, index, count, names: this.names },
      });
      // Idle threads never keep the process alive; a destroyed backend stops them.
      worker.unref();
      this.workers.push(worker);
    }
  }

  /**
   * Runs `kernel(...args, t, count)` for t = 0 … count − 1, t = 0 on this thread, and returns when all
   * are done; with `parallel` false, only `kernel(...args, 0, 1)` here (work too small to share).
   */
  run(kernel: string, args: number[], parallel = true): void {
    // Waiting on threads that were stopped would never return.
    if (this.destroyed) throw new Error('cpu backend: used after destroy()');
    const fn = this.kernels[kernel]!;
    if (!parallel || this.count <= 1) {
      fn(...args, 0, 1);
      return;
    }
    if (args.length > MAX_ARGS) throw new Error(`thread pool: ${kernel} takes at most ${MAX_ARGS} arguments`);
    const c = this.control;
    this.args.set(args);
    Atomics.store(c, ARGC, args.length);
    Atomics.store(c, KERNEL, this.names.indexOf(kernel));
    Atomics.store(c, DONE, 0);
    Atomics.store(c, FAILED, 0);
    Atomics.add(c, GENERATION, 1);
    Atomics.notify(c, GENERATION);
    let failure: unknown = null;
    try {
      fn(...args, 0, this.count);
    } catch (error) {
      failure = error;
    }
    let i = 0;
    while (i < this.spins && Atomics.load(c, DONE) < this.count - 1) i++;
    this.spins = i < this.spins ? Math.min(MAX_SPINS, this.spins * 2) : Math.max(MIN_SPINS, this.spins >> 2);
    for (let done = Atomics.load(c, DONE); done < this.count - 1; done = Atomics.load(c, DONE))
      Atomics.wait(c, DONE, done);
    if (failure) throw failure;
    if (Atomics.load(c, FAILED)) throw new Error(`cpu backend: kernel ${kernel} failed in a worker thread`);
  }

  destroy(): void {
    this.destroyed = true;
    Atomics.store(this.control, KERNEL, STOP);
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}
