/**
 * IEEE half precision, written by hand because the engine targets runtimes without Float16Array.
 * Rounding is to nearest, ties to even, as ggml's GGML_FP32_TO_FP16 and numpy's astype(float16) do, so
 * our f16 bytes equal theirs.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: the implicit leading 1 joins the mantissa, shifted to units of 2^-24.
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    let h = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

const HALF_TO_FLOAT = (() => {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) t[h] = sign * mant * 2 ** -24;
    else if (exp === 0x1f) t[h] = mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
    else t[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return t;
})();

export function fromHalf(h: number): number {
  return HALF_TO_FLOAT[h & 0xffff]!;
}

/** The value a float becomes after a round trip through f16. */
export function roundHalf(v: number): number {
  return HALF_TO_FLOAT[toHalf(v)]!;
}

export function writeHalf(out: Uint8Array, offset: number, v: number): void {
  const h = toHalf(v);
  out[offset] = h & 0xff;
  out[offset + 1] = h >>> 8;
}

export function readHalf(b: Uint8Array, offset: number): number {
  return HALF_TO_FLOAT[b[offset]! | (b[offset + 1]! << 8)]!;
}
