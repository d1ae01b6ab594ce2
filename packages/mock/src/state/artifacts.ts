/**
 * Artifact files with real bytes: a parseable safetensors file, GGUF v3 files whose tensor data has
 * the byte size of the quantization they claim, a tokenizer.json and the run's config. Bytes are
 * seeded by job and run, so a download always matches the listed size and sha256.
 */

import type { Schemas } from '../spec';
import { seededRandom, sha256Hex } from '../util/crypto';
import type { Plan } from './timeline';

export type ArtifactFormat = Schemas['ArtifactFormat'];

export interface ArtifactFile {
  format: ArtifactFormat;
  /** Absolute path on the (simulated) engine host. */
  path: string;
  /** When the file was written, on the mock clock. */
  writtenAt: number;
  quantization?: string;
}

export const DATA_DIR = '/var/lib/distillery';

export interface ArtifactSource {
  id: string;
  run: number;
  name: string;
  config: Record<string, unknown>;
  plan: Plan;
  outputFormats: string[];
}

export const jobDir = (id: string) => `${DATA_DIR}/distillation/${id}`;

/** Every file the run will write, with the instant it appears; the caller filters by time. */
export function plannedArtifacts(source: ArtifactSource): ArtifactFile[] {
  const dir = jobDir(source.id);
  const trainingEnd = source.plan.segments.find((s) => s.phase === 'training')!.end;
  const files: ArtifactFile[] = [];
  if (source.outputFormats.includes('safetensors')) {
    files.push({ format: 'safetensors', path: `${dir}/model/model.safetensors`, writtenAt: trainingEnd });
  }
  files.push({ format: 'tokenizer', path: `${dir}/model/tokenizer.json`, writtenAt: trainingEnd });
  files.push({ format: 'config', path: `${dir}/train_config.json`, writtenAt: trainingEnd });
  const exportPhase = source.plan.segments.find((s) => s.phase === 'export')!;
  const quants = source.plan.exports;
  quants.forEach((q, i) => {
    files.push({
      format: `gguf_${q}` as ArtifactFormat,
      path: `${dir}/gguf/model-${q}.gguf`,
      writtenAt: Math.round(
        exportPhase.start + ((i + 1) / quants.length) * (exportPhase.end - exportPhase.start),
      ),
      quantization: q,
    });
  });
  return files;
}

export interface ArtifactContent {
  bytes: Uint8Array;
  sha256: string;
}

/** Rendered files and their checksums, per mock instance; rendering and hashing happen once per file. */
export class ArtifactCache {
  private readonly files = new Map<string, Promise<ArtifactContent>>();

  content(source: ArtifactSource, format: ArtifactFormat): Promise<ArtifactContent> {
    const key = `${source.id}:${source.run}:${format}`;
    let content = this.files.get(key);
    if (!content) {
      const bytes = render(source, format);
      content = sha256Hex(bytes).then((sha256) => ({ bytes, sha256 }));
      this.files.set(key, content);
    }
    return content;
  }

  forget(id: string) {
    for (const key of this.files.keys()) if (key.startsWith(`${id}:`)) this.files.delete(key);
  }

  clear() {
    this.files.clear();
  }
}

function render(source: ArtifactSource, format: ArtifactFormat): Uint8Array {
  const random = seededRandom(`${source.id}:${source.run}:${format}`);
  switch (format) {
    case 'safetensors':
      return safetensors(random);
    case 'tokenizer':
      return utf8(JSON.stringify(tokenizer(), null, 2));
    case 'config':
      return utf8(JSON.stringify({ job_id: source.id, name: source.name, ...source.config }, null, 2));
    default:
      return gguf(source.name, format.slice('gguf_'.length), random);
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Small normally distributed weights, like a freshly trained layer. */
const weight = (random: () => number) => (random() + random() + random() - 1.5) * 0.05;

function safetensors(random: () => number): Uint8Array {
  const tensors: Array<[string, number[]]> = [
    ['model.embed_tokens.weight', [64, 32]],
    ['model.layers.0.self_attn.q_proj.weight', [32, 32]],
    ['model.norm.weight', [32]],
  ];
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, shape] of tensors) {
    const size = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  // The format pads the header with spaces to an 8-byte boundary.
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const headerBytes = utf8(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  for (let i = 0; i < offset / 4; i++) view.setFloat32(8 + headerBytes.length + i * 4, weight(random), true);
  return out;
}

/** ggml tensor type, file type and bytes per 256 elements of each exported quantization. */
const GGML: Record<string, { type: number; fileType: number; bytesPer256: number }> = {
  f32: { type: 0, fileType: 0, bytesPer256: 1024 },
  f16: { type: 1, fileType: 1, bytesPer256: 512 },
  q4_0: { type: 2, fileType: 2, bytesPer256: 144 },
  q8_0: { type: 8, fileType: 7, bytesPer256: 272 },
  q4_k_m: { type: 12, fileType: 15, bytesPer256: 144 },
};

function gguf(name: string, quant: string, random: () => number): Uint8Array {
  const kind = GGML[quant]!;
  const dims = [256, 16];
  const dataSize = ((dims[0]! * dims[1]!) / 256) * kind.bytesPer256;
  const parts: number[] = [];
  const u32 = (v: number) => parts.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  const u64 = (v: number) => {
    u32(v);
    u32(0);
  };
  const str = (s: string) => {
    const bytes = utf8(s);
    u64(bytes.length);
    parts.push(...bytes);
  };
  parts.push(0x47, 0x47, 0x55, 0x46); // "GGUF"
  u32(3);
  u64(1); // tensors
  u64(3); // metadata entries
  str('general.architecture');
  u32(8); // string
  str('llama');
  str('general.name');
  u32(8);
  str(name);
  str('general.file_type');
  u32(4); // uint32
  u32(kind.fileType);
  str('token_embd.weight');
  u32(dims.length);
  for (const d of dims) u64(d);
  u32(kind.type);
  u64(0);
  while (parts.length % 32 !== 0) parts.push(0);
  const out = new Uint8Array(parts.length + dataSize);
  out.set(parts);
  const data = new DataView(out.buffer, parts.length);
  if (quant === 'f32') {
    for (let i = 0; i < dataSize / 4; i++) data.setFloat32(i * 4, weight(random), true);
  } else {
    // Quantized blocks: random quants; for f16 every value is a small finite half float.
    for (let i = 0; i < dataSize; i++) data.setUint8(i, Math.floor(random() * 256));
    if (quant === 'f16')
      for (let i = 0; i < dataSize / 2; i++)
        data.setUint16(i * 2, 0x2000 + Math.floor(random() * 0x800), true);
  }
  return out;
}

function tokenizer() {
  const vocab: Record<string, number> = {};
  for (let b = 0; b < 256; b++) vocab[String.fromCharCode(b < 33 || b > 126 ? 0x100 + b : b)] = b;
  return {
    version: '1.0',
    model: { type: 'BPE', vocab, merges: [] as string[] },
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false },
    decoder: { type: 'ByteLevel' },
  };
}
