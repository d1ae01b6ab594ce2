import type { Schemas } from '@distillery/openapi';
import { type BlockCodec, F16, F32, Q4_0, Q4_K, Q5_0, Q6_K, Q8_0 } from './quantize/index.ts';

/** QuantizationType of the API: the GGUF file's overall type. */
export type QuantizationType = Schemas['QuantizationType'];

export const QUANTIZATION_TYPES: readonly QuantizationType[] = ['f32', 'f16', 'q8_0', 'q4_0', 'q4_k_m'];

/** llama_ftype written as general.file_type. */
export const FILE_TYPE: Record<QuantizationType, number> = { f32: 0, f16: 1, q4_0: 2, q8_0: 7, q4_k_m: 15 };

export interface TensorForMix {
  /** GGUF name, e.g. blk.3.ffn_down.weight. */
  name: string;
  /** ggml dims: ne[0] is the row length. */
  ne: number[];
  layer: number | null;
}

/**
 * llama.cpp's use_more_bits: the first and last eighth of the layers, and every third in between,
 * get the larger type in the _M mixes (integer division as in C).
 */
function useMoreBits(i: number, n: number): boolean {
  const eighth = Math.floor(n / 8);
  return i < eighth || i >= Math.floor((7 * n) / 8) || (i - eighth) % 3 === 2;
}

/**
 * The tensor type of each tensor for a file type, following llama.cpp (convert_hf_to_gguf.py for f32,
 * f16 and q8_0; llama-quantize for the others): vectors (norms) stay F32; q4_0 and q8_0 are uniform;
 * q4_k_m is Q4_K except the output head (the token embedding when tied) and attn_v / ffn_down in the
 * use_more_bits layers, which get Q6_K. K-quants need rows that are a multiple of 256; where they are
 * not, Q4_K falls back to Q5_0 and Q6_K to Q8_0, and any type whose block still does not fit the row
 * to F16, exactly as llama.cpp's fallback does.
 */
export function tensorCodec(
  t: TensorForMix,
  q: QuantizationType,
  nLayers: number,
  tiedEmbeddings: boolean,
): BlockCodec {
  if (t.ne.length === 1 || q === 'f32') return F32;
  let codec: BlockCodec;
  switch (q) {
    case 'f16':
      return F16;
    case 'q8_0':
      codec = Q8_0;
      break;
    case 'q4_0':
      codec = Q4_0;
      break;
    case 'q4_k_m': {
      const isHead = t.name === 'output.weight' || (tiedEmbeddings && t.name === 'token_embd.weight');
      const moreBits =
        t.layer !== null &&
        (t.name.endsWith('.attn_v.weight') || t.name.endsWith('.ffn_down.weight')) &&
        useMoreBits(t.layer, nLayers);
      codec = isHead || moreBits ? Q6_K : Q4_K;
      if (t.ne[0]! % codec.blockSize !== 0) codec = codec === Q6_K ? Q8_0 : Q5_0;
      break;
    }
  }
  return t.ne[0]! % codec.blockSize === 0 ? codec : F16;
}
