/**
 * Hugging Face Llama tensor names (the engine's layout) to llama.cpp's GGUF names, as
 * convert_hf_to_gguf.py maps them for LLM_ARCH_LLAMA.
 */
const LAYER_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['input_layernorm.weight', 'attn_norm.weight'],
  ['self_attn.q_proj.weight', 'attn_q.weight'],
  ['self_attn.k_proj.weight', 'attn_k.weight'],
  ['self_attn.v_proj.weight', 'attn_v.weight'],
  ['self_attn.o_proj.weight', 'attn_output.weight'],
  ['post_attention_layernorm.weight', 'ffn_norm.weight'],
  ['mlp.gate_proj.weight', 'ffn_gate.weight'],
  ['mlp.up_proj.weight', 'ffn_up.weight'],
  ['mlp.down_proj.weight', 'ffn_down.weight'],
  ['self_attn.q_proj.bias', 'attn_q.bias'],
  ['self_attn.k_proj.bias', 'attn_k.bias'],
  ['self_attn.v_proj.bias', 'attn_v.bias'],
  ['self_attn.o_proj.bias', 'attn_output.bias'],
  ['mlp.gate_proj.bias', 'ffn_gate.bias'],
  ['mlp.up_proj.bias', 'ffn_up.bias'],
  ['mlp.down_proj.bias', 'ffn_down.bias'],
];

const GLOBAL: ReadonlyArray<[string, string]> = [
  ['model.embed_tokens.weight', 'token_embd.weight'],
  ['model.norm.weight', 'output_norm.weight'],
  ['lm_head.weight', 'output.weight'],
];

export function hfToGguf(name: string): string {
  for (const [hf, gg] of GLOBAL) if (name === hf) return gg;
  const m = /^model\.layers\.(\d+)\.(.+)$/.exec(name);
  const suffix = m && LAYER_SUFFIXES.find(([hf]) => hf === m[2]);
  if (!m || !suffix) throw new Error(`no GGUF name for tensor ${name}`);
  return `blk.${m[1]}.${suffix[1]}`;
}

export function ggufToHf(name: string): string {
  for (const [hf, gg] of GLOBAL) if (name === gg) return hf;
  const m = /^blk\.(\d+)\.(.+)$/.exec(name);
  const suffix = m && LAYER_SUFFIXES.find(([, gg]) => gg === m[2]);
  if (!m || !suffix) throw new Error(`unknown GGUF tensor ${name}`);
  return `model.layers.${m[1]}.${suffix[0]}`;
}
