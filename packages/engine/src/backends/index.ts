import type { Backend } from './backend.ts';
import { CpuBackend } from './cpu/cpu-backend.ts';

export type BackendKind = 'auto' | 'cpu' | 'webgpu';

/** Creates a GPU backend, or resolves null when no suitable (hardware) adapter exists. */
export type GpuBackendFactory = (options: { allowSoftwareAdapter: boolean }) => Promise<Backend | null>;

let webgpuFactory: GpuBackendFactory | null = null;

/** The WebGPU backend registers itself here, so the core never imports Dawn unless it is used. */
export function registerWebGpuBackend(factory: GpuBackendFactory): void {
  webgpuFactory = factory;
}

/**
 * `cpu` always works. `webgpu` demands a WebGPU adapter (software adapters allowed, for tests) and
 * throws when none is available. `auto` takes a hardware GPU adapter when one exists, else the CPU.
 */
export async function createBackend(kind: BackendKind = 'auto'): Promise<Backend> {
  if (kind === 'cpu') return new CpuBackend();
  if (kind === 'webgpu') {
    if (!webgpuFactory)
      throw new Error('backend: the webgpu backend is not available in this build (config.backend)');
    const gpu = await webgpuFactory({ allowSoftwareAdapter: true });
    if (!gpu) throw new Error('backend: no WebGPU adapter found (config.backend = webgpu)');
    return gpu;
  }
  if (kind !== 'auto') throw new Error(`backend: unknown backend '${String(kind)}' (config.backend)`);
  const gpu = webgpuFactory ? await webgpuFactory({ allowSoftwareAdapter: false }).catch(() => null) : null;
  return gpu ?? new CpuBackend();
}
