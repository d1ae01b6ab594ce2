/// <reference types="@webgpu/types" />
import type { AdamWParams, Backend, DType, Tensor } from '../backend.ts';
import { type Rope, ropeInverseFrequencies } from '../rope.ts';
import { adamw } from './kernels/adamw.wgsl.ts';
import {
  attentionBackwardKeys,
  attentionBackwardQueries,
  attentionBackwardScores,
  attentionBackwardValues,
  attentionDecode,
  attentionForward,
} from './kernels/attention.wgsl.ts';
import { biasBackward, biasForward } from './kernels/bias.wgsl.ts';
import { accumulate, copyWithin, residual, scale } from './kernels/elementwise.wgsl.ts';
import { encoderBackward, encoderBackwardLinks, encoderForward } from './kernels/encoder.wgsl.ts';
import { elementwiseGroups, type Kernel, rowGroups } from './kernels/kernel.ts';
import { klDivBackward, klDivForward } from './kernels/kl-div.wgsl.ts';
import { kvCacheWrite } from './kernels/kv-cache.wgsl.ts';
import { gemm, type Layout, TILE_M, TILE_N } from './kernels/matmul.wgsl.ts';
import { columnGroups, SUM_PARTIALS, sumOfSquares } from './kernels/reduce.wgsl.ts';
import { rmsnormBackwardInput, rmsnormBackwardWeight, rmsnormForward } from './kernels/rmsnorm.wgsl.ts';
import { rope as ropeKernel } from './kernels/rope.wgsl.ts';
import { crossEntropyBackward, crossEntropyForward } from './kernels/softmax-cross-entropy.wgsl.ts';
import { swigluBackward, swigluForward } from './kernels/swiglu.wgsl.ts';

// WebGPU's GPUBufferUsage / GPUMapMode values. Dawn in Node only defines those globals when its
// `globals` are installed on globalThis, which a library should not do, so the spec values are used.
const USAGE_MAP_READ = 0x1;
const USAGE_COPY_SRC = 0x4;
const USAGE_COPY_DST = 0x8;
const USAGE_UNIFORM = 0x40;
const USAGE_STORAGE = 0x80;
const MAP_READ = 0x1;
const STAGE_COMPUTE = 0x4;
/** Staging buffers kept per size class for downloads; a step downloads the same few sizes again. */
const STAGING_KEPT = 4;

/** Uniform slots per flush: each dispatch takes one slot of the arena (see `dispatch`). */
const UNIFORM_SLOTS = 1024;
/** Largest `Params` struct of any kernel, in bytes (9 scalars for AdamW), rounded up to 16. */
const UNIFORM_BYTES = 48;

export class WebGpuTensor implements Tensor {
  readonly dtype: DType;
  readonly length: number;
  readonly buffer: GPUBuffer;
  readonly owner: WebGpuBackend;
  freed = false;

  constructor(owner: WebGpuBackend, buffer: GPUBuffer, length: number, dtype: DType) {
    this.owner = owner;
    this.buffer = buffer;
    this.length = length;
    this.dtype = dtype;
  }
}

/** u32 fields first, then f32 fields, matching each kernel's `Params` struct. */
interface Uniforms {
  u32: number[];
  f32?: number[];
}

/** Cos/sin table for one (head dim, RoPE): positions [0, positions). */
interface RopeTable {
  buffer: GPUBuffer;
  positions: number;
}

