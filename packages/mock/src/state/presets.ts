// Generated from packages/engine/src/model by `npm run presets -w @distillery/mock`. Do not edit.
import type { Schemas } from '../spec';

export interface Preset {
  id: string;
  parameters: number;
  context_length: number;
  architecture: Schemas['ModelArchitecture'];
  description: string;
}

/** The engine's presets (MODEL_PRESETS), in its order, as the reference server describes them. */
export const ENGINE_PRESETS: readonly Preset[] = [
  {
    id: 'distillery-pico',
    parameters: 34976,
    context_length: 256,
    architecture: {
      n_layers: 2,
      d_model: 32,
      n_heads: 2,
      n_kv_heads: 1,
      d_ff: 64,
      vocab_size: 512,
    },
    description: '2 layers, 32 wide, 512-token vocabulary.',
  },
  {
    id: 'distillery-nano',
    parameters: 119104,
    context_length: 256,
    architecture: {
      n_layers: 2,
      d_model: 64,
      n_heads: 4,
      n_kv_heads: 2,
      d_ff: 160,
      vocab_size: 512,
    },
    description: '2 layers, 64 wide, 512-token vocabulary.',
  },
  {
    id: 'distillery-micro',
    parameters: 918656,
    context_length: 256,
    architecture: {
      n_layers: 4,
      d_model: 128,
      n_heads: 4,
      n_kv_heads: 2,
      d_ff: 384,
      vocab_size: 1024,
    },
    description: '4 layers, 128 wide, 1024-token vocabulary.',
  },
  {
    id: 'distillery-mini',
    parameters: 5475584,
    context_length: 256,
    architecture: {
      n_layers: 6,
      d_model: 256,
      n_heads: 8,
      n_kv_heads: 4,
      d_ff: 704,
      vocab_size: 4096,
    },
    description: '6 layers, 256 wide, 4096-token vocabulary.',
  },
  {
    id: 'distillery-small',
    parameters: 27795968,
    context_length: 512,
    architecture: {
      n_layers: 8,
      d_model: 512,
      n_heads: 8,
      n_kv_heads: 4,
      d_ff: 1408,
      vocab_size: 8192,
    },
    description: '8 layers, 512 wide, 8192-token vocabulary.',
  },
  {
    id: 'distillery-base',
    parameters: 100682496,
    context_length: 1024,
    architecture: {
      n_layers: 12,
      d_model: 768,
      n_heads: 12,
      n_kv_heads: 4,
      d_ff: 2048,
      vocab_size: 16384,
    },
    description: '12 layers, 768 wide, 16384-token vocabulary.',
  },
];

/** Parameters of the open Llama-architecture shapes a student may take (OPEN_ARCHITECTURES). */
export const OPEN_ARCHITECTURE_PARAMETERS: Readonly<Record<string, number>> = {
  'smollm2-135m': 134515008,
  'smollm2-360m': 361821120,
  'llama-3.2-1b': 1235814400,
  'llama-3.2-3b': 3212749824,
};
