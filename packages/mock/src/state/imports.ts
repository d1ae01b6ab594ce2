/**
 * `POST /v1/models` simulated: the shape of an upload is checked as the reference server checks it
 * (part paths, archive or GGUF by content, the Hugging Face files a folder needs, a Llama-family
 * config, a BPE tokenizer), and what the files say becomes a plausible model object. Weights are not
 * read; a GGUF's or archive's numbers are placeholders of a small Llama.
 */
import { ApiError } from '../http/errors';
import type { Schemas } from '../spec';

type Model = Schemas['Model'];
export type ImportedSummary = Omit<Model, 'id' | 'object' | 'created' | 'owned_by' | 'source_job_id'>;

const bad = (message: string, param = 'file') => new ApiError(400, 'invalid_request', message, { param });

/** A part's path, checked as the server checks archive members and part filenames. */
export function safeRelativePath(raw: string, what: string): string {
  if (!raw) throw bad(`${what} has no name`);
  if (raw.includes('\0')) throw bad(`${what} ${JSON.stringify(raw)}: a NUL character in its path`);
  if (raw.includes('\\')) throw bad(`${what} ${raw}: a backslash in its path (use / between folders)`);
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw bad(`${what} ${raw}: an absolute path`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw bad(`${what} ${raw}: a path outside the folder (a .. component)`);
  if (parts.length === 0) throw bad(`${what} ${raw}: not a file path`);
  return parts.join('/');
}

export type Kind = 'gzip' | 'tar' | 'gguf' | 'other';

export function kindOf(bytes: Uint8Array): Kind {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (text(0, 4) === 'GGUF') return 'gguf';
  if (bytes.length >= 262 && text(257, 262) === 'ustar') return 'tar';
  return 'other';
}

/** The GGUF file type a file name carries (`…-Q4_K_M.gguf` → `Q4_K`), else F16. */
function ggufType(name: string): string {
  const m = name.toUpperCase().match(/(?:^|[-_.])(F32|F16|BF16|Q8_0|Q4_0|Q4_K|Q6_K)(?:_[SML])?(?=\.|$|[-_])/);
  return m?.[1] ?? 'F16';
}

/** A small Llama's numbers, for what the mock cannot read (a GGUF's tensors, an archive's files). */
const PLACEHOLDER = {
  parameters: 134515008,
  context_length: 8192,
  vocab_size: 49152,
  architecture: {
    name: 'LlamaForCausalLM',
    n_layers: 30,
    d_model: 576,
    n_heads: 9,
    n_kv_heads: 3,
    d_ff: 1536,
    vocab_size: 49152,
  },
};

export function placeholderSummary(format: 'gguf' | 'safetensors', fileName: string): ImportedSummary {
  return {
    kind: 'imported',
    parameters: PLACEHOLDER.parameters,
    context_length: PLACEHOLDER.context_length,
    architecture: PLACEHOLDER.architecture,
    dtype: format === 'gguf' ? ggufType(fileName) : 'BF16',
    vocab_size: PLACEHOLDER.vocab_size,
    tokenizer_type: 'byte-level-bpe',
    chat_template: true,
  };
}

const DTYPES: Record<string, string> = { float32: 'F32', float16: 'F16', bfloat16: 'BF16' };
const LLAMA_TYPES = ['llama', 'mistral'];

function json(text: string, file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw bad(`${file}: not a JSON object`);
}

const num = (cfg: Record<string, unknown>, key: string, file: string): number => {
  const v = cfg[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
    throw bad(`${file}: ${key} must be a positive integer`);
  return v;
};

/**
 * What a Hugging Face folder's text files say: config.json (a Llama-family architecture), the
 * weights (model.safetensors or an index of shards), tokenizer.json (BPE) and tokenizer_config.json.
 */
export function folderSummary(files: Map<string, Uint8Array>): ImportedSummary {
  const text = (name: string) => {
    const bytes = files.get(name);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  };
  const configText = text('config.json');
  if (configText === undefined) throw bad('config.json is missing: a Hugging Face folder needs it');
  if (!files.has('model.safetensors') && !files.has('model.safetensors.index.json'))
    throw bad('model.safetensors is missing (or model.safetensors.index.json with its shards)');
  const tokenizerText = text('tokenizer.json');
  if (tokenizerText === undefined) throw bad('tokenizer.json is missing: a Hugging Face folder needs it');
  const cfg = json(configText, 'config.json');
  const modelType = cfg.model_type;
  if (typeof modelType !== 'string' || !LLAMA_TYPES.includes(modelType))
    throw bad(
      `config.json: model_type ${JSON.stringify(modelType)} (Llama-family models are: ${LLAMA_TYPES.join(', ')}) is not supported`,
    );
  const vocab = num(cfg, 'vocab_size', 'config.json');
  const d = num(cfg, 'hidden_size', 'config.json');
  const layers = num(cfg, 'num_hidden_layers', 'config.json');
  const heads = num(cfg, 'num_attention_heads', 'config.json');
  const kvHeads = typeof cfg.num_key_value_heads === 'number' ? cfg.num_key_value_heads : heads;
  const ff = num(cfg, 'intermediate_size', 'config.json');
  const headDim = typeof cfg.head_dim === 'number' ? cfg.head_dim : d / heads;
  const tied = cfg.tie_word_embeddings !== false;
  const perLayer = d * heads * headDim * 2 + d * kvHeads * headDim * 2 + 3 * d * ff + 2 * d;
  const parameters = vocab * d * (tied ? 1 : 2) + layers * perLayer + d;
  const tokenizer = json(tokenizerText, 'tokenizer.json');
  const model = (tokenizer.model ?? {}) as { type?: unknown; byte_fallback?: unknown };
  if (model.type !== 'BPE')
    throw bad(
      `tokenizer.json: model type ${JSON.stringify(model.type)} is not supported (byte-level BPE and SentencePiece-style BPE are)`,
    );
  const tokenizerConfig = text('tokenizer_config.json');
  const architectures = Array.isArray(cfg.architectures) ? cfg.architectures : [];
  return {
    kind: 'imported',
    parameters,
    context_length: typeof cfg.max_position_embeddings === 'number' ? cfg.max_position_embeddings : 2048,
    architecture: {
      name: typeof architectures[0] === 'string' ? architectures[0] : 'LlamaForCausalLM',
      n_layers: layers,
      d_model: d,
      n_heads: heads,
      n_kv_heads: kvHeads,
      d_ff: ff,
      vocab_size: vocab,
    },
    dtype: DTYPES[String(cfg.torch_dtype ?? cfg.dtype ?? 'float32')] ?? 'F32',
    vocab_size: vocab,
    tokenizer_type: model.byte_fallback === true ? 'sentencepiece-bpe' : 'byte-level-bpe',
    chat_template: tokenizerConfig
      ? typeof json(tokenizerConfig, 'tokenizer_config.json').chat_template === 'string'
      : false,
  };
}

/** The model's default name: the folder's, file's or URL's last part without its extension. */
export function defaultName(path: string): string | undefined {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return last.replace(/(\.tar\.gz|\.tgz|\.tar|\.gguf)$/i, '') || undefined;
}
