import { headDim } from '../model/config.ts';
import type { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { type GgufTensorSpec, GgufType, type GgufValue, writeGguf } from './gguf-writer.ts';
import type { WrittenFile } from './hashed-file.ts';
import { FILE_TYPE, type QuantizationType, tensorCodec } from './quant-mix.ts';
import { byteSize } from './quantize/index.ts';
import { ropeToInterleaved } from './rope-permute.ts';
import { hfToGguf } from './tensor-names.ts';
import type { TensorSource } from './tensor-source.ts';

/** llama_token_type values in tokenizer.ggml.token_type. */
const TOKEN_NORMAL = 1;
const TOKEN_CONTROL = 3;

export interface GgufExportOptions {
  quantization: QuantizationType;
  /** general.name. */
  name?: string;
  alignment?: number;
}

const u32 = (value: number): GgufValue => ({ type: GgufType.UINT32, value });
const f32 = (value: number): GgufValue => ({ type: GgufType.FLOAT32, value });
const str = (value: string): GgufValue => ({ type: GgufType.STRING, value });
const bool = (value: boolean): GgufValue => ({ type: GgufType.BOOL, value });

/** Metadata llama.cpp reads for a llama-architecture model with a GPT-2 style byte-level BPE vocabulary. */
export function llamaMetadata(
  source: TensorSource,
  tokenizer: BpeTokenizer,
  o: GgufExportOptions,
): Map<string, GgufValue> {
  const c = source.config;
  if (tokenizer.vocabSize !== c.vocabSize)
    throw new Error(`gguf: tokenizer has ${tokenizer.vocabSize} tokens, the model ${c.vocabSize}`);
  const m = new Map<string, GgufValue>([
    ['general.architecture', str('llama')],
    ['general.name', str(o.name ?? 'distillery-student')],
    ['general.file_type', u32(FILE_TYPE[o.quantization])],
    ['general.quantization_version', u32(2)],
    ['llama.vocab_size', u32(c.vocabSize)],
    ['llama.context_length', u32(c.maxSeqLen)],
    ['llama.embedding_length', u32(c.dim)],
    ['llama.block_count', u32(c.nLayers)],
    ['llama.feed_forward_length', u32(c.hiddenDim)],
    ['llama.attention.head_count', u32(c.nHeads)],
    ['llama.attention.head_count_kv', u32(c.nKvHeads)],
    ['llama.rope.freq_base', f32(c.ropeTheta)],
    ['llama.rope.dimension_count', u32(headDim(c))],
    ['llama.attention.layer_norm_rms_epsilon', f32(c.normEps)],
    // Our pre-tokenizer regex is GPT-2's, which llama.cpp knows as pre-tokenizer "gpt-2".
    ['tokenizer.ggml.model', str('gpt2')],
    ['tokenizer.ggml.pre', str('gpt-2')],
    ['tokenizer.ggml.tokens', { type: GgufType.ARRAY, itemType: GgufType.STRING, value: tokenizer.vocab }],
    [
      'tokenizer.ggml.token_type',
      {
        type: GgufType.ARRAY,
        itemType: GgufType.INT32,
        value: tokenizer.vocab.map((_, id) =>
          id >= tokenizer.vocabSize - tokenizer.specialTokens.length ? TOKEN_CONTROL : TOKEN_NORMAL,
        ),
      },
    ],
    [
      'tokenizer.ggml.merges',
      { type: GgufType.ARRAY, itemType: GgufType.STRING, value: tokenizer.toJSON().merges },
    ],
    // The engine places <|bos|> itself in its prompt format; llama.cpp must not add another.
    ['tokenizer.ggml.add_bos_token', bool(false)],
    ['tokenizer.ggml.add_eos_token', bool(false)],
  ]);
  for (const [key, token] of [
    ['tokenizer.ggml.bos_token_id', '<|bos|>'],
    ['tokenizer.ggml.eos_token_id', '<|eos|>'],
    ['tokenizer.ggml.padding_token_id', '<|pad|>'],
  ] as const) {
    if (tokenizer.specialTokens.includes(token)) m.set(key, u32(tokenizer.special(token)));
  }
  return m;
}

/** The GGUF tensor list: names, ggml dims, types and lazy producers (RoPE-permuted Q and K). */
export function llamaTensors(source: TensorSource, quantization: QuantizationType): GgufTensorSpec[] {
  const c = source.config;
  return source.entries.map((e) => {
    const name = hfToGguf(e.name);
    const ne = [...e.shape].reverse();
    const layer = /^blk\.(\d+)\./.exec(name);
    const codec = tensorCodec(
      { name, ne, layer: layer ? Number(layer[1]) : null },
      quantization,
      c.nLayers,
      c.tieEmbeddings,
    );
    return {
      name,
      ne,
      codec,
      data: async () => {
        let w = await source.read(e);
        if (name.endsWith('.attn_q.weight')) w = ropeToInterleaved(w, c.nHeads, c.dim);
        else if (name.endsWith('.attn_k.weight')) w = ropeToInterleaved(w, c.nKvHeads, c.dim);
        const out = new Uint8Array(byteSize(codec, e.size));
        codec.quantize(w, out);
        return out;
      },
    };
  });
}

export function writeLlamaGguf(
  path: string,
  source: TensorSource,
  tokenizer: BpeTokenizer,
  o: GgufExportOptions,
): Promise<WrittenFile> {
  return writeGguf(
    path,
    llamaMetadata(source, tokenizer, o),
    llamaTensors(source, o.quantization),
    o.alignment,
  );
}
