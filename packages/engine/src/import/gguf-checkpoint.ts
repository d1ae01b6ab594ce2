import { basename } from 'node:path';
import { CODECS_BY_ID } from '../export/quantize/index.ts';
import { ropeToHalfSplit } from '../export/rope-permute.ts';
import { hfToGguf } from '../export/tensor-names.ts';
import { type ModelConfig, validateModelConfig } from '../model/config.ts';
import { buildLayout, countParameters } from '../model/layout.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import { CheckpointError } from './checkpoint-error.ts';
import type { CheckpointSource } from './checkpoint-source.ts';
import { checkpointTokenizer } from './checkpoint-tokenizer.ts';
import { GgufFile } from './gguf-reader.ts';
import { ggufTokenizerJson } from './gguf-tokenizer.ts';

/**
 * GGUF stores rope.freq_base and the norm epsilon as f32, so 1e-5 comes back as 9.99999974e-6. The
 * shortest decimal that rounds to the same f32 is the value the exporter was given, which keeps a
 * GGUF f32 round trip bit-exact.
 */
export function shortestF32Decimal(x: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(x.toPrecision(p));
    if (Math.fround(d) === Math.fround(x)) return d;
  }
  return x;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * A llama-architecture GGUF (ours, or llama.cpp's convert_hf_to_gguf.py), any tensor type we decode,
 * dequantised to f32 tensor by tensor. The converter permutes Q and K rows (and their biases) into
 * llama.cpp's interleaved RoPE pairing; reading undoes that, giving back the engine's half-split layout.
 */
export async function openGgufCheckpoint(path: string): Promise<CheckpointSource> {
  const where = basename(path);
  let file: GgufFile;
  try {
    file = await GgufFile.open(path);
  } catch (err) {
    throw new CheckpointError(`${where}: ${(err as Error).message.replace(`${path}: `, '')}`);
  }
  try {
    const meta = (k: string) => file.header.metadata.get(k);
    const num = (k: string) => {
      const v = meta(k);
      if (v === undefined) throw new CheckpointError(`${where}: metadata ${k} is missing`);
      return Number(v);
    };
    const arch = meta('general.architecture');
    if (arch !== 'llama')
      throw new CheckpointError(
        `${where}: general.architecture ${JSON.stringify(arch)} is not supported (llama is)`,
      );
    const { tokenizer: tj, config: tc } = ggufTokenizerJson(meta, where);
    const tokenizer = checkpointTokenizer(tj, tc, where);
    const nHeads = num('llama.attention.head_count');
    const dim = num('llama.embedding_length');
    const keyLength = meta('llama.attention.key_length');
    const config: ModelConfig = {
      vocabSize: (meta('tokenizer.ggml.tokens') as string[]).length,
      dim,
      nLayers: num('llama.block_count'),
      nHeads,
      nKvHeads: num('llama.attention.head_count_kv'),
      hiddenDim: num('llama.feed_forward_length'),
      maxSeqLen: num('llama.context_length'),
      ropeTheta: shortestF32Decimal(Number(meta('llama.rope.freq_base') ?? 10000)),
      normEps: shortestF32Decimal(num('llama.attention.layer_norm_rms_epsilon')),
      // llama.cpp reuses token_embd for the head when there is no output.weight.
      tieEmbeddings: file.tensor('output.weight') === undefined,
    };
    if (keyLength !== undefined && Number(keyLength) !== dim / nHeads) config.headDim = Number(keyLength);
    const freqs = file.tensor('rope_freqs.weight');
    if (freqs) config.ropeScaling = { type: 'factors', factors: [...(await file.readF32(freqs))] };
    // GGUF has no key for biases: llama.cpp's llama graph adds each bias tensor the file holds.
    const holds = (kind: string) => file.header.tensors.some((t) => t.name.endsWith(`.${kind}.bias`));
    if (['attn_q', 'attn_k', 'attn_v', 'attn_output'].some(holds)) config.attentionBias = true;
    if (['ffn_gate', 'ffn_up', 'ffn_down'].some(holds)) config.mlpBias = true;
    try {
      validateModelConfig(config);
    } catch (err) {
      throw new CheckpointError(`${where}: ${(err as Error).message}`);
    }
    const names = new Set(buildLayout(config).entries.map((e) => hfToGguf(e.name)));
    if (freqs) names.add(freqs.name);
    const types = new Map<string, number>();
    for (const t of file.header.tensors) {
      if (!names.has(t.name))
        throw new CheckpointError(`${where}: tensor ${t.name} has no place in the model`);
      const name = CODECS_BY_ID.get(t.type)!.name;
      if (t.ne.length === 2) types.set(name, (types.get(name) ?? 0) + 1);
    }
    return {
      config,
      tokenizer,
      summary: {
        architecture: 'LlamaForCausalLM',
        format: 'gguf',
        parameters: countParameters(config),
        dtype: [...types].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'F32',
        context_length: config.maxSeqLen,
        vocab_size: config.vocabSize,
        tokenizer_type: tokenizer instanceof PretrainedTokenizer ? tokenizer.hf.kind : 'byte-level-bpe',
        chat_template: typeof meta('tokenizer.chat_template') === 'string',
      },
      metadata: {},
      async read(e) {
        const name = hfToGguf(e.name);
        const t = file.tensor(name);
        if (!t) throw new CheckpointError(`${where}: tensor ${name} is missing`);
        if (!sameShape([...t.ne].reverse(), e.shape))
          throw new CheckpointError(
            `${where}: tensor ${name} has dims [${t.ne}], the config needs [${[...e.shape].reverse()}]`,
          );
        const w = await file.readF32(t);
        // A Q or K bias is permuted as its weight's rows are, as a matrix of one column.
        const cols = e.shape[1] ?? 1;
        if (/\.attn_q\.(weight|bias)$/.test(name)) return ropeToHalfSplit(w, config.nHeads, cols);
        if (/\.attn_k\.(weight|bias)$/.test(name)) return ropeToHalfSplit(w, config.nKvHeads, cols);
        return w;
      },
      close: () => file.close(),
    };
  } catch (err) {
    await file.close();
    throw err;
  }
}
