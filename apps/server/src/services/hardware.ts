import { availableParallelism, totalmem } from 'node:os';
import { detectAdapters } from '@distillery/engine';
import type { Schemas } from '../openapi/spec.ts';

const DETECT_TIMEOUT_MS = 15_000;

let cached: Promise<Schemas['Hardware']> | undefined;

/**
 * The engine's view of this machine's compute, probed once: WebGPU adapters (hardware first) and the
 * CPU. `backend: auto` runs on a hardware adapter when there is one, else on the CPU.
 */
export function hardware(): Promise<Schemas['Hardware']> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<Schemas['Hardware']> {
  const cpu: Schemas['HardwareBackend'] = {
    name: 'cpu',
    available: true,
    is_software: false,
    cores: availableParallelism(),
    memory_bytes: totalmem(),
  };
  let webgpu: Schemas['HardwareBackend'];
  try {
    const adapters = await Promise.race([
      detectAdapters(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${DETECT_TIMEOUT_MS} ms`)),
          DETECT_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
    const best = adapters.find((a) => !a.software) ?? adapters[0];
    webgpu = best
      ? {
          name: 'webgpu',
          available: true,
          is_software: best.software,
          adapter: { description: `${best.description} (via ${best.via})` },
        }
      : { name: 'webgpu', available: false, is_software: false, reason: 'no WebGPU adapter found' };
  } catch (err) {
    webgpu = {
      name: 'webgpu',
      available: false,
      is_software: false,
      reason: `WebGPU detection failed: ${(err as Error).message}`,
    };
  }
  return {
    default_backend: webgpu.available && !webgpu.is_software ? 'webgpu' : 'cpu',
    backends: [webgpu, cpu],
  };
}
