import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Schemas } from '@distillery/openapi';
import type { LlamaModel } from '../model/model.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { writeLlamaGguf } from './gguf-llama.ts';
import { type WrittenFile, writeHashed } from './hashed-file.ts';
import { hfConfig } from './hf-files.ts';
import type { QuantizationType } from './quant-mix.ts';
import { writeSafetensors } from './safetensors.ts';
import { modelTensorSource, type TensorSource } from './tensor-source.ts';
import { tokenizerExport } from './tokenizer-export.ts';

export type ArtifactFormat = Schemas['ArtifactFormat'];

/** One exported file, as the API's Artifact less its download_url (which the server adds). */
export interface ArtifactEntry {
  format: ArtifactFormat;
  /** Absolute path on the engine host. */
  path: string;
  size_bytes: number;
  checksum_sha256: string;
  /** GGUF files only: the file's overall tensor type. */
  quantization?: QuantizationType;
}

export interface ExportOptions {
  dir: string;
  /** Artifact families (the API's output_formats); default both. */
  formats?: ReadonlyArray<'safetensors' | 'gguf'>;
  /** GGUF files to write when `formats` has gguf (the API's quantization_types); default q8_0. */
  quantizationTypes?: readonly QuantizationType[];
  /** general.name in GGUF files. */
  name?: string;
  /** GGUF data alignment (default 32). */
  alignment?: number;
}

function entry(format: ArtifactFormat, f: WrittenFile, quantization?: QuantizationType): ArtifactEntry {
  return {
    format,
    path: resolve(f.path),
    size_bytes: f.sizeBytes,
    checksum_sha256: f.sha256,
    ...(quantization ? { quantization } : {}),
  };
}

/**
 * Writes the student as Hugging Face files (model.safetensors, config.json, tokenizer.json,
 * tokenizer_config.json) and one GGUF per quantization type (model-<type>.gguf), reading the
 * weights tensor by tensor from the backend. Returns one manifest entry per file.
 */
export function exportModel(
  model: LlamaModel,
  tokenizer: Tokenizer,
  o: ExportOptions,
): Promise<ArtifactEntry[]> {
  return exportTensors(modelTensorSource(model), tokenizer, o);
}

export async function exportTensors(
  source: TensorSource,
  tokenizer: Tokenizer,
  o: ExportOptions,
): Promise<ArtifactEntry[]> {
  const formats = o.formats ?? ['safetensors', 'gguf'];
  const quantizations: QuantizationType[] = [...new Set(o.quantizationTypes ?? (['q8_0'] as const))];
  await mkdir(o.dir, { recursive: true });
  const tok = tokenizerExport(tokenizer, source.config.vocabSize, source.config.maxSeqLen);
  const out: ArtifactEntry[] = [];
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  if (formats.includes('safetensors')) {
    out.push(entry('safetensors', await writeSafetensors(join(o.dir, 'model.safetensors'), source)));
    // config.json and tokenizer_config.json make the folder loadable by transformers; they are
    // companions of the safetensors file, while the `config` artifact is the job's training config.
    await writeHashed(join(o.dir, 'config.json'), json(hfConfig(source.config, tok)));
    out.push(entry('tokenizer', await writeHashed(join(o.dir, 'tokenizer.json'), json(tok.tokenizerJson))));
    await writeHashed(join(o.dir, 'tokenizer_config.json'), json(tok.tokenizerConfig));
  }
  if (formats.includes('gguf')) {
    for (const q of quantizations) {
      const f = await writeLlamaGguf(join(o.dir, `model-${q}.gguf`), source, tok, {
        quantization: q,
        name: o.name,
        alignment: o.alignment,
      });
      out.push(entry(`gguf_${q}` as ArtifactFormat, f, q));
    }
  }
  return out;
}
