import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import { ropeToHalfSplit } from '../export/rope-permute.ts';
import { hfToGguf } from '../export/tensor-names.ts';
import { type ModelConfig, validateModelConfig } from '../model/config.ts';
import type { ParamEntry } from '../model/layout.ts';
import { LlamaModel } from '../model/model.ts';
import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { GgufFile, type GgufMetaValue } from './gguf-reader.ts';
import { SafetensorsFile } from './safetensors-reader.ts';

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

export interface ImportedModel {
  model: LlamaModel;
  tokenizer: BpeTokenizer;
}

/**
 * Rebuilds our tokenizer from a vocabulary (ids: 256 bytes, merges in rank order, specials) and checks
 * that it reproduces every token string at its id, so a file whose ids differ from what the engine's
 * BPE would assign fails here rather than producing a model that silently reads the wrong tokens.
 */
function tokenizerFrom(
  tokens: readonly string[],
  merges: string[],
  specialTokens: string[],
  where: string,
): BpeTokenizer {
  const tok = BpeTokenizer.fromJSON({ type: 'byte-level-bpe', version: 1, merges, specialTokens });
  if (tok.vocabSize !== tokens.length || tok.vocab.some((t, i) => t !== tokens[i]))
    throw new Error(
      `${where}: the vocabulary is not laid out as a Distillery byte-level BPE (bytes, merges, specials)`,
    );
  return tok;
}

/** Fills the model's parameters tensor by tensor (no full-size staging copy). */
async function fill(model: LlamaModel, read: (e: ParamEntry) => Promise<Float32Array>): Promise<void> {
  for (const e of model.layout.entries) {
    const w = await read(e);
    if (w.length !== e.size) throw new Error(`${e.name}: expected ${e.size} values, got ${w.length}`);
    model.backend.upload(model.params, w, e.offset);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The engine's `ModelConfig` from a Hugging Face Llama `config.json` (as transformers 4.x or 5.x write
 * it, or as our exporter does). RoPE's base is `rope_parameters.rope_theta` in transformers 5 and
 * `rope_theta` before. What the engine's graph does not compute (another model type or activation,
 * biases, RoPE scaling, a head_dim other than hidden_size / num_attention_heads) is an error naming
 * the field rather than a model that silently computes something else.
 */
export function hfLlamaConfig(cfg: Record<string, unknown>, where: string): ModelConfig {
  if (cfg.model_type !== 'llama')
    throw new Error(`${where}: model_type ${String(cfg.model_type)} is not llama`);
  const num = (k: string) => {
    if (typeof cfg[k] !== 'number') throw new Error(`${where}: ${k} is missing`);
    return cfg[k] as number;
  };
  const unsupported = (what: string) => new Error(`${where}: ${what} is not supported`);
  if (cfg.hidden_act !== undefined && cfg.hidden_act !== 'silu')
    throw unsupported(`hidden_act ${JSON.stringify(cfg.hidden_act)}`);
  for (const k of ['attention_bias', 'mlp_bias']) if (cfg[k] === true) throw unsupported(`${k}: true`);
  const rope = (cfg.rope_parameters ?? cfg.rope_scaling ?? null) as Record<string, unknown> | null;
  const ropeType = rope?.rope_type ?? rope?.type ?? 'default';
  if (ropeType !== 'default') throw unsupported(`RoPE type ${JSON.stringify(ropeType)}`);
  const theta = typeof rope?.rope_theta === 'number' ? rope.rope_theta : cfg.rope_theta;
  const nHeads = num('num_attention_heads');
  const config = validateModelConfig({
    vocabSize: num('vocab_size'),
    dim: num('hidden_size'),
    nLayers: num('num_hidden_layers'),
    nHeads,
    nKvHeads: typeof cfg.num_key_value_heads === 'number' ? cfg.num_key_value_heads : nHeads,
    hiddenDim: num('intermediate_size'),
    maxSeqLen: num('max_position_embeddings'),
    // transformers' LlamaConfig default.
    ropeTheta: typeof theta === 'number' ? theta : 10000,
    normEps: num('rms_norm_eps'),
    // transformers' LlamaConfig default.
    tieEmbeddings: cfg.tie_word_embeddings === true,
  });
  if (typeof cfg.head_dim === 'number' && cfg.head_dim !== config.dim / nHeads)
    throw unsupported(`head_dim ${cfg.head_dim} (other than hidden_size / num_attention_heads)`);
  return config;
}

/**
 * Fills a model from an F32 safetensors file whose tensors carry Hugging Face Llama names and
 * shapes: the engine's layout is Hugging Face's (and RoPE's half-split pairing is transformers'
 * rotate_half), so every tensor is copied as it is. A tensor the model has no place for (a bias, an
 * `lm_head.weight` beside tied embeddings that differs from them) is an error; transformers 4's
 * `rotary_emb.inv_freq` buffers, derived from the config, and a tied head stored as a copy of the
 * embedding are skipped.
 */
