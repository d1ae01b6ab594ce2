/** Llama 3.1's long-context RoPE (transformers' `rope_type: "llama3"`). */
export interface Llama3RopeScaling {
  type: 'llama3';
  factor: number;
  lowFreqFactor: number;
  highFreqFactor: number;
  originalMaxPositions: number;
}

/**
 * Each pair's rotation slowed by a factor of its own: how llama.cpp stores Llama 3.1's scaling in a
 * GGUF (the `rope_freqs` tensor), without the parameters it was computed from.
 */
export interface RopeFrequencyFactors {
  type: 'factors';
  /** One per pair of a head, D/2. */
  factors: number[];
}

export type RopeScaling = Llama3RopeScaling | RopeFrequencyFactors;

/** RoPE's parameters: the base, and a frequency scaling where the model was trained with one. */
export interface Rope {
  theta: number;
  scaling?: RopeScaling;
}

/**
 * The rotation speed of each of a head's D/2 pairs, theta^(-2i/D), as transformers computes it. Under
 * llama3 scaling, wavelengths longer than the original context / low_freq_factor slow down by
 * `factor`, those shorter than original context / high_freq_factor stay, and the band between is a
 * linear blend of the two, so positions beyond the pretraining context stay in the trained range.
 */
export function ropeInverseFrequencies(D: number, rope: Rope): Float64Array {
  const half = D >> 1;
  const inv = new Float64Array(half);
  for (let i = 0; i < half; i++) inv[i] = rope.theta ** ((-2 * i) / D);
  const s = rope.scaling;
  if (!s) return inv;
  if (s.type === 'factors') {
    if (s.factors.length !== half)
      throw new Error(`rope: ${s.factors.length} frequency factors for ${half} pairs`);
    for (let i = 0; i < half; i++) inv[i]! /= s.factors[i]!;
    return inv;
  }
  const lowWavelen = s.originalMaxPositions / s.lowFreqFactor;
  const highWavelen = s.originalMaxPositions / s.highFreqFactor;
  for (let i = 0; i < half; i++) {
    const wavelen = (2 * Math.PI) / inv[i]!;
    if (wavelen > lowWavelen) inv[i]! /= s.factor;
    else if (wavelen >= highWavelen) {
      const smooth =
        (s.originalMaxPositions / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
      inv[i] = (1 - smooth) * (inv[i]! / s.factor) + smooth * inv[i]!;
    }
  }
  return inv;
}
