import type { RopeScaling } from '../backends/rope.ts';
import { type ModelConfig, validateModelConfig } from '../model/config.ts';
import { CheckpointError } from './checkpoint-error.ts';

/** Hugging Face model types whose graph is the engine's: Llama's decoder (Mistral without its sliding window). */
const LLAMA_FAMILY: Record<string, string> = { llama: 'LlamaForCausalLM', mistral: 'MistralForCausalLM' };
/**
 * The model types whose projections take attention_bias / mlp_bias. transformers' Mistral builds
 * every projection without a bias whatever its config says, so there the flags mean nothing.
 */
const BIASED_TYPES = new Set(['llama']);

function ropeScaling(rope: Record<string, unknown>, where: string): RopeScaling | undefined {
  const type = rope.rope_type ?? rope.type ?? 'default';
  if (type === 'default') return undefined;
  if (type !== 'llama3')
    throw new CheckpointError(
      `${where}: rope_scaling type ${JSON.stringify(type)} is not supported (default and llama3 are)`,
    );
  const num = (k: string) => {
    if (typeof rope[k] !== 'number') throw new CheckpointError(`${where}: rope_scaling.${k} is missing`);
    return rope[k] as number;
  };
  return {
    type: 'llama3',
    factor: num('factor'),
    lowFreqFactor: num('low_freq_factor'),
    highFreqFactor: num('high_freq_factor'),
    originalMaxPositions: num('original_max_position_embeddings'),
  };
}

/**
 * The engine's `ModelConfig` from a Hugging Face `config.json` (as transformers 4.x or 5.x write it,
 * or as our exporter does). RoPE's base and scaling are `rope_parameters` in transformers 5 and
 * `rope_theta` / `rope_scaling` before. Llama's attention_bias and mlp_bias give the projections their
 * biases, as in transformers' LlamaAttention and LlamaMLP. What the engine's graph does not compute
 * (another model type or activation, a RoPE scaling other than llama3, a sliding window) is an error
 * naming the field rather than a model that silently computes something else.
 */
export function hfLlamaConfig(cfg: Record<string, unknown>, where: string): ModelConfig {
  const unsupported = (what: string) => new CheckpointError(`${where}: ${what} is not supported`);
  const type = cfg.model_type;
  if (typeof type !== 'string' || !Object.hasOwn(LLAMA_FAMILY, type))
    throw unsupported(
      `model_type ${JSON.stringify(type)} (Llama-family models are: ${Object.keys(LLAMA_FAMILY).join(', ')})`,
    );
  const architectures = cfg.architectures;
  if (Array.isArray(architectures) && !architectures.includes(LLAMA_FAMILY[type]))
    throw unsupported(`architectures ${JSON.stringify(architectures)} (expected ${LLAMA_FAMILY[type]})`);
  const num = (k: string) => {
    if (typeof cfg[k] !== 'number') throw new CheckpointError(`${where}: ${k} is missing`);
    return cfg[k] as number;
  };
  if (cfg.hidden_act !== undefined && cfg.hidden_act !== 'silu')
    throw unsupported(`hidden_act ${JSON.stringify(cfg.hidden_act)}`);
  const maxSeqLen = num('max_position_embeddings');
  if (typeof cfg.sliding_window === 'number' && cfg.sliding_window < maxSeqLen)
    throw unsupported(`sliding_window ${cfg.sliding_window} (shorter than max_position_embeddings)`);
  const rope = (cfg.rope_parameters ?? cfg.rope_scaling ?? {}) as Record<string, unknown>;
  const theta = typeof rope.rope_theta === 'number' ? rope.rope_theta : cfg.rope_theta;
  const scaling = ropeScaling(rope, where);
  const nHeads = num('num_attention_heads');
  const dim = num('hidden_size');
  const config: ModelConfig = {
    vocabSize: num('vocab_size'),
    dim,
    nLayers: num('num_hidden_layers'),
    nHeads,
    nKvHeads: typeof cfg.num_key_value_heads === 'number' ? cfg.num_key_value_heads : nHeads,
    hiddenDim: num('intermediate_size'),
    maxSeqLen,
    // transformers' LlamaConfig defaults.
    ropeTheta: typeof theta === 'number' ? theta : 10000,
    normEps: num('rms_norm_eps'),
    tieEmbeddings: cfg.tie_word_embeddings === true,
  };
  if (typeof cfg.head_dim === 'number' && cfg.head_dim !== dim / nHeads) config.headDim = cfg.head_dim;
  if (scaling) config.ropeScaling = scaling;
  if (BIASED_TYPES.has(type) && cfg.attention_bias === true) config.attentionBias = true;
  if (BIASED_TYPES.has(type) && cfg.mlp_bias === true) config.mlpBias = true;
  try {
    return validateModelConfig(config);
  } catch (err) {
    throw new CheckpointError(`${where}: ${(err as Error).message}`);
  }
}
