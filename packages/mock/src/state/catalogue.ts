/**
 * What a fresh Distillery server knows before anyone trains anything: its preset architectures
 * (the engine's Llama-style decoders) and, when configured, an OpenAI-compatible teacher endpoint.
 */
import type { Schemas } from '../spec';
import { ENGINE_PRESETS, OPEN_ARCHITECTURE_PARAMETERS } from './presets';

type Model = Schemas['Model'];

/** Unix seconds of the presets' creation: the spec's example instant, as on the reference server. */
const PRESET_CREATED = 1776600000;

/** The engine's presets (`distillery-pico` … `distillery-base`) as `/v1/models` lists them. */
export const PRESETS: Model[] = ENGINE_PRESETS.map((p) => ({
  id: p.id,
  object: 'model',
  created: PRESET_CREATED,
  owned_by: 'distillery',
  kind: 'preset',
  parameters: p.parameters,
  context_length: p.context_length,
  architecture: p.architecture,
}));

export const BASE_MODEL_DESCRIPTIONS: Record<string, string> = Object.fromEntries(
  ENGINE_PRESETS.map((p) => [p.id, p.description]),
);

/** Teacher endpoints listed when the OpenAI-compatible provider is configured. */
export const OPENAI_TEACHERS = ['openai/gpt-4o', 'openai/gpt-4o-mini'];

/** Every student the reference server's engine can train: the presets, then the open architectures. */
export const STUDENT_MODELS = [...PRESETS.map((m) => m.id), ...Object.keys(OPEN_ARCHITECTURE_PARAMETERS)];

export function presetParameters(id: string): number | undefined {
  const bare = id.startsWith('local/') ? id.slice('local/'.length) : id;
  return (
    PRESETS.find((m) => m.id === bare)?.parameters ??
    (Object.hasOwn(OPEN_ARCHITECTURE_PARAMETERS, bare) ? OPEN_ARCHITECTURE_PARAMETERS[bare] : undefined)
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
