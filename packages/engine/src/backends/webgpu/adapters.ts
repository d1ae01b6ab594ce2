/// <reference types="@webgpu/types" />

/**
 * Finding WebGPU adapters: `navigator.gpu` in a browser; in Node, Dawn through the `webgpu` package,
 * first with its default (native) backend — Vulkan, Metal or D3D12 — and then through OpenGL ES/EGL,
 * which is how a machine without a GPU reaches Mesa's llvmpipe software rasteriser.
 */

export interface FoundAdapter {
  adapter: GPUAdapter;
  /** `browser`, `native` (Dawn's default backend) or `opengl` (Dawn over EGL). */
  via: 'browser' | 'native' | 'opengl';
  /** A CPU implementation (llvmpipe, lavapipe, SwiftShader, WARP), not a GPU. */
  software: boolean;
  description: string;
}

const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render/i;

/** Recognises software adapters by the fallback flag or by the rasteriser's name in the adapter info. */
export function isSoftwareAdapter(adapter: GPUAdapter): boolean {
  const info = adapter.info;
  // `isFallbackAdapter` moved from the adapter to its info; older implementations have only the former.
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  if (info.isFallbackAdapter || legacy) return true;
  return SOFTWARE.test([info.vendor, info.architecture, info.device, info.description].join(' '));
}

export function describeAdapter(adapter: GPUAdapter): string {
  const { vendor, architecture, device, description } = adapter.info;
  return [vendor, architecture, device, description].filter((s) => s).join(' / ') || 'unknown adapter';
}

function found(adapter: GPUAdapter | null, via: FoundAdapter['via']): FoundAdapter | null {
  if (!adapter) return null;
  return { adapter, via, software: isSoftwareAdapter(adapter), description: describeAdapter(adapter) };
}

/**
 * Dawn instances by option list, kept for the life of the process: an instance that is garbage
 * collected while one of its devices is alive takes the device down with it (the process aborts).
 */
const instances = new Map<string, GPU>();
function instance(create: (options: string[]) => GPU, options: string[]): GPU {
  const key = options.join(',');
  let gpu = instances.get(key);
  if (!gpu) {
    gpu = create(options);
    instances.set(key, gpu);
  }
  return gpu;
}

/**
 * Every adapter this process can reach, native ones first. In Node the OpenGL route is only tried when
 * the native one found nothing or only a software adapter, since on a machine with a GPU it would
 * merely offer the same GPU with fewer features.
 */
export async function findAdapters(): Promise<FoundAdapter[]> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) {
    const a = found(await nav.gpu.requestAdapter({ powerPreference: 'high-performance' }), 'browser');
    return a ? [a] : [];
  }
  if (typeof process === 'undefined' || !process.versions?.node) return [];
  let create: (options: string[]) => GPU;
  try {
    ({ create } = await import('webgpu'));
  } catch {
    return []; // the optional native module is missing or failed to load
  }
  const result: FoundAdapter[] = [];
  const native = found(
    await instance(create, []).requestAdapter({ powerPreference: 'high-performance' }),
    'native',
  );
  if (native) result.push(native);
  if (!native || native.software) {
    // Mesa's EGL needs a platform without a display server; only set when the user has not chosen one.
    process.env.EGL_PLATFORM ??= 'surfaceless';
    const gl = found(
      await instance(create, ['backend=opengl']).requestAdapter({ featureLevel: 'compatibility' }),
      'opengl',
    );
    if (gl) result.push(gl);
  }
  return result;
}

/** Limits the kernels rely on, beyond the defaults of WebGPU's compatibility mode. */
const REQUIRED_LIMITS = {
  // 256-thread workgroups (1-D kernels and the 16×16 matmul tile); the compatibility default is 128.
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupSizeY: 16,
  // Two 64×16 f32 matmul tiles (8 KiB) or the 1 KiB reduction buffer.
  maxComputeWorkgroupStorageSize: 8192,
  // The widest kernels (rmsnorm backward, cross-entropy forward, attention forward) bind 5.
  maxStorageBuffersPerShaderStage: 5,
} as const;

/**
 * A device with the limits the kernels need, and the largest buffers the adapter allows, so that the
 * parameter and activation buffers of big models fit.
 */
export async function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const [name, needed] of Object.entries(REQUIRED_LIMITS)) {
    const available = adapter.limits[name as keyof GPUSupportedLimits] as number;
    if (available < needed)
      throw new Error(`webgpu backend: adapter limit ${name} is ${available}, the kernels need ${needed}`);
    requiredLimits[name] = needed;
  }
  requiredLimits.maxStorageBufferBindingSize = adapter.limits.maxStorageBufferBindingSize;
  requiredLimits.maxBufferSize = adapter.limits.maxBufferSize;
  return adapter.requestDevice({ requiredLimits });
}
