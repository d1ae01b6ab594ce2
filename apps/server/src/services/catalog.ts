import { countParameters, MODEL_PRESETS, type ModelConfig } from '@distillery/engine';
import type { Schemas } from '../openapi/spec.ts';

/** The engine's student/base presets, as the API describes them. */
export interface Preset {
  id: string;
  parameters: number;
  context_length: number;
  architecture: Schemas['ModelArchitecture'];
  description: string;
}

export function architectureOf(c: ModelConfig): Schemas['ModelArchitecture'] {
  return {
    n_layers: c.nLayers,
    d_model: c.dim,
    n_heads: c.nHeads,
    n_kv_heads: c.nKvHeads,
    d_ff: c.hiddenDim,
    vocab_size: c.vocabSize,
  };
}

export const PRESETS: Preset[] = Object.entries(MODEL_PRESETS).map(([id, c]) => ({
  id,
  parameters: countParameters(c),
  context_length: c.maxSeqLen,
  architecture: architectureOf(c),
  description: `${c.nLayers} layers, ${c.dim} wide, ${c.vocabSize}-token vocabulary.`,
}));

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/**
 * Parameters of a model named the Hugging Face way (`llama-3.2-1b`, `qwen2-500m`), read from its
 * size suffix; used only for estimates of students that are not presets.
 */
export function parametersFromName(id: string): number | null {
  const m = id.toLowerCase().match(/(\d+(?:\.\d+)?)([bm])(?![a-z])/);
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] === 'b' ? 1e9 : 1e6));
}
