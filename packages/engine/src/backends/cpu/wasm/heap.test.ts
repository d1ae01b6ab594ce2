import { describe, expect, it } from 'vitest';
import { WasmHeap } from './heap.ts';

const PAGE = 65536;

function heap(maxPages = 16) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: maxPages, shared: true });
  return { memory, heap: new WasmHeap(memory, 256, maxPages) };
}

describe('WasmHeap', () => {
  it('hands out 64-byte-aligned blocks above the reserved bytes, growing the memory as needed', () => {
    const { memory, heap: h } = heap();
    const a = h.alloc(10)!;
    const b = h.alloc(3 * PAGE)!;
    expect(a).toBe(256);
    expect(b).toBe(320);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b + 3 * PAGE);
    expect(h.usedBytes).toBe(64 + 3 * PAGE);
  });

  it('reuses freed blocks first fit and merges neighbours', () => {
    const { heap: h } = heap();
    const [a, b, c] = [h.alloc(64)!, h.alloc(64)!, h.alloc(64)!];
    h.alloc(64);
    h.free(a);
    h.free(c);
    expect(h.alloc(128)).toBe(c + 128);
    h.free(b);
    expect(h.alloc(192)).toBe(a);
    expect(h.alloc(64)).toBe(c + 256);
  });

  it('lowers its top when the last block is freed, so the space is whole again', () => {
    const { heap: h } = heap();
    const a = h.alloc(PAGE)!;
    const b = h.alloc(PAGE)!;
    h.free(b);
    h.free(a);
    expect(h.usedBytes).toBe(0);
    expect(h.alloc(2 * PAGE)).toBe(a);
  });

  it('answers null past the maximum or inside the room kept free, and rejects a double free', () => {
    const { heap: h } = heap(4);
    expect(h.alloc(4 * PAGE)).toBeNull();
    expect(h.alloc(2 * PAGE, 2 * PAGE)).toBeNull();
    const a = h.alloc(2 * PAGE, PAGE)!;
    expect(a).toBe(256);
    h.free(a);
    expect(() => h.free(a)).toThrow(/not an allocated block/);
  });
});
