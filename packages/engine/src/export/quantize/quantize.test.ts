import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.ts';
import { CODEC_ERROR_BOUNDS, relRms } from '../__fixtures__/models.ts';
import { fromHalf, toHalf } from './f16.ts';
import { BF16, type BlockCodec, byteSize, F16, F32, Q4_0, Q4_K, Q5_0, Q6_K, Q8_0 } from './index.ts';
import { scaleMinK4 } from './q4_k.ts';

function gaussian(n: number, std: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal() * std);
}

function roundTrip(codec: BlockCodec, x: Float32Array): Float32Array {
  const bytes = new Uint8Array(byteSize(codec, x.length));
  codec.quantize(x, bytes);
  const y = new Float32Array(x.length);
  codec.dequantize(bytes, y);
  return y;
}

describe('f16', () => {
  it('converts exactly representable values and rounds ties to even', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(70000)).toBe(0x7c00);
    expect(toHalf(2 ** -24)).toBe(0x0001);
    expect(toHalf(2 ** -26)).toBe(0x0000);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie, even mantissa stays
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, odd mantissa rounds up
    expect(toHalf(3 * 2 ** -25)).toBe(0x0002); // subnormal tie rounds to even
    for (const h of [0x0001, 0x03ff, 0x0400, 0x3555, 0x7bff, 0xfbff]) expect(toHalf(fromHalf(h))).toBe(h);
  });
});

describe('bf16', () => {
  it('keeps the top half of an f32, rounding to nearest even, as ggml does', () => {
    const bytes = (v: number) => {
      const out = new Uint8Array(2);
      BF16.quantize(Float32Array.of(v), out);
      return out[0]! | (out[1]! << 8);
    };
    expect(bytes(1)).toBe(0x3f80);
    expect(bytes(-2)).toBe(0xc000);
    expect(bytes(1 + 2 ** -8)).toBe(0x3f80); // tie, even mantissa stays
    expect(bytes(1 + 3 * 2 ** -8)).toBe(0x3f82); // tie, odd mantissa rounds up
    expect(bytes(Number.NaN) & 0x7fc0).toBe(0x7fc0);
    const x = gaussian(4096, 1, 3);
    const y = roundTrip(BF16, x);
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(y[i]! - x[i]!)).toBeLessThanOrEqual(Math.abs(x[i]!) * 2 ** -8);
  });
});

describe('block codecs', () => {
  it('have ggml block sizes and byte sizes', () => {
    const sizes = [F32, F16, Q8_0, Q4_0, Q5_0, Q4_K, Q6_K].map((c) => [
      c.name,
      c.id,
      c.blockSize,
      c.typeSize,
    ]);
    expect(sizes).toEqual([
      ['F32', 0, 1, 4],
      ['F16', 1, 1, 2],
      ['Q8_0', 8, 32, 34],
      ['Q4_0', 2, 32, 18],
      ['Q5_0', 6, 32, 22],
      ['Q4_K', 12, 256, 144],
      ['Q6_K', 14, 256, 210],
    ]);
    expect(() => byteSize(Q4_K, 300)).toThrow(/whole number/);
  });

  const bounds: [BlockCodec, number][] = [F32, F16, Q8_0, Q6_K, Q5_0, Q4_K, Q4_0].map((c) => [
    c,
    CODEC_ERROR_BOUNDS[c.name]!,
  ]);
  for (const [codec, bound] of bounds) {
    it(`${codec.name} reconstructs Gaussian weights within ${bound}`, () => {
      const x = gaussian(65536, 0.02, 1);
      expect(relRms(roundTrip(codec, x), x)).toBeLessThanOrEqual(bound);
    });
  }

  it('Q8_0 writes an f16 scale of max|x|/127 and rounded int8 levels', () => {
    const x = new Float32Array(32);
    x[0] = 127;
    x[1] = -63.5;
    x[2] = 0.4;
    const b = new Uint8Array(34);
    Q8_0.quantize(x, b);
    expect([b[0], b[1]]).toEqual([0x00, 0x3c]); // d = 1.0
    expect([b[2], b[3], b[4], b[5]]).toEqual([127, 256 - 64, 0, 0]); // -63.5 rounds away from zero
  });

  it('Q4_0 maps the extreme value to level 0 and pairs element j with j + 16 in a byte', () => {
    const x = new Float32Array(32);
    x[0] = -8; // d = max / -8 = 1
    x[16] = 7;
    x[1] = 3;
    const b = new Uint8Array(18);
    Q4_0.quantize(x, b);
    expect([b[0], b[1]]).toEqual([0x00, 0x3c]);
    expect(b[2]).toBe(0 | (15 << 4)); // -8 → 0, 7 → 15
    expect(b[3]).toBe(11 | (8 << 4)); // 3 → 11, 0 → 8
  });

  it('Q5_0 stores the fifth bit of element j in bit j of qh', () => {
    const x = new Float32Array(32);
    x[0] = -16; // d = 1, level 0
    x[1] = 15; // level 31: high bit set
    x[17] = 1; // level 17: high bit set, qh bit 17
    const b = new Uint8Array(22);
    Q5_0.quantize(x, b);
    const qh = new DataView(b.buffer).getUint32(2, true);
    expect(qh & 1).toBe(0);
    expect((qh >>> 1) & 1).toBe(1);
    expect((qh >>> 17) & 1).toBe(1);
    expect((qh >>> 16) & 1).toBe(1); // element 16 is 0 → level 16
    expect(roundTrip(Q5_0, x).slice(0, 2)).toEqual(Float32Array.from([-16, 15]));
  });

  it('Q4_K packs 6-bit scales and mins as ggml get_scale_min_k4 reads them', () => {
    // A super-block whose sub-block j is constant-spread so each gets a distinct scale and min.
    const x = new Float32Array(256);
    for (let j = 0; j < 8; j++)
      for (let l = 0; l < 32; l++) x[j * 32 + l] = -0.01 * (j + 1) + ((l % 16) / 15) * 0.02 * (8 - j);
    const b = new Uint8Array(144);
    Q4_K.quantize(x, b);
    const pairs = Array.from({ length: 8 }, (_, j) => scaleMinK4(b, 4, j));
    // Sub-block 0 has the widest range and so the largest scale (63); sub-block 7 the largest min.
    expect(pairs[0]![0]).toBe(63);
    expect(pairs[7]![1]).toBe(63);
    for (let j = 1; j < 8; j++) expect(pairs[j]![0]).toBeLessThan(pairs[j - 1]![0]);
    expect(relRms(roundTrip(Q4_K, x), x)).toBeLessThan(0.05);
  });

  it('Q6_K places the quants of elements l, l+32, l+64, l+96 as ggml dequantize_row_q6_K reads them', () => {
    const x = new Float32Array(256);
    // Integers in −32..31 with −32 in every 16-value sub-block: every sub-block scale is exactly 1, so
    // each value is one exact level and any misplaced bit shows up as a wrong value.
    for (let i = 0; i < 256; i++) x[i] = i % 16 === 0 ? -32 : ((i * 37) % 64) - 32;
    expect(roundTrip(Q6_K, x)).toEqual(x);
  });

  it('an all-zero block decodes to zeros in every format', () => {
    for (const codec of [Q8_0, Q4_0, Q5_0, Q4_K, Q6_K])
      expect(roundTrip(codec, new Float32Array(256)).every((v) => v === 0)).toBe(true);
  });
});
