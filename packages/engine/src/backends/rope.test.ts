import { describe, expect, it } from 'vitest';
import { ropeInverseFrequencies } from './rope.ts';

describe('ropeInverseFrequencies', () => {
  it('is theta^(-2i/D) without scaling', () => {
    const inv = ropeInverseFrequencies(8, { theta: 10000 });
    expect([...inv]).toEqual([0, 1, 2, 3].map((i) => 10000 ** (-i / 4)));
  });

  it('applies llama3 scaling as transformers does: long wavelengths / factor, short kept, a blend between', () => {
    const scaling = {
      type: 'llama3',
      factor: 8,
      lowFreqFactor: 1,
      highFreqFactor: 4,
      originalMaxPositions: 64,
    } as const;
    const D = 32;
    const plain = ropeInverseFrequencies(D, { theta: 500000 });
    const scaled = ropeInverseFrequencies(D, { theta: 500000, scaling });
    // transformers' _compute_llama3_parameters, written out for each pair.
    for (let i = 0; i < D / 2; i++) {
      const wavelen = (2 * Math.PI) / plain[i]!;
      const smooth = (64 / wavelen - 1) / (4 - 1);
      const want =
        wavelen < 64 / 4
          ? plain[i]!
          : wavelen > 64
            ? plain[i]! / 8
            : (1 - smooth) * (plain[i]! / 8) + smooth * plain[i]!;
      expect(scaled[i]).toBeCloseTo(want, 15);
    }
    expect(scaled[0]).toBe(plain[0]);
    expect(scaled[D / 2 - 1]).toBeCloseTo(plain[D / 2 - 1]! / 8, 15);
    expect(scaled.some((v, i) => v !== plain[i] && v !== plain[i]! / 8)).toBe(true);
  });
});
