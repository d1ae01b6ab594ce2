import { headDim, type ModelConfig } from '../model/config.ts';
import type { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';

/** config.json for transformers' LlamaForCausalLM (RoPE half-split, as the trainer: no permutation). */
export function hfConfig(
  c: ModelConfig,
  ids: { bos: number | null; eos: number | null; pad: number | null },
): Record<string, unknown> {
  const s = c.ropeScaling;
  if (s?.type === 'factors')
    throw new Error(
      "config.json: RoPE frequency factors (a GGUF's rope_freqs) have no transformers form; export GGUF",
    );
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    vocab_size: c.vocabSize,
    hidden_size: c.dim,
    intermediate_size: c.hiddenDim,
    num_hidden_layers: c.nLayers,
    num_attention_heads: c.nHeads,
    num_key_value_heads: c.nKvHeads,
    head_dim: headDim(c),
    max_position_embeddings: c.maxSeqLen,
    rope_theta: c.ropeTheta,
    rope_scaling: s
      ? {
          rope_type: s.type,
          factor: s.factor,
          low_freq_factor: s.lowFreqFactor,
          high_freq_factor: s.highFreqFactor,
          original_max_position_embeddings: s.originalMaxPositions,
        }
      : null,
    rms_norm_eps: c.normEps,
    tie_word_embeddings: c.tieEmbeddings,
    hidden_act: 'silu',
    attention_bias: c.attentionBias === true,
    attention_dropout: 0,
    mlp_bias: c.mlpBias === true,
    initializer_range: 0.02,
    bos_token_id: ids.bos,
    eos_token_id: ids.eos,
    pad_token_id: ids.pad,
    torch_dtype: 'float32',
    use_cache: true,
  };
}

/**
 * tokenizer.json in the Hugging Face tokenizers format: ByteLevel pre-tokenizer with GPT-2's regex (the
 * one our tokenizer uses), BPE over the byte-unicode alphabet with our merges in rank order, and the
 * special tokens as added tokens. No post-processor: like our encoder, it adds no bos/eos itself.
 */
export function hfTokenizer(tokenizer: BpeTokenizer): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  const nSpecial = tokenizer.specialTokens.length;
  for (const [id, token] of tokenizer.vocab.entries()) {
    if (id >= tokenizer.vocabSize - nSpecial) continue;
    if (Object.hasOwn(vocab, token))
      throw new Error(
        `tokenizer.json: tokens ${vocab[token]} and ${id} are both '${token}', which a vocabulary map cannot hold`,
      );
    vocab[token] = id;
  }
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: tokenizer.specialTokens.map((content) => ({
      id: tokenizer.special(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: null,
    decoder: byteLevel,
    model: bpeModel(vocab, tokenizer.toJSON().merges),
  };
}

/** tokenizer.json's `model` for a BPE: byte-level unless the options say otherwise. */
export function bpeModel(
  vocab: Record<string, number>,
  merges: string[],
  o: { unkToken?: string | null; byteFallback?: boolean; ignoreMerges?: boolean } = {},
): Record<string, unknown> {
  return {
    type: 'BPE',
    dropout: null,
    unk_token: o.unkToken ?? null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    // SentencePiece-style vocabularies fuse runs of unknown characters into one <unk>, as Llama 2's does.
    fuse_unk: o.byteFallback ?? false,
    byte_fallback: o.byteFallback ?? false,
    ignore_merges: o.ignoreMerges ?? false,
    vocab,
    merges,
  };
}

/** tokenizer_config.json, so AutoTokenizer picks the fast tokenizer as-is rather than Llama's defaults. */
export function hfTokenizerConfig(tokenizer: BpeTokenizer, maxSeqLen: number): Record<string, unknown> {
  const name = (t: string) => (tokenizer.specialTokens.includes(t) ? t : null);
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    bos_token: name('<|bos|>'),
    eos_token: name('<|eos|>'),
    pad_token: name('<|pad|>'),
    add_bos_token: false,
    add_eos_token: false,
    clean_up_tokenization_spaces: false,
    model_max_length: maxSeqLen,
  };
}
