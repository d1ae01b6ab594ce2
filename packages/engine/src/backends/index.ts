import type { Backend } from './backend.ts';
import { CpuBackend } from './cpu/cpu-backend.ts';
import { WasmCpuBackend } from './cpu/wasm-cpu-backend.ts';
import { createWebGpuBackend, webGpuBackendFactory } from './webgpu/select.ts';

export type BackendKind = 'auto' | 'cpu' | 'webgpu';

/**
 * `cpu` always works: WebAssembly SIMD kernels on every core where the runtime has them, else the
 * TypeScript kernels on one thread. `webgpu` demands a WebGPU adapter (software adapters allowed, for tests) and
 * throws when none is available. `auto` takes a hardware GPU adapter when one exists, else the CPU:
 * a software rasteriser (llvmpipe, SwiftShader) is far slower than the CPU backend.
 * Dawn is loaded only when a WebGPU backend is asked for.
 */
export async function createBackend(kind: BackendKind = 'auto'): Promise<Backend> {
  if (kind === 'cpu') return cpuBackend();
  if (kind === 'webgpu') return createWebGpuBackend({ allowSoftwareAdapter: true });
  if (kind !== 'auto') throw new Error(`backend: unknown backend '${String(kind)}' (config.backend)`);
  const gpu = await webGpuBackendFactory({ allowSoftwareAdapter: false }).catch(() => null);
  return gpu ?? cpuBackend();
}

function cpuBackend(): Backend {
  return WasmCpuBackend.create() ?? new CpuBackend();
}
