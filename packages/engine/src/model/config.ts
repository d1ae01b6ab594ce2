import type { Rope, RopeScaling } from '../backends/rope.ts';

export type { RopeScaling } from '../backends/rope.ts';
/** Architecture of a Llama-style decoder. Field names follow Hugging Face's LlamaConfig where one exists. */
export interface ModelConfig {
  vocabSize: number;
  /** Model width C (hidden_size). */
  dim: number;
  nLayers: number;
  nHeads: number;
  /** Grouped-query attention: key/value heads; must divide nHeads. */
  nKvHeads: number;
  /** SwiGLU inner width (intermediate_size). */
  hiddenDim: number;
  /** Longest sequence the model is used with (max_position_embeddings). */
  maxSeqLen: number;
  ropeTheta: number;
  normEps: number;
  /** The LM head reuses the token embedding (tie_word_embeddings). */
  tieEmbeddings: boolean;
  /** Width of one attention head (head_dim); `dim / nHeads` when absent, as in Hugging Face. */
  headDim?: number;
  /** RoPE frequency scaling (rope_scaling); plain RoPE when absent. */
  ropeScaling?: RopeScaling;
  /** The q, k, v and o projections have biases (attention_bias); none when absent. */
  attentionBias?: boolean;
  /** The gate, up and down projections have biases (mlp_bias); none when absent. */
  mlpBias?: boolean;
}

export type PresetName =
  | 'distillery-pico'
  | 'distillery-nano'
  | 'distillery-micro'
  | 'distillery-mini'
  | 'distillery-small'
  | 'distillery-base';

const common = { maxSeqLen: 256, ropeTheta: 10000, normEps: 1e-5 };

/**
 * Named sizes from about 35 k to about 100 M parameters (at the preset vocabulary size). `pico` is
 * the student a CPU can distil in a minute, `nano` the teacher it can fine-tune in one.
 */
export const MODEL_PRESETS: Record<PresetName, ModelConfig> = {
  'distillery-pico': {
    ...common,
    vocabSize: 512,
    dim: 32,
    nLayers: 2,
    nHeads: 2,
    nKvHeads: 1,
    hiddenDim: 64,
    tieEmbeddings: true,
  },
  'distillery-nano': {
    ...common,
    vocabSize: 512,
    dim: 64,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: 2,
    hiddenDim: 160,
    tieEmbeddings: true,
  },
  'distillery-micro': {
    ...common,
    vocabSize: 1024,
    dim: 128,
    nLayers: 4,
    nHeads: 4,
    nKvHeads: 2,
    hiddenDim: 384,
    tieEmbeddings: true,
  },
  'distillery-mini': {
    ...common,
    vocabSize: 4096,
    dim: 256,
    nLayers: 6,
    nHeads: 8,
    nKvHeads: 4,
    hiddenDim: 704,
    tieEmbeddings: true,
  },
  'distillery-small': {
    ...common,
    maxSeqLen: 512,
    vocabSize: 8192,
    dim: 512,
    nLayers: 8,
    nHeads: 8,
    nKvHeads: 4,
    hiddenDim: 1408,
    tieEmbeddings: true,
  },
  'distillery-base': {
    ...common,
    maxSeqLen: 1024,
    vocabSize: 16384,
    dim: 768,
    nLayers: 12,
    nHeads: 12,
    nKvHeads: 4,
    hiddenDim: 2048,
    tieEmbeddings: false,
  },
};

/**
 * The shapes of well-known open Llama-architecture models (from their Hugging Face `config.json`), so
 * that a job may name its student `llama-3.2-1b` as reference 000 does. A student gets the shape
 * only: it trains from scratch with the job's own tokenizer (whose vocabulary replaces the original
 * one) and without Llama 3's long-context RoPE scaling. Past ~100 M parameters a CPU is far too slow.
 */
