/// <reference types="@webgpu/types" />
import { describe, expect, it } from 'vitest';
import { createBackend } from '../index.ts';
import { isSoftwareAdapter } from './adapters.ts';
import { detectAdapters } from './select.ts';

function fakeAdapter(info: Partial<GPUAdapterInfo>, legacyFallback?: boolean): GPUAdapter {
  const full = {
    vendor: '',
    architecture: '',
    device: '',
    description: '',
    isFallbackAdapter: false,
    ...info,
  };
  return { info: full, isFallbackAdapter: legacyFallback } as unknown as GPUAdapter;
}

describe('adapter classification', () => {
  it('recognises software rasterisers by name, by the fallback flag and by the legacy flag', () => {
    expect(isSoftwareAdapter(fakeAdapter({ device: 'llvmpipe-llvm-15-0-6-256-bits-' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'google', architecture: 'swiftshader' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ device: 'Lavapipe' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ description: 'Microsoft Basic Render Driver' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'x', isFallbackAdapter: true }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'x' }, true))).toBe(true);
  });

  it('takes real GPUs for hardware', () => {
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'nvidia', architecture: 'hopper', device: 'H100' }))).toBe(
      false,
    );
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'apple', architecture: 'metal-3' }))).toBe(false);
  });
});

describe('backend selection', () => {
  it('cpu is always the CPU backend', async () => {
    const be = await createBackend('cpu');
    expect(be.name).toBe('cpu');
    be.destroy();
  });

  it('auto takes WebGPU only on a hardware adapter', async () => {
    const adapters = await detectAdapters();
    const be = await createBackend('auto');
    try {
      expect(be.name).toBe(adapters.some((a) => !a.software) ? 'webgpu' : 'cpu');
    } finally {
      be.destroy();
    }
  });

  it('webgpu forces WebGPU, software adapters included, or says why not', async () => {
    const adapters = await detectAdapters();
    if (adapters.length === 0) {
      await expect(createBackend('webgpu')).rejects.toThrow(/no WebGPU adapter/);
      return;
    }
    const be = await createBackend('webgpu');
    try {
      expect(be.name).toBe('webgpu');
      expect(be.device).toContain(adapters.find((a) => !a.software)?.description ?? adapters[0]!.description);
    } finally {
      be.destroy();
    }
  });
});
