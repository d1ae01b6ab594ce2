const PAGE = 65536;
const ALIGN = 64;

/**
 * Tensors of the WebAssembly CPU backend live in one shared `WebAssembly.Memory`, so that the kernels
 * and every thread read them in place. This hands out 64-byte-aligned blocks of it: first fit over a
 * free list kept sorted by address, neighbours merged on free, and the memory grown (it never moves:
 * it is shared) when no free block fits. `alloc` answers null when the block would come within
 * `keepFree` bytes of the memory's maximum; the backend then keeps that tensor in ordinary JavaScript
 * memory, and the room kept free is there for the kernels' scratch.
 */
export class WasmHeap {
  private readonly memory: WebAssembly.Memory;
  private readonly maxBytes: number;
  /** Blocks handed out: address → size. */
  private readonly used = new Map<number, number>();
  /** Free blocks below `top`, sorted by address. */
  private readonly freeBlocks: { at: number; size: number }[] = [];
  private top: number;

  constructor(memory: WebAssembly.Memory, reservedBytes: number, maxPages: number) {
    this.memory = memory;
    this.maxBytes = maxPages * PAGE;
    this.top = roundUp(reservedBytes);
  }

  /** Bytes handed out and not yet freed. */
  get usedBytes(): number {
    let sum = 0;
    for (const size of this.used.values()) sum += size;
    return sum;
  }

  alloc(bytes: number, keepFree = 0): number | null {
    const size = roundUp(Math.max(bytes, 1));
    const index = this.freeBlocks.findIndex((b) => b.size >= size);
    let at: number;
    if (index >= 0) {
      const block = this.freeBlocks[index]!;
      at = block.at;
      if (block.size === size) this.freeBlocks.splice(index, 1);
      else {
        block.at += size;
        block.size -= size;
      }
    } else {
      if (this.top + size > this.maxBytes - keepFree) return null;
      const needed = this.top + size - this.memory.buffer.byteLength;
      if (needed > 0) this.memory.grow(Math.ceil(needed / PAGE));
      at = this.top;
      this.top += size;
    }
    this.used.set(at, size);
    return at;
  }

  free(at: number): void {
    const size = this.used.get(at);
    if (size === undefined) throw new Error(`wasm heap: ${at} is not an allocated block`);
    this.used.delete(at);
    let lo = 0;
    let hi = this.freeBlocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.freeBlocks[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    const block = { at, size };
    this.freeBlocks.splice(lo, 0, block);
    const next = this.freeBlocks[lo + 1];
    if (next && block.at + block.size === next.at) {
      block.size += next.size;
      this.freeBlocks.splice(lo + 1, 1);
    }
    const prev = this.freeBlocks[lo - 1];
    if (prev && prev.at + prev.size === block.at) {
      prev.size += block.size;
      this.freeBlocks.splice(lo, 1);
    }
    const last = this.freeBlocks[this.freeBlocks.length - 1];
    if (last && last.at + last.size === this.top) {
      this.top = last.at;
      this.freeBlocks.pop();
    }
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
