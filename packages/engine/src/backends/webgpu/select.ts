import { type FoundAdapter, findAdapters, requestDevice } from './adapters.ts';
import { WebGpuBackend } from './webgpu-backend.ts';

/** What `detectAdapters` reports: enough to explain the choice in logs and `bench` output. */
export interface AdapterInfo {
  via: FoundAdapter['via'];
  software: boolean;
  description: string;
}

export async function detectAdapters(): Promise<AdapterInfo[]> {
  return (await findAdapters()).map(({ via, software, description }) => ({ via, software, description }));
}

export interface WebGpuOptions {
  /** Accept llvmpipe / SwiftShader-class adapters (tests; `backend: webgpu` on a machine without a GPU). */
  allowSoftwareAdapter?: boolean;
}

/** The preferred adapter: a hardware one if any, else (when allowed) a software one. */
async function pickAdapter(allowSoftware: boolean): Promise<FoundAdapter | null> {
  const adapters = await findAdapters();
  return adapters.find((a) => !a.software) ?? (allowSoftware ? (adapters[0] ?? null) : null);
}

/** Creates the WebGPU backend; throws when no acceptable adapter exists. */
export async function createWebGpuBackend(options: WebGpuOptions = {}): Promise<WebGpuBackend> {
  const backend = await webGpuBackendFactory({ allowSoftwareAdapter: options.allowSoftwareAdapter ?? false });
  if (!backend)
    throw new Error(
      options.allowSoftwareAdapter
        ? 'webgpu backend: no WebGPU adapter found (on Linux without a GPU install Mesa: libegl1 libegl-mesa0 libgl1-mesa-dri)'
        : 'webgpu backend: no hardware WebGPU adapter found',
    );
  return backend;
}

/**
 * The WebGPU backend on the best adapter, or null (rather than throwing) when no acceptable adapter
 * exists, so `createBackend('auto')` can fall back to the CPU.
 */
export async function webGpuBackendFactory(options: {
  allowSoftwareAdapter: boolean;
}): Promise<WebGpuBackend | null> {
  const found = await pickAdapter(options.allowSoftwareAdapter);
  if (!found) return null;
  const device = await requestDevice(found.adapter);
  const kind = found.software ? 'software' : 'hardware';
  return new WebGpuBackend(device, `WebGPU ${found.via}, ${kind}: ${found.description}`);
}
