/**
 * What a fresh Distillery server knows before anyone trains anything: its preset architectures
 * (the engine's Llama-style decoders) and, when configured, an OpenAI-compatible teacher endpoint.
 */
import type { Schemas } from '../spec';

type Model = Schemas['Model'];

/** Unix seconds of the presets' creation: the spec's example instant. */
const PRESET_CREATED = 1776600000;

export const PRESETS: Model[] = [
  {
    id: 'distillery-nano',
    object: 'model',
    created: PRESET_CREATED,
    owned_by: 'distillery',
    kind: 'preset',
    parameters: 115712,
    context_length: 256,
    architecture: { n_layers: 2, d_model: 64, n_heads: 4, n_kv_heads: 2, d_ff: 176, vocab_size: 512 },
  },
  {
    id: 'distillery-micro',
    object: 'model',
    created: PRESET_CREATED,
    owned_by: 'distillery',
    kind: 'preset',
    parameters: 812032,
    context_length: 256,
    architecture: { n_layers: 4, d_model: 128, n_heads: 4, n_kv_heads: 2, d_ff: 352, vocab_size: 2048 },
  },
  {
    id: 'distillery-small',
    object: 'model',
    created: PRESET_CREATED,
    owned_by: 'distillery',
    kind: 'preset',
    parameters: 6815744,
    context_length: 512,
    architecture: { n_layers: 6, d_model: 256, n_heads: 8, n_kv_heads: 4, d_ff: 688, vocab_size: 4096 },
  },
];

export const BASE_MODEL_DESCRIPTIONS: Record<string, string> = {
  'distillery-nano': '2 layers, 64 wide. Unit tests and smoke runs.',
  'distillery-micro': '4 layers, 128 wide. The default student.',
  'distillery-small': '6 layers, 256 wide. A CPU-trainable teacher.',
};

/** Teacher endpoints listed when the OpenAI-compatible provider is configured. */
export const OPENAI_TEACHERS = ['openai/gpt-4o', 'openai/gpt-4o-mini'];

/**
 * The open architectures the reference server's engine can train as students, with their published
 * parameter counts, so compression ratios look right.
 */
const OPEN_STUDENTS: Record<string, number> = {
  'smollm2-135m': 134515008,
  'smollm2-360m': 361821120,
  'llama-3.2-1b': 1235814400,
  'llama-3.2-3b': 3212749824,
};

export const STUDENT_MODELS = [...PRESETS.map((m) => m.id), ...Object.keys(OPEN_STUDENTS)];

export function presetParameters(id: string): number | undefined {
  const bare = id.startsWith('local/') ? id.slice('local/'.length) : id;
  return (
    PRESETS.find((m) => m.id === bare)?.parameters ??
    (Object.hasOwn(OPEN_STUDENTS, bare) ? OPEN_STUDENTS[bare] : undefined)
  );
}

export const HARDWARE: Schemas['Hardware'] = {
  default_backend: 'cpu',
  backends: [
    {
      name: 'webgpu',
      available: false,
      is_software: false,
      reason: 'The mock simulates training; it has no GPU adapter',
    },
    { name: 'cpu', available: true, is_software: false, cores: 2, memory_bytes: 8589934592 },
  ],
};