/**
 * The WebGPU backend. Kernel calls are recorded into one command encoder (consecutive dispatches share
 * a compute pass) and submitted together when the host needs a result (`download`, `sync`,
 * `sumOfSquares`), when data is uploaded, or when the uniform arena is full. Order is preserved because
 * uploads flush the recorded work before `queue.writeBuffer`, and zero/copy are recorded into the same
 * encoder as the kernels.
 *
 * Uniforms: every dispatch gets its own aligned slot in a host-side arena that is written to one GPU
 * uniform buffer right before the submit. `queue.writeBuffer` is ordered with submits on the queue
 * timeline, so reusing the buffer after a submit cannot affect work already submitted.
 */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu';
  readonly device: string;
  private readonly gpu: GPUDevice;
  private readonly pipelines = new Map<
    string,
    { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout }
  >();
  /**
   * Bind groups by kernel and buffers: the dispatches of a training or decode step repeat the same
   * ones every step, and the uniform slot is a dynamic offset, so a bind group is made once. A
   * buffer's groups are dropped when the buffer is destroyed.
   */
  private readonly bindGroups = new Map<string, { group: GPUBindGroup; buffers: GPUBuffer[] }>();
  private readonly bindGroupsOf = new Map<GPUBuffer, Set<string>>();
  private readonly bufferIds = new WeakMap<GPUBuffer, number>();
  private nextBufferId = 0;
  /** Mappable buffers for downloads, by size class (powers of two). */
  private readonly staging = new Map<number, GPUBuffer[]>();
  private readonly slotBytes: number;
  private readonly uniformHost: ArrayBuffer;
  private readonly uniformBuffer: GPUBuffer;
  private slots = 0;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  /** Buffers released while recorded work may still reference them; destroyed after the next submit. */
  private retired: GPUBuffer[] = [];
  private readonly ropeTables = new Map<string, RopeTable>();
  private links: WebGpuTensor | null = null;
  private partials: WebGpuTensor;
  private error: Error | null = null;
  private destroyed = false;

  constructor(device: GPUDevice, description: string) {
    this.gpu = device;
    this.device = description;
    this.slotBytes = Math.max(device.limits.minUniformBufferOffsetAlignment, UNIFORM_BYTES);
    this.uniformHost = new ArrayBuffer(this.slotBytes * UNIFORM_SLOTS);
    this.uniformBuffer = device.createBuffer({
      size: this.uniformHost.byteLength,
      usage: USAGE_UNIFORM | USAGE_COPY_DST,
    });
    this.partials = this.alloc(SUM_PARTIALS) as WebGpuTensor;
    // Validation errors would otherwise only show up as wrong numbers; keep the first one and throw
    // it from the next call that waits on the GPU.
    device.addEventListener('uncapturederror', (event) => {
      this.error ??= new Error(`webgpu backend: ${(event as GPUUncapturedErrorEvent).error.message}`);
    });
    void device.lost.then((info) => {
      if (!this.destroyed) this.error ??= new Error(`webgpu backend: device lost (${info.message})`);
    });
  }

  // ---------------------------------------------------------------- memory

  alloc(length: number, dtype: DType = 'f32'): Tensor {
    if (!Number.isInteger(length) || length < 0)
      throw new Error(`webgpu backend: bad tensor length ${length}`);
    const bytes = Math.max(16, Math.ceil((length * 4) / 16) * 16);
    if (bytes > this.gpu.limits.maxStorageBufferBindingSize)
      throw new Error(
        `webgpu backend: a tensor of ${length} elements exceeds the device's storage binding limit ` +
          `(${this.gpu.limits.maxStorageBufferBindingSize} bytes)`,
      );
    const buffer = this.gpu.createBuffer({
      size: bytes,
      usage: USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST,
    });
    return new WebGpuTensor(this, buffer, length, dtype);
  }

  upload(t: Tensor, data: Float32Array | Int32Array, offset = 0): void {
    const g = this.tensor(t);
    if (offset + data.length > g.length) throw new Error('webgpu backend: upload past the end of the tensor');
    // Kernels recorded before this upload must see the old contents.
    this.flush();
    this.gpu.queue.writeBuffer(g.buffer, offset * 4, data.buffer, data.byteOffset, data.byteLength);
  }

  async download(t: Tensor, offset = 0, length?: number): Promise<Float32Array | Int32Array> {
    const g = this.tensor(t);
    const n = length ?? g.length - offset;
    if (offset < 0 || n < 0 || offset + n > g.length)
      throw new Error('webgpu backend: download past the end of the tensor');
    const out = g.dtype === 'f32' ? new Float32Array(n) : new Int32Array(n);
    if (n === 0) return out;
    const staging = this.takeStaging(n * 4);
    this.endPass();
    this.commands().copyBufferToBuffer(g.buffer, offset * 4, staging, 0, n * 4);
    this.flush();
    try {
      await staging.mapAsync(MAP_READ, 0, n * 4);
    } catch (error) {
      staging.destroy();
      throw error;
    }
    try {
      this.throwIfFailed();
      new Uint8Array(out.buffer).set(new Uint8Array(staging.getMappedRange(0, n * 4)));
    } finally {
      staging.unmap();
      this.giveStaging(staging);
    }
    return out;
  }

  free(t: Tensor): void {
    const g = this.tensor(t);
    g.freed = true;
    this.forgetBindGroups(g.buffer);
    // Recorded but unsubmitted work may still use the buffer; destroying it now would fail that submit.
    if (this.encoder) this.retired.push(g.buffer);
    else g.buffer.destroy();
  }

  zero(t: Tensor, offset = 0, length?: number): void {
    const g = this.tensor(t);
    const n = length ?? g.length - offset;
    if (n === 0) return;
    this.endPass();
    this.commands().clearBuffer(g.buffer, offset * 4, n * 4);
  }

  copy(dst: Tensor, dstOffset: number, src: Tensor, srcOffset: number, length: number): void {
    const d = this.tensor(dst);
    const s = this.tensor(src);
    if (length === 0) return;
    if (d === s) {
      this.dispatch(copyWithin, [d], { u32: [length, dstOffset, srcOffset] }, elementwiseGroups(length));
      return;
    }
    this.endPass();
    this.commands().copyBufferToBuffer(s.buffer, srcOffset * 4, d.buffer, dstOffset * 4, length * 4);
  }

  async sync(): Promise<void> {
    this.flush();
    await this.gpu.queue.onSubmittedWorkDone();
    this.throwIfFailed();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.flush();
    this.destroyed = true;
    // Dawn keeps the Node process alive until the device is destroyed.
    this.gpu.destroy();
  }

  // ---------------------------------------------------------------- kernels

  encoderForward(out: Tensor, tokens: Tensor, wte: Tensor, wteOffset: number, N: number, C: number): void {
    this.dispatch(encoderForward, [out, tokens, wte], { u32: [N, C, wteOffset] }, elementwiseGroups(N * C));
  }

  encoderBackward(
    dwte: Tensor,
    dwteOffset: number,
    dout: Tensor,
    tokens: Tensor,
    N: number,
    C: number,
  ): void {
    if (!this.links || this.links.length < 2 * N) {
      if (this.links) this.free(this.links);
      this.links = this.alloc(2 * N, 'i32') as WebGpuTensor;
    }
    this.dispatch(encoderBackwardLinks, [this.links, tokens], { u32: [N] }, elementwiseGroups(N));
    this.dispatch(
      encoderBackward,
      [dwte, dout, tokens, this.links],
      { u32: [N, C, dwteOffset] },
      elementwiseGroups(N * C),
    );
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
    this.dispatch(
      rmsnormForward,
      [out, rstd, inp, weight],
      { u32: [N, C, weightOffset], f32: [eps] },
      rowGroups(N),
    );
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
    this.dispatch(
      rmsnormBackwardInput,
      [dinp, dout, inp, weight, rstd],
      { u32: [N, C, weightOffset] },
      rowGroups(N),
    );
    this.dispatch(
      rmsnormBackwardWeight,
      [dweight, dout, inp, rstd],
      { u32: [N, C, dweightOffset] },
      columnGroups(C),
    );
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
    this.gemm('nt', false, out, inp, 0, weight, weightOffset, 0, N, OC, C);
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
    if (dinp) this.gemm('nn', true, dinp, dout, 0, weight, weightOffset, 0, N, C, OC);
    this.gemm('tn', true, dweight, dout, 0, inp, 0, dweightOffset, OC, C, N);
  }

  biasForward(out: Tensor, bias: Tensor, biasOffset: number, N: number, OC: number): void {
    this.dispatch(biasForward, [out, bias], { u32: [N * OC, OC, biasOffset] }, elementwiseGroups(N * OC));
  }

  biasBackward(dbias: Tensor, dbiasOffset: number, dout: Tensor, N: number, OC: number): void {
    this.dispatch(biasBackward, [dbias, dout], { u32: [N, OC, dbiasOffset] }, columnGroups(OC));
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
    this.rope(out, inp, B, T, H, D, posOffset, rope, 1);
  }

  ropeForwardAt(
    out: Tensor,
    inp: Tensor,
    positions: Tensor,
    N: number,
    H: number,
    D: number,
    Tcap: number,
    rope: Rope,
  ): void {
    if (D % 2 !== 0) throw new Error(`webgpu backend: rope needs an even head dimension, got ${D}`);
    const half = D / 2;
    const table = this.ropeTable(D, rope, Tcap);
    const pairs = N * H * half;
    const u = { u32: [pairs, 1, H, half, 0], f32: [1] };
    const groups = elementwiseGroups(pairs);
    if (out === inp) this.dispatch(ropeKernel(true, true), [out, table, positions], u, groups);
    else this.dispatch(ropeKernel(false, true), [out, inp, table, positions], u, groups);
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
    this.rope(dinp, dout, B, T, H, D, posOffset, rope, -1);
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
    this.dispatch(
      attentionForward,
      [out, att, q, k, v],
      { u32: [B, Tq, Tk, Tcap, NH, NKV, D], f32: [1 / Math.sqrt(D)] },
      rowGroups(B * NH * Tq),
    );
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
    this.dispatch(
      kvCacheWrite,
      [kCache, vCache, k, v, slots, positions],
      { u32: [N, C, Tcap] },
      elementwiseGroups(N * C),
    );
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
    this.dispatch(
      attentionDecode,
      [out, att, q, k, v, slots, positions],
      { u32: [N, Tcap, NH, NKV, D], f32: [1 / Math.sqrt(D)] },
      rowGroups(N * NH),
    );
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
    const u = { u32: [B, T, NH, NKV, D], f32: [1 / Math.sqrt(D)] };
    const kvElements = B * T * NKV * D;
    this.dispatch(attentionBackwardValues, [dv, att, dout], u, elementwiseGroups(kvElements));
    this.dispatch(attentionBackwardScores, [datt, att, dout, v], u, rowGroups(B * NH * T));
    this.dispatch(attentionBackwardQueries, [dq, datt, k], u, elementwiseGroups(B * T * NH * D));
    this.dispatch(attentionBackwardKeys, [dk, datt, q], u, elementwiseGroups(kvElements));
  }

  swigluForward(out: Tensor, gate: Tensor, up: Tensor, n: number): void {
    this.dispatch(swigluForward, [out, gate, up], { u32: [n] }, elementwiseGroups(n));
  }

  swigluBackward(dgate: Tensor, dup: Tensor, dout: Tensor, gate: Tensor, up: Tensor, n: number): void {
    this.dispatch(swigluBackward, [dgate, dup, dout, gate, up], { u32: [n] }, elementwiseGroups(n));
  }

  residualForward(out: Tensor, a: Tensor, b: Tensor, n: number): void {
    if (out === a) this.accumulate(out, b, n);
    else this.dispatch(residual, [out, a, b], { u32: [n] }, elementwiseGroups(n));
  }

  accumulate(dst: Tensor, src: Tensor, n: number): void {
    this.dispatch(accumulate, [dst, src], { u32: [n] }, elementwiseGroups(n));
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
    this.dispatch(
      crossEntropyForward,
      [losses, probs, logits, targets, weights],
      { u32: [N, V] },
      rowGroups(N),
    );
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
    this.dispatch(
      crossEntropyBackward,
      [dlogits, probs, targets, weights],
      { u32: [N, V], f32: [scale] },
      elementwiseGroups(N * V),
    );
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
    this.dispatch(
      klDivForward,
      [losses, student, teacher, weights],
      { u32: [N, V], f32: [temperature, beta] },
      rowGroups(N),
    );
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
    this.dispatch(
      klDivBackward,
      [dstudent, student, teacher, weights],
      { u32: [N, V], f32: [temperature, beta, scale] },
      rowGroups(N),
    );
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
    const c1 = 1 - hp.beta1 ** hp.step;
    const c2 = 1 - hp.beta2 ** hp.step;
    this.dispatch(
      adamw,
      [params, m, v, grads],
      {
        u32: [offset, length],
        f32: [hp.learningRate, hp.beta1, hp.beta2, hp.eps, hp.weightDecay, c1, c2],
      },
      elementwiseGroups(length),
    );
  }

  async sumOfSquares(t: Tensor, n: number): Promise<number> {
    this.dispatch(sumOfSquares, [this.partials, t], { u32: [n] }, SUM_PARTIALS);
    const partials = await this.download(this.partials);
    let sum = 0;
    for (const x of partials) sum += x;
    return sum;
  }

  scale(t: Tensor, factor: number, n: number): void {
    this.dispatch(scale, [t], { u32: [n], f32: [factor] }, elementwiseGroups(n));
  }

  // ---------------------------------------------------------------- internals

  private gemm(
    layout: Layout,
    acc: boolean,
    c: Tensor,
    a: Tensor,
    aOffset: number,
    b: Tensor,
    bOffset: number,
    cOffset: number,
    M: number,
    N: number,
    K: number,
  ): void {
    const groupsX = Math.min(Math.ceil(N / TILE_N), 65535);
    const groupsY = Math.min(Math.ceil(M / TILE_M), 65535);
    this.dispatch(
      gemm(layout, acc),
      [c, a, b],
      { u32: [M, N, K, aOffset, bOffset, cOffset] },
      groupsX,
      groupsY,
    );
  }

  private rope(
    out: Tensor,
    inp: Tensor,
    B: number,
    T: number,
    H: number,
    D: number,
    posOffset: number,
    rope: Rope,
    sign: number,
  ): void {
    if (D % 2 !== 0) throw new Error(`webgpu backend: rope needs an even head dimension, got ${D}`);
    const half = D / 2;
    const table = this.ropeTable(D, rope, posOffset + T);
    const pairs = B * T * H * half;
    const u = { u32: [pairs, T, H, half, posOffset], f32: [sign] };
    if (out === inp) this.dispatch(ropeKernel(true), [out, table], u, elementwiseGroups(pairs));
    else this.dispatch(ropeKernel(false), [out, inp, table], u, elementwiseGroups(pairs));
  }

  /** Grows the (cos, sin) table in powers of two, so generation one token at a time rarely rebuilds it. */
  private ropeTable(D: number, rope: Rope, positions: number): WebGpuTensor {
    const half = D / 2;
    const key = JSON.stringify([D, rope.theta, rope.scaling]);
    const cached = this.ropeTables.get(key);
    if (cached && cached.positions >= positions) return this.wrap(cached.buffer, cached.positions * half * 2);
    const size = Math.max(256, 2 ** Math.ceil(Math.log2(positions)));
    const data = new Float32Array(size * half * 2);
    const inv = ropeInverseFrequencies(D, rope);
    for (let i = 0; i < half; i++) {
      for (let pos = 0; pos < size; pos++) {
        data[(pos * half + i) * 2] = Math.cos(pos * inv[i]!);
        data[(pos * half + i) * 2 + 1] = Math.sin(pos * inv[i]!);
      }
    }
    const buffer = this.gpu.createBuffer({
      size: data.byteLength,
      usage: USAGE_STORAGE,
      mappedAtCreation: true,
    });
    new Float32Array(buffer.getMappedRange()).set(data);
    buffer.unmap();
    if (cached) {
      this.forgetBindGroups(cached.buffer);
      this.retired.push(cached.buffer);
    }
    this.ropeTables.set(key, { buffer, positions: size });
    return this.wrap(buffer, data.length);
  }

  private wrap(buffer: GPUBuffer, length: number): WebGpuTensor {
    return new WebGpuTensor(this, buffer, length, 'f32');
  }

  /**
   * Records one dispatch. `tensors` follow the kernel's binding order; the first `kernel.writes` are
   * written, and WebGPU forbids a buffer that is written from being bound a second time in the same
   * dispatch, so that aliasing is reported here with the kernel's name rather than as a validation error.
   */
  private dispatch(
    kernel: Kernel,
    tensors: Tensor[],
    uniforms: Uniforms,
    groupsX: number,
    groupsY = 1,
  ): void {
    const buffers = tensors.map((t) => this.tensor(t).buffer);
    for (let w = 0; w < kernel.writes; w++) {
      if (buffers.indexOf(buffers[w]!, w + 1) !== -1 || buffers.indexOf(buffers[w]!) !== w)
        throw new Error(
          `webgpu backend: ${kernel.name}: an output tensor is also passed as another argument`,
        );
    }
    if (this.slots === UNIFORM_SLOTS) this.flush();
    const slot = this.slots++;
    const base = slot * this.slotBytes;
    const u32 = new Uint32Array(this.uniformHost, base, UNIFORM_BYTES / 4);
    const f32 = new Float32Array(this.uniformHost, base, UNIFORM_BYTES / 4);
    uniforms.u32.forEach((x, i) => {
      u32[i] = x;
    });
    uniforms.f32?.forEach((x, i) => {
      f32[uniforms.u32.length + i] = x;
    });

    const { pipeline, layout } = this.pipeline(kernel);
    const key = `${kernel.name}:${buffers.map((b) => this.bufferId(b)).join(',')}`;
    let cached = this.bindGroups.get(key);
    if (!cached) {
      const group = this.gpu.createBindGroup({
        layout,
        entries: [
          { binding: 0, resource: { buffer: this.uniformBuffer, offset: 0, size: UNIFORM_BYTES } },
          ...buffers.map((buffer, i) => ({ binding: i + 1, resource: { buffer } })),
        ],
      });
      cached = { group, buffers };
      this.bindGroups.set(key, cached);
      for (const b of buffers) {
        const keys = this.bindGroupsOf.get(b) ?? new Set<string>();
        keys.add(key);
        this.bindGroupsOf.set(b, keys);
      }
    }
    this.pass ??= this.commands().beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, cached.group, [base]);
    this.pass.dispatchWorkgroups(groupsX, groupsY);
  }

  /**
   * The kernel's pipeline, with an explicit layout (an `auto` one cannot take a dynamic offset): the
   * uniform slot, then each storage binding with the access its WGSL declares.
   */
  private pipeline(kernel: Kernel): { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout } {
    let compiled = this.pipelines.get(kernel.name);
    if (!compiled) {
      const entries: GPUBindGroupLayoutEntry[] = [
        { binding: 0, visibility: STAGE_COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } },
      ];
      for (const [, binding, access] of kernel.code.matchAll(
        /@binding\((\d+)\) var<storage, (read_write|read)>/g,
      ))
        entries.push({
          binding: Number(binding),
          visibility: STAGE_COMPUTE,
          buffer: { type: access === 'read' ? 'read-only-storage' : 'storage' },
        });
      const layout = this.gpu.createBindGroupLayout({ label: kernel.name, entries });
      const module = this.gpu.createShaderModule({ label: kernel.name, code: kernel.code });
      const pipeline = this.gpu.createComputePipeline({
        label: kernel.name,
        layout: this.gpu.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      compiled = { pipeline, layout };
      this.pipelines.set(kernel.name, compiled);
    }
    return compiled;
  }

  private bufferId(buffer: GPUBuffer): number {
    let id = this.bufferIds.get(buffer);
    if (id === undefined) {
      id = this.nextBufferId++;
      this.bufferIds.set(buffer, id);
    }
    return id;
  }

  /** Drops the cached bind groups that use `buffer`, which is about to be destroyed. */
  private forgetBindGroups(buffer: GPUBuffer): void {
    for (const key of this.bindGroupsOf.get(buffer) ?? []) {
      for (const other of this.bindGroups.get(key)?.buffers ?? []) this.bindGroupsOf.get(other)?.delete(key);
      this.bindGroups.delete(key);
    }
    this.bindGroupsOf.delete(buffer);
  }

  private takeStaging(bytes: number): GPUBuffer {
    const size = 2 ** Math.ceil(Math.log2(Math.max(bytes, 256)));
    return (
      this.staging.get(size)?.pop() ?? this.gpu.createBuffer({ size, usage: USAGE_MAP_READ | USAGE_COPY_DST })
    );
  }

  private giveStaging(buffer: GPUBuffer): void {
    const kept = this.staging.get(buffer.size) ?? [];
    if (kept.length >= STAGING_KEPT) {
      buffer.destroy();
      return;
    }
    kept.push(buffer);
    this.staging.set(buffer.size, kept);
  }

  private commands(): GPUCommandEncoder {
    if (this.destroyed) throw new Error('webgpu backend: used after destroy()');
    this.encoder ??= this.gpu.createCommandEncoder();
    return this.encoder;
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
  }

  /** Submits everything recorded so far, with the uniforms it uses. */
  private flush(): void {
    if (!this.encoder) return;
    this.endPass();
    if (this.slots > 0)
      this.gpu.queue.writeBuffer(this.uniformBuffer, 0, this.uniformHost, 0, this.slots * this.slotBytes);
    this.gpu.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.slots = 0;
    for (const b of this.retired) b.destroy();
    this.retired = [];
  }

  private throwIfFailed(): void {
    if (this.error) throw this.error;
  }

  private tensor(t: Tensor): WebGpuTensor {
    if (!(t instanceof WebGpuTensor) || t.owner !== this)
      throw new Error('webgpu backend: tensor was not allocated by this backend');
    if (t.freed) throw new Error('webgpu backend: tensor used after free()');
    return t;
  }
}
