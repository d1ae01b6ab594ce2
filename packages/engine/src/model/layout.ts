import { headDim, type ModelConfig } from './config.ts';

/** One named tensor inside the flat parameter buffer. */
export interface ParamEntry {
  /** Hugging Face Llama name, e.g. `model.layers.0.self_attn.q_proj.weight`. */
  name: string;
  /** PyTorch shape, e.g. [out_features, in_features] for a linear layer. */
  shape: number[];
  offset: number;
  size: number;
  /** Whether AdamW applies weight decay (matrices yes, norm gains and biases no). */
  decay: boolean;
}

export interface LayerOffsets {
  attnNorm: number;
  wq: number;
  wk: number;
  wv: number;
  wo: number;
  mlpNorm: number;
  wGate: number;
  wUp: number;
  wDown: number;
  /** Projection biases, undefined unless the config has them (attentionBias, mlpBias). */
  bq?: number;
  bk?: number;
  bv?: number;
  bo?: number;
  bGate?: number;
  bUp?: number;
  bDown?: number;
}

export interface ParamLayout {
  entries: ParamEntry[];
  total: number;
  embed: number;
  layers: LayerOffsets[];
  finalNorm: number;
  /** Equals `embed` when the embeddings are tied. */
  lmHead: number;
}

/**
 * Parameters live in one flat f32 buffer. Names and shapes are Hugging Face Llama's, so an exporter can
 * write each entry as-is (row-major, [out, in] linear weights). With tied embeddings there is no
 * `lm_head.weight` entry: the head reads `model.embed_tokens.weight`. A projection's bias, where the
 * config has one, follows its weight; a config without biases has none, so its layout is unchanged.
 */
export function buildLayout(c: ModelConfig): ParamLayout {
  const entries: ParamEntry[] = [];
  let offset = 0;
  const add = (name: string, shape: number[], decay: boolean): number => {
    const size = shape.reduce((a, b) => a * b, 1);
    entries.push({ name, shape, offset, size, decay });
    offset += size;
    return offset - size;
  };
  const hd = headDim(c);
  const bias = (has: boolean | undefined, name: string, size: number): number | undefined =>
    has ? add(name, [size], false) : undefined;
  const embed = add('model.embed_tokens.weight', [c.vocabSize, c.dim], true);
  const layers: LayerOffsets[] = [];
  for (let l = 0; l < c.nLayers; l++) {
    const p = `model.layers.${l}`;
    const attnNorm = add(`${p}.input_layernorm.weight`, [c.dim], false);
    const wq = add(`${p}.self_attn.q_proj.weight`, [c.nHeads * hd, c.dim], true);
    const bq = bias(c.attentionBias, `${p}.self_attn.q_proj.bias`, c.nHeads * hd);
    const wk = add(`${p}.self_attn.k_proj.weight`, [c.nKvHeads * hd, c.dim], true);
    const bk = bias(c.attentionBias, `${p}.self_attn.k_proj.bias`, c.nKvHeads * hd);
    const wv = add(`${p}.self_attn.v_proj.weight`, [c.nKvHeads * hd, c.dim], true);
    const bv = bias(c.attentionBias, `${p}.self_attn.v_proj.bias`, c.nKvHeads * hd);
    const wo = add(`${p}.self_attn.o_proj.weight`, [c.dim, c.nHeads * hd], true);
    const bo = bias(c.attentionBias, `${p}.self_attn.o_proj.bias`, c.dim);
    const mlpNorm = add(`${p}.post_attention_layernorm.weight`, [c.dim], false);
    const wGate = add(`${p}.mlp.gate_proj.weight`, [c.hiddenDim, c.dim], true);
    const bGate = bias(c.mlpBias, `${p}.mlp.gate_proj.bias`, c.hiddenDim);
    const wUp = add(`${p}.mlp.up_proj.weight`, [c.hiddenDim, c.dim], true);
    const bUp = bias(c.mlpBias, `${p}.mlp.up_proj.bias`, c.hiddenDim);
    const wDown = add(`${p}.mlp.down_proj.weight`, [c.dim, c.hiddenDim], true);
    const bDown = bias(c.mlpBias, `${p}.mlp.down_proj.bias`, c.dim);
    layers.push({ attnNorm, wq, bq, wk, bk, wv, bv, wo, bo, mlpNorm, wGate, bGate, wUp, bUp, wDown, bDown });
  }
  const finalNorm = add('model.norm.weight', [c.dim], false);
  const lmHead = c.tieEmbeddings ? embed : add('lm_head.weight', [c.vocabSize, c.dim], true);
  return { entries, total: offset, embed, layers, finalNorm, lmHead };
}

export function countParameters(c: ModelConfig): number {
  return buildLayout(c).total;
}
