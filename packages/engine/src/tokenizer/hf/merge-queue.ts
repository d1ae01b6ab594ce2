/** Positions are packed below ranks in one double: rank · 2^32 + position. */
const POS = 2 ** 32;

/** A binary min-heap of candidate merges ordered by rank, then position (word.rs's `Merge` order). */
export class MergeQueue {
  private keys: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(rank: number, pos: number, id: number): void {
    const keys = this.keys;
    const ids = this.ids;
    const key = rank * POS + pos;
    let i = keys.length;
    keys.push(key);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** Removes the first merge; the queue must not be empty. */
  pop(): { pos: number; id: number } {
    const keys = this.keys;
    const ids = this.ids;
    const top = { pos: keys[0]! % POS, id: ids[0]! };
    const lastKey = keys.pop()!;
    const lastId = ids.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        ids[i] = ids[child]!;
        i = child;
      }
      keys[i] = lastKey;
      ids[i] = lastId;
    }
    return top;
  }
}
