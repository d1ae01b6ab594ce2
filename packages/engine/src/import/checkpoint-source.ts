import type { ModelConfig } from '../model/config.ts';
import type { ParamEntry } from '../model/layout.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';

/** What an imported model reports about itself (the API's model object carries these). */
export interface CheckpointSummary {
  /** e.g. `LlamaForCausalLM` */
  architecture: string;
  format: 'safetensors' | 'gguf';
  parameters: number;
  /** The weights' type on disk: `F32`, `F16`, `BF16`, or a GGUF tensor type such as `Q8_0`. */
  dtype: string;
  context_length: number;
  vocab_size: number;
  tokenizer_type: 'byte-level-bpe' | 'sentencepiece-bpe';
  chat_template: boolean;
}

/**
 * An opened checkpoint: its architecture and tokenizer read and checked, its tensors read on demand,
 * one at a time, in the engine's layout (Hugging Face names and shapes, RoPE's half-split pairing).
 */
export interface CheckpointSource {
  config: ModelConfig;
  tokenizer: Tokenizer;
  summary: CheckpointSummary;
  /** Kept beside the model: generation_config.json and the checkpoint's origin. */
  metadata: Record<string, unknown>;
  read(entry: ParamEntry): Promise<Float32Array>;
  close(): Promise<void>;
}
