import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLayout, countParameters } from '../model/layout.ts';
import { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { CheckpointError } from './checkpoint-error.ts';
import type { CheckpointSource } from './checkpoint-source.ts';
import { checkpointTokenizer } from './checkpoint-tokenizer.ts';
import { hfLlamaConfig } from './hf-config.ts';
import { SafetensorsFile } from './safetensors-reader.ts';

async function readJson(dir: string, name: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch {
    if (required) throw new CheckpointError(`${name} is missing`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CheckpointError(`${name} is not JSON`);
  }
}

/** model.safetensors, or the shards that model.safetensors.index.json maps tensor names to. */
async function openWeights(
  dir: string,
): Promise<{ files: SafetensorsFile[]; byName: Map<string, SafetensorsFile> }> {
  const names = await readdir(dir);
  const index = names.includes('model.safetensors.index.json')
    ? ((await readJson(dir, 'model.safetensors.index.json', true)) as { weight_map?: Record<string, string> })
    : undefined;
  if (!index && !names.includes('model.safetensors'))
    throw new CheckpointError(
      'model.safetensors (or model.safetensors.index.json with its shards) is missing; other weight formats are not read',
    );
  const shards = index ? [...new Set(Object.values(index.weight_map ?? {}))] : ['model.safetensors'];
  if (shards.length === 0) throw new CheckpointError('model.safetensors.index.json: weight_map is empty');
  const files: SafetensorsFile[] = [];
  const byName = new Map<string, SafetensorsFile>();
  try {
    for (const shard of shards) {
      if (!/^[\w.-]+\.safetensors$/.test(shard) || !names.includes(shard))
        throw new CheckpointError(
          `model.safetensors.index.json names shard ${JSON.stringify(shard)}, which is missing`,
        );
      const file = await SafetensorsFile.open(join(dir, shard), shard);
      files.push(file);
      for (const name of file.tensors.keys()) {
        if (byName.has(name)) throw new CheckpointError(`tensor ${name} is in more than one shard`);
        if (index && index.weight_map?.[name] !== shard)
          throw new CheckpointError(`tensor ${name} is in ${shard}, but the index puts it elsewhere`);
        byName.set(name, file);
      }
    }
    for (const name of Object.keys(index?.weight_map ?? {}))
      if (!byName.has(name)) throw new CheckpointError(`tensor ${name} is in the index but in no shard`);
  } catch (err) {
    await Promise.all(files.map((f) => f.close()));
    throw err;
  }
  return { files, byName };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function tokenizerType(t: Tokenizer): 'byte-level-bpe' | 'sentencepiece-bpe' {
  return t instanceof PretrainedTokenizer ? t.hf.kind : 'byte-level-bpe';
}

/**
 * A Hugging Face Llama-family folder. The engine's layout is Hugging Face's (and RoPE's half-split
 * pairing is transformers' rotate_half), so tensors are read as they are. A tensor the model has no
 * place for is an error; transformers 4's `rotary_emb.inv_freq` buffers (derived from the config)
 * and a tied head stored as a copy of the embedding are skipped. `withTokenizer: false` reads the
 * weights of a folder that has none (the transformers parity fixture).
 */
export async function openHfCheckpoint(dir: string, withTokenizer = true): Promise<CheckpointSource> {
  const cfg = (await readJson(dir, 'config.json', true)) as Record<string, unknown>;
  if (typeof cfg !== 'object' || cfg === null) throw new CheckpointError('config.json is not an object');
  const config = hfLlamaConfig(cfg, 'config.json');
  const tokenizerConfig = await readJson(dir, 'tokenizer_config.json', false);
  const tokenizer = withTokenizer
    ? checkpointTokenizer(await readJson(dir, 'tokenizer.json', true), tokenizerConfig, 'tokenizer.json')
    : // Bytes only: enough to carry the weights of a folder that has no tokenizer.
      BpeTokenizer.fromJSON({ type: 'byte-level-bpe', version: 1, merges: [], specialTokens: [] });
  if (withTokenizer && tokenizer.vocabSize > config.vocabSize)
    throw new CheckpointError(
      `tokenizer.json has ${tokenizer.vocabSize} tokens, more than config.json's vocab_size ${config.vocabSize}`,
    );
  const generation = await readJson(dir, 'generation_config.json', false);
  const { files, byName } = await openWeights(dir);
  try {
    const embed = 'model.embed_tokens.weight';
    const known = new Set(buildLayout(config).entries.map((e) => e.name));
    const dtypes = new Map<string, number>();
    for (const [name, file] of byName) {
      const t = file.tensors.get(name)!;
      if (known.has(name)) {
        dtypes.set(t.dtype, (dtypes.get(t.dtype) ?? 0) + 1);
        continue;
      }
      if (name.endsWith('.rotary_emb.inv_freq')) continue;
      if (name === 'lm_head.weight' && config.tieEmbeddings && byName.has(embed)) {
        const [head, emb] = [await file.readF32(name), await byName.get(embed)!.readF32(embed)];
        if (head.length === emb.length && head.every((v, i) => Object.is(v, emb[i]))) continue;
        throw new CheckpointError(
          'lm_head.weight differs from the embedding, but tie_word_embeddings is true',
        );
      }
      throw new CheckpointError(`${file.path}: tensor ${name} has no place in the model`);
    }
    const dtype = [...dtypes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'F32';
    const architectures = cfg.architectures;
    return {
      config,
      tokenizer,
      summary: {
        architecture: Array.isArray(architectures) ? String(architectures[0]) : 'LlamaForCausalLM',
        format: 'safetensors',
        parameters: countParameters(config),
        dtype,
        context_length: config.maxSeqLen,
        vocab_size: config.vocabSize,
        tokenizer_type: tokenizerType(tokenizer),
        chat_template: tokenizer instanceof PretrainedTokenizer && tokenizer.hf.chatTemplate !== undefined,
      },
      metadata: generation === undefined ? {} : { generation_config: generation },
      async read(e) {
        const file = byName.get(e.name);
        const t = file?.tensors.get(e.name);
        if (!file || !t) throw new CheckpointError(`tensor ${e.name} is missing`);
        if (!sameShape(t.shape, e.shape))
          throw new CheckpointError(
            `tensor ${e.name}: shape [${t.shape}] in the file, [${e.shape}] in config.json`,
          );
        return file.readF32(e.name);
      },
      close: async () => {
        await Promise.all(files.map((f) => f.close()));
      },
    };
  } catch (err) {
    await Promise.all(files.map((f) => f.close()));
    throw err;
  }
}