export async function loadSafetensorsWeights(model: LlamaModel, path: string): Promise<void> {
  const file = await SafetensorsFile.open(path);
  try {
    const known = new Set(model.layout.entries.map((e) => e.name));
    for (const name of file.tensors.keys()) {
      if (known.has(name) || name.endsWith('.rotary_emb.inv_freq')) continue;
      if (
        name === 'lm_head.weight' &&
        model.config.tieEmbeddings &&
        file.tensors.has(model.layout.entries[0]!.name)
      ) {
        const [head, embed] = [await file.readF32(name), await file.readF32(model.layout.entries[0]!.name)];
        if (head.length === embed.length && head.every((v, i) => Object.is(v, embed[i]))) continue;
        throw new Error(
          `${path}: lm_head.weight differs from the embedding, but tie_word_embeddings is true`,
        );
      }
      throw new Error(`${path}: tensor ${name} has no place in the model`);
    }
    await fill(model, async (e) => {
      const t = file.tensors.get(e.name);
      if (!t) throw new Error(`${path}: tensor ${e.name} is missing`);
      if (!sameShape(t.shape, e.shape))
        throw new Error(`${e.name}: shape [${t.shape}] in the file, [${e.shape}] in the config`);
      return file.readF32(e.name);
    });
  } finally {
    await file.close();
  }
}

/**
 * A Hugging Face Llama folder's model without its tokenizer: `config.json` and an F32
 * `model.safetensors`, e.g. what `LlamaForCausalLM.save_pretrained` writes (the parity fixture).
 */
export async function importHfLlamaWeights(dir: string, backend: Backend): Promise<LlamaModel> {
  const cfg = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const model = new LlamaModel(backend, hfLlamaConfig(cfg, `${dir}/config.json`));
  try {
    await loadSafetensorsWeights(model, join(dir, 'model.safetensors'));
  } catch (err) {
    model.destroy();
    throw err;
  }
  return model;
}

/** Loads a directory written by exportModel's safetensors family (model.safetensors, config.json, tokenizer.json). */
export async function importSafetensors(dir: string, backend: Backend): Promise<ImportedModel> {
  const tj = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')) as {
    added_tokens: { id: number; content: string }[];
    model: { type: string; vocab: Record<string, number>; merges: (string | [string, string])[] };
  };
  if (tj.model?.type !== 'BPE') throw new Error(`${dir}/tokenizer.json: not a BPE tokenizer`);
  const tokens: string[] = [];
  for (const [t, id] of Object.entries(tj.model.vocab)) tokens[id] = t;
  const added = [...tj.added_tokens].sort((a, b) => a.id - b.id);
  for (const a of added) tokens[a.id] = a.content;
  const merges = tj.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : m));
  const tokenizer = tokenizerFrom(
    tokens,
    merges,
    added.map((a) => a.content),
    `${dir}/tokenizer.json`,
  );
  return { model: await importHfLlamaWeights(dir, backend), tokenizer };
}

/**
 * Loads a GGUF written by exportModel (any of its tensor types, dequantised to f32) and undoes the
 * RoPE row permutation of Q and K, giving back the engine's half-split layout.
 */
export async function importGguf(path: string, backend: Backend): Promise<ImportedModel> {
  const file = await GgufFile.open(path);
  try {
    const meta = file.header.metadata;
    const get = (k: string): GgufMetaValue => {
      const v = meta.get(k);
      if (v === undefined) throw new Error(`${path}: metadata ${k} is missing`);
      return v;
    };
    const num = (k: string) => Number(get(k));
    if (get('general.architecture') !== 'llama') throw new Error(`${path}: architecture is not llama`);
    if (get('tokenizer.ggml.model') !== 'gpt2') throw new Error(`${path}: tokenizer is not gpt2-style BPE`);
    const tokens = get('tokenizer.ggml.tokens') as string[];
    const types = get('tokenizer.ggml.token_type') as number[];
    const tokenizer = tokenizerFrom(
      tokens,
      get('tokenizer.ggml.merges') as string[],
      tokens.filter((_, i) => types[i] === 3),
      path,
    );
    const config = validateModelConfig({
      vocabSize: tokens.length,
      dim: num('llama.embedding_length'),
      nLayers: num('llama.block_count'),
      nHeads: num('llama.attention.head_count'),
      nKvHeads: num('llama.attention.head_count_kv'),
      hiddenDim: num('llama.feed_forward_length'),
      maxSeqLen: num('llama.context_length'),
      ropeTheta: shortestF32Decimal(num('llama.rope.freq_base')),
      normEps: shortestF32Decimal(num('llama.attention.layer_norm_rms_epsilon')),
      // llama.cpp reuses token_embd for the head when there is no output.weight.
      tieEmbeddings: file.tensor('output.weight') === undefined,
    });
    const model = new LlamaModel(backend, config);
    await fill(model, async (e) => {
      const name = hfToGguf(e.name);
      const t = file.tensor(name);
      if (!t) throw new Error(`${path}: tensor ${name} is missing`);
      if (!sameShape([...t.ne].reverse(), e.shape))
        throw new Error(`${name}: dims [${t.ne}] in the file, shape [${e.shape}] in the config`);
      const w = await file.readF32(t);
      if (name.endsWith('.attn_q.weight')) return ropeToHalfSplit(w, config.nHeads, config.dim);
      if (name.endsWith('.attn_k.weight')) return ropeToHalfSplit(w, config.nKvHeads, config.dim);
      return w;
    });
    return { model, tokenizer };
  } finally {
    await file.close();
  }
}
