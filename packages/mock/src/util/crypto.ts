/** Hex sha256 through Web Crypto, which both Node (≥ 20) and browsers provide. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id body like the server's (`job_4kq9…`): lowercase alphanumerics. */
export function randomId(prefix: string, length = 12): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return prefix + [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A seeded generator (mulberry32): the same job always gets the same accuracy and the same bytes. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