export const OPEN_ARCHITECTURES: Record<string, ModelConfig> = {
  'smollm2-135m': {
    vocabSize: 49152,
    dim: 576,
    nLayers: 30,
    nHeads: 9,
    nKvHeads: 3,
    hiddenDim: 1536,
    maxSeqLen: 8192,
    ropeTheta: 100000,
    normEps: 1e-5,
    tieEmbeddings: true,
  },
  'smollm2-360m': {
    vocabSize: 49152,
    dim: 960,
    nLayers: 32,
    nHeads: 15,
    nKvHeads: 5,
    hiddenDim: 2560,
    maxSeqLen: 8192,
    ropeTheta: 100000,
    normEps: 1e-5,
    tieEmbeddings: true,
  },
  'llama-3.2-1b': {
    vocabSize: 128256,
    dim: 2048,
    nLayers: 16,
    nHeads: 32,
    nKvHeads: 8,
    hiddenDim: 8192,
    maxSeqLen: 131072,
    ropeTheta: 500000,
    normEps: 1e-5,
    tieEmbeddings: true,
  },
  'llama-3.2-3b': {
    vocabSize: 128256,
    dim: 3072,
    nLayers: 28,
    nHeads: 24,
    nKvHeads: 8,
    hiddenDim: 8192,
    maxSeqLen: 131072,
    ropeTheta: 500000,
    normEps: 1e-5,
    tieEmbeddings: true,
  },
};

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(MODEL_PRESETS, name);
}

function knownArchitecture(name: string): ModelConfig | undefined {
  if (isPresetName(name)) return MODEL_PRESETS[name];
  return Object.hasOwn(OPEN_ARCHITECTURES, name) ? OPEN_ARCHITECTURES[name] : undefined;
}

/** Whether `name` can be a distillation student: a preset or an open architecture. */
export function isStudentModel(name: string): boolean {
  return knownArchitecture(name) !== undefined;
}

export const STUDENT_MODELS: readonly string[] = [
  ...Object.keys(MODEL_PRESETS),
  ...Object.keys(OPEN_ARCHITECTURES),
];

/**
 * A preset or open architecture by name, optionally overridden field by field (e.g. the tokenizer's
 * real vocabulary size).
 */
export function presetConfig(name: string, overrides: Partial<ModelConfig> = {}): ModelConfig {
  const base = knownArchitecture(name);
  if (!base)
    throw new Error(`unknown model '${name}' (student_model); expected one of ${STUDENT_MODELS.join(', ')}`);
  return validateModelConfig({ ...base, ...overrides });
}

export function validateModelConfig(c: ModelConfig): ModelConfig {
  const positive = ['vocabSize', 'dim', 'nLayers', 'nHeads', 'nKvHeads', 'hiddenDim', 'maxSeqLen'] as const;
  for (const k of positive) {
    if (!Number.isInteger(c[k]) || c[k] < 1)
      throw new Error(`model config: ${k} must be a positive integer, got ${c[k]}`);
  }
  if (c.headDim === undefined && c.dim % c.nHeads !== 0)
    throw new Error(`model config: dim (${c.dim}) must be divisible by nHeads (${c.nHeads})`);
  if (c.headDim !== undefined && (!Number.isInteger(c.headDim) || c.headDim < 1))
    throw new Error(`model config: headDim must be a positive integer, got ${c.headDim}`);
  if (c.nHeads % c.nKvHeads !== 0)
    throw new Error(`model config: nHeads (${c.nHeads}) must be divisible by nKvHeads (${c.nKvHeads})`);
  if (headDim(c) % 2 !== 0)
    throw new Error(`model config: the head dimension (${headDim(c)}) must be even (RoPE pairs)`);
  return c;
}

export function ropeOf(c: ModelConfig): Rope {
  return c.ropeScaling ? { theta: c.ropeTheta, scaling: c.ropeScaling } : { theta: c.ropeTheta };
}

export function headDim(c: ModelConfig): number {
  return c.headDim ?? c.dim / c.nHeads;
}
