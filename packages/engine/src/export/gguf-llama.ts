import { ropeInverseFrequencies } from '../backends/rope.ts';
import { headDim, type ModelConfig, ropeOf } from '../model/config.ts';
import { type GgufTensorSpec, GgufType, type GgufValue, writeGguf } from './gguf-writer.ts';
import type { WrittenFile } from './hashed-file.ts';
import { FILE_TYPE, type QuantizationType, tensorCodec } from './quant-mix.ts';
import { byteSize, F32 } from './quantize/index.ts';
import { ropeToInterleaved } from './rope-permute.ts';
import { hfToGguf } from './tensor-names.ts';
import type { TensorSource } from './tensor-source.ts';
import type { TokenizerExport } from './tokenizer-export.ts';

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

/** Metadata llama.cpp reads for a llama-architecture model, with a byte-level BPE or SentencePiece vocabulary. */
export function llamaMetadata(
  source: TensorSource,
  tokenizer: TokenizerExport,
  o: GgufExportOptions,
): Map<string, GgufValue> {
  const c = source.config;
  const v = tokenizer.gguf;
  if (v.tokens.length !== c.vocabSize)
    throw new Error(`gguf: tokenizer has ${v.tokens.length} tokens, the model ${c.vocabSize}`);
  const strings = (value: string[]): GgufValue => ({
    type: GgufType.ARRAY,
    itemType: GgufType.STRING,
    value,
  });
  const hd = headDim(c);
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
    ['llama.rope.dimension_count', u32(hd)],
    ['llama.attention.layer_norm_rms_epsilon', f32(c.normEps)],
    ['tokenizer.ggml.model', str(v.model)],
    ...(v.pre ? [['tokenizer.ggml.pre', str(v.pre)] as [string, GgufValue]] : []),
    ['tokenizer.ggml.tokens', strings(v.tokens)],
    ...(v.scores
      ? [
          [
            'tokenizer.ggml.scores',
            { type: GgufType.ARRAY, itemType: GgufType.FLOAT32, value: v.scores },
          ] as [string, GgufValue],
        ]
      : []),
    ['tokenizer.ggml.token_type', { type: GgufType.ARRAY, itemType: GgufType.INT32, value: v.types }],
    ...(v.merges ? [['tokenizer.ggml.merges', strings(v.merges)] as [string, GgufValue]] : []),
    // The engine places bos itself in its prompt format; llama.cpp must not add another.
    ['tokenizer.ggml.add_bos_token', bool(false)],
    ['tokenizer.ggml.add_eos_token', bool(false)],
  ]);
  if (hd !== c.dim / c.nHeads) {
    m.set('llama.attention.key_length', u32(hd));
    m.set('llama.attention.value_length', u32(hd));
  }
  if (v.addSpacePrefix !== undefined) m.set('tokenizer.ggml.add_space_prefix', bool(v.addSpacePrefix));
  if (v.chatTemplate !== undefined) m.set('tokenizer.chat_template', str(v.chatTemplate));
  for (const [key, id] of [
    ['tokenizer.ggml.bos_token_id', tokenizer.bos],
    ['tokenizer.ggml.eos_token_id', tokenizer.eos],
    ['tokenizer.ggml.padding_token_id', tokenizer.pad],
  ] as const) {
    if (id !== null) m.set(key, u32(id));
  }
  return m;
}

/**
 * llama.cpp's `rope_freqs` for a scaled RoPE: per pair, how many times slower it turns than plain
 * RoPE (convert_hf_to_gguf.py writes it for rope type llama3).
 */
export function ropeFreqFactors(c: ModelConfig): Float32Array {
  const D = headDim(c);
  const plain = ropeInverseFrequencies(D, { theta: c.ropeTheta });
  const scaled = ropeInverseFrequencies(D, ropeOf(c));
  return Float32Array.from(plain, (p, i) => p / scaled[i]!);
}

/**
 * The GGUF tensor list: names, ggml dims, types and lazy producers (Q and K, and their biases,
 * RoPE-permuted).
 */
export function llamaTensors(source: TensorSource, quantization: QuantizationType): GgufTensorSpec[] {
  const c = source.config;
  const ropeFreqs: GgufTensorSpec[] = [];
  if (c.ropeScaling) {
    const factors = ropeFreqFactors(c);
    ropeFreqs.push({
      name: 'rope_freqs.weight',
      ne: [factors.length],
      codec: F32,
      data: async () => new Uint8Array(factors.buffer),
    });
  }
  return ropeFreqs.concat(
    source.entries.map((e) => {
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
          // A Q or K bias is permuted as its weight's rows are, as a matrix of one column.
          const cols = e.shape[1] ?? 1;
          if (/\.attn_q\.(weight|bias)$/.test(name)) w = ropeToInterleaved(w, c.nHeads, cols);
          else if (/\.attn_k\.(weight|bias)$/.test(name)) w = ropeToInterleaved(w, c.nKvHeads, cols);
          const out = new Uint8Array(byteSize(codec, e.size));
          codec.quantize(w, out);
          return out;
        },
      };
    }),
  );
}

export function writeLlamaGguf(
  path: string,
  source: TensorSource,
  tokenizer: TokenizerExport,
  o: GgufExportOptions,
): Promise<WrittenFile> {
  return writeGguf(
    path,
    llamaMetadata(source, tokenizer, o),
    llamaTensors(source, o.quantization),
    o.alignment,
  );
}
