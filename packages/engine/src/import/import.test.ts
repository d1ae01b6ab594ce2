import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../backends/cpu/cpu-backend.ts';
import { testConfigs, testModel, testTokenizer } from '../export/__fixtures__/models.ts';
import { exportModel } from '../export/export-model.ts';
import { writeSafetensors } from '../export/safetensors.ts';
import { modelTensorSource } from '../export/tensor-source.ts';
import { PretrainedTokenizer } from '../tokenizer/pretrained-tokenizer.ts';
import { shortestF32Decimal } from './gguf-checkpoint.ts';
import { GgufFile } from './gguf-reader.ts';
import { hfLlamaConfig } from './hf-config.ts';
import { loadCheckpoint, loadHfWeights } from './import-model.ts';
import { SafetensorsFile } from './safetensors-reader.ts';

describe('import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'distillery-import-'));
    const tokenizer = testTokenizer();
    const model = await testModel(testConfigs(tokenizer.vocabSize).nano);
    await exportModel(model, tokenizer, { dir, quantizationTypes: ['f16'] });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('recovers the decimal a value had before GGUF stored it as f32', () => {
    expect(shortestF32Decimal(Math.fround(1e-5))).toBe(1e-5);
    expect(shortestF32Decimal(Math.fround(1e-6))).toBe(1e-6);
    expect(shortestF32Decimal(500000)).toBe(500000);
  });

  it('rejects a file that is not GGUF, or is cut short', async () => {
    const bad = join(dir, 'bad.gguf');
    await writeFile(bad, 'not a gguf file at all');
    await expect(GgufFile.open(bad)).rejects.toThrow(/bad magic/);
    const cut = join(dir, 'cut.gguf');
    await writeFile(cut, await readFile(join(dir, 'model-f16.gguf')));
    await truncate(cut, 200);
    await expect(loadCheckpoint(cut, new CpuBackend())).rejects.toThrow(/truncated/);
    await writeFile(cut, await readFile(join(dir, 'model-f16.gguf')));
    await truncate(cut, 100_000);
    await expect(loadCheckpoint(cut, new CpuBackend())).rejects.toThrow(/past the end/);
  });

  it('reads a vocabulary laid out differently from our BPE as a pretrained tokenizer, with its own ids', async () => {
    const tj = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'));
    // Swap the ids of two byte tokens: every merge still parses, but ids no longer match our BPE.
    [tj.model.vocab.a, tj.model.vocab.b] = [tj.model.vocab.b, tj.model.vocab.a];
    const swapped = await mkdtemp(join(tmpdir(), 'distillery-import-swapped-'));
    try {
      for (const f of ['config.json', 'model.safetensors', 'tokenizer_config.json'])
        await writeFile(join(swapped, f), await readFile(join(dir, f)));
      await writeFile(join(swapped, 'tokenizer.json'), JSON.stringify(tj));
      const { tokenizer, summary } = await loadCheckpoint(swapped, new CpuBackend());
      expect(tokenizer).toBeInstanceOf(PretrainedTokenizer);
      expect(summary.tokenizer_type).toBe('byte-level-bpe');
      expect(tokenizer.encode('a')).toEqual([tj.model.vocab.a]);
      expect(tokenizer.decode(tokenizer.encode('banana bread'))).toBe('banana bread');
    } finally {
      await rm(swapped, { recursive: true, force: true });
    }
  });

  it('loads the weights of a Hugging Face Llama folder without a tokenizer, exactly', async () => {
    // The folder transformers' save_pretrained wrote for the parity test (config.json with
    // rope_parameters, as transformers 5 writes it; F32 model.safetensors).
    const hf = join(import.meta.dirname, '../../test/fixtures/transformers-parity');
    const model = await loadHfWeights(hf, new CpuBackend());
    expect(model.config.ropeTheta).toBe(1000);
    const w = await model.getWeights();
    const file = await SafetensorsFile.open(join(hf, 'model.safetensors'));
    try {
      expect(file.tensors.size).toBe(model.layout.entries.length);
      for (const e of model.layout.entries)
        expect(w.subarray(e.offset, e.offset + e.size)).toEqual(await file.readF32(e.name));
    } finally {
      await file.close();
    }
  });

  it('refuses a safetensors file with a tensor the model has no place for, or without one it needs', async () => {
    const tokenizer = testTokenizer();
    const model = await testModel(testConfigs(tokenizer.vocabSize).nano);
    const src = modelTensorSource(model);
    const bias = {
      name: 'model.layers.0.self_attn.q_proj.bias',
      shape: [64],
      offset: 0,
      size: 64,
      decay: false,
    };
    const extra = await mkdtemp(join(tmpdir(), 'distillery-import-extra-'));
    try {
      await writeFile(join(extra, 'config.json'), await readFile(join(dir, 'config.json')));
      await writeSafetensors(join(extra, 'model.safetensors'), {
        ...src,
        entries: [...src.entries, bias],
        read: (e) => (e === bias ? Promise.resolve(new Float32Array(64)) : src.read(e)),
      });
      await expect(loadHfWeights(extra, new CpuBackend())).rejects.toThrow(
        /q_proj\.bias has no place in the model/,
      );
      // A tied head stored as a copy of the embedding (as some checkpoints do) loads; a different one does not.
      const embed = src.entries[0]!;
      const head = { ...embed, name: 'lm_head.weight' };
      const withHead = (scale: number) =>
        writeSafetensors(join(extra, 'model.safetensors'), {
          ...src,
          entries: [...src.entries, head],
          read: async (e) => (e === head ? (await src.read(embed)).map((v) => v * scale) : src.read(e)),
        });
      await withHead(1);
      const tied = await loadHfWeights(extra, new CpuBackend());
      expect(await tied.getWeights()).toEqual(await model.getWeights());
      await withHead(2);
      await expect(loadHfWeights(extra, new CpuBackend())).rejects.toThrow(
        /lm_head\.weight differs from the embedding/,
      );
      await writeSafetensors(join(extra, 'model.safetensors'), { ...src, entries: src.entries.slice(1) });
      await expect(loadHfWeights(extra, new CpuBackend())).rejects.toThrow(/embed_tokens\.weight is missing/);
    } finally {
      await rm(extra, { recursive: true, force: true });
    }
  });
});

describe('hfLlamaConfig', () => {
  const base = {
    model_type: 'llama',
    vocab_size: 320,
    hidden_size: 64,
    intermediate_size: 172,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    max_position_embeddings: 64,
    rms_norm_eps: 1e-6,
  };

  it("reads RoPE's base from transformers 5's rope_parameters and 4's rope_theta", () => {
    const v5 = hfLlamaConfig({ ...base, rope_parameters: { rope_type: 'default', rope_theta: 1000 } }, 'v5');
    expect(v5).toEqual({
      vocabSize: 320,
      dim: 64,
      nLayers: 2,
      nHeads: 4,
      nKvHeads: 2,
      hiddenDim: 172,
      maxSeqLen: 64,
      ropeTheta: 1000,
      normEps: 1e-6,
      tieEmbeddings: false,
    });
    expect(hfLlamaConfig({ ...base, rope_theta: 500000, rope_scaling: null }, 'v4').ropeTheta).toBe(500000);
    expect(hfLlamaConfig(base, 'none').ropeTheta).toBe(10000);
    const { num_key_value_heads: _, ...mha } = base;
    expect(hfLlamaConfig({ ...mha, tie_word_embeddings: true }, 'mha')).toMatchObject({
      nKvHeads: 4,
      tieEmbeddings: true,
    });
  });

  it('reads head_dim, llama3 RoPE scaling and Mistral without a sliding window', () => {
    expect(hfLlamaConfig({ ...base, head_dim: 32 }, 'c').headDim).toBe(32);
    expect(hfLlamaConfig({ ...base, head_dim: 16 }, 'c').headDim).toBeUndefined();
    const llama3 = {
      rope_type: 'llama3',
      factor: 32,
      low_freq_factor: 1,
      high_freq_factor: 4,
      original_max_position_embeddings: 8192,
    };
    const scaled = {
      type: 'llama3',
      factor: 32,
      lowFreqFactor: 1,
      highFreqFactor: 4,
      originalMaxPositions: 8192,
    };
    expect(hfLlamaConfig({ ...base, rope_theta: 5e5, rope_scaling: llama3 }, 'v4').ropeScaling).toEqual(
      scaled,
    );
    const v5 = hfLlamaConfig({ ...base, rope_parameters: { ...llama3, rope_theta: 5e5 } }, 'v5');
    expect([v5.ropeTheta, v5.ropeScaling]).toEqual([5e5, scaled]);
    expect(hfLlamaConfig({ ...base, model_type: 'mistral', sliding_window: null }, 'm').dim).toBe(64);
  });

  it("reads Llama's attention_bias and mlp_bias; Mistral's projections have none whatever its config says", () => {
    expect(hfLlamaConfig({ ...base, attention_bias: true }, 'c')).toMatchObject({ attentionBias: true });
    expect(hfLlamaConfig({ ...base, mlp_bias: true }, 'c')).toMatchObject({ mlpBias: true });
    const unbiased = hfLlamaConfig({ ...base, attention_bias: false, mlp_bias: false }, 'c');
    expect(unbiased).toEqual(hfLlamaConfig(base, 'c'));
    expect('attentionBias' in unbiased || 'mlpBias' in unbiased).toBe(false);
    const mistral = { ...base, model_type: 'mistral', attention_bias: true, mlp_bias: true };
    expect(hfLlamaConfig(mistral, 'm')).toEqual(hfLlamaConfig({ ...base, model_type: 'mistral' }, 'm'));
  });

  it.each([
    [{ model_type: 'gpt2' }, /model_type "gpt2" .*is not supported/],
    [
      { architectures: ['LlamaForSequenceClassification'] },
      /architectures .*LlamaForSequenceClassification.* is not supported/,
    ],
    [{ hidden_act: 'gelu' }, /hidden_act "gelu" is not supported/],
    [{ rope_scaling: { rope_type: 'llama3', factor: 8 } }, /rope_scaling\.low_freq_factor is missing/],
    [
      { rope_parameters: { rope_type: 'linear', rope_theta: 1e4 } },
      /rope_scaling type "linear" is not supported/,
    ],
    [{ model_type: 'mistral', sliding_window: 32 }, /sliding_window 32 .*is not supported/],
    [{ head_dim: 3 }, /head dimension \(3\) must be even/],
    [{ rms_norm_eps: undefined }, /rms_norm_eps is missing/],
  ])('refuses what the graph does not compute: %j', (patch, message) => {
    expect(() => hfLlamaConfig({ ...base, ...patch }, 'config.json')).toThrow(message);
  });
});

describe('safetensors files that do not add up', () => {
  const write = async (header: Record<string, unknown>, dataBytes: number) => {
    const json = new TextEncoder().encode(JSON.stringify(header));
    const bytes = new Uint8Array(8 + json.length + dataBytes);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    const dir = await mkdtemp(join(tmpdir(), 'distillery-st-'));
    await writeFile(join(dir, 'model.safetensors'), bytes);
    return join(dir, 'model.safetensors');
  };
  const t = (dtype: string, shape: number[], begin: number, end: number) => ({
    dtype,
    shape,
    data_offsets: [begin, end],
  });

  it.each([
    [
      'a header that lies about a size',
      { a: t('F32', [4], 0, 12) },
      12,
      /shape \[4\] of F32 needs 16 bytes, but its data_offsets span 12/,
    ],
    ['a truncated file', { a: t('F32', [4], 0, 16) }, 10, /runs past the end of the file \(truncated/],
    ['a gap between tensors', { a: t('F32', [1], 0, 4), b: t('F32', [1], 8, 12) }, 12, /leave a gap/],
    ['overlapping tensors', { a: t('F32', [2], 0, 8), b: t('F32', [2], 4, 12) }, 12, /overlap/],
    ['bytes after the last tensor', { a: t('F32', [1], 0, 4) }, 8, /4 bytes follow the last tensor/],
    ['an unknown dtype', { a: t('F12', [1], 0, 4) }, 4, /dtype "F12"/],
  ])('refuses %s, naming it', async (_what, header, dataBytes, message) => {
    const path = await write(header, dataBytes);
    await expect(SafetensorsFile.open(path)).rejects.toThrow(message);
    await rm(join(path, '..'), { recursive: true, force: true });
  });

  it('refuses a header length past the end of the file and a header that is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'distillery-st-'));
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, 1000n, true);
    await writeFile(join(dir, 'a.safetensors'), bytes);
    await expect(SafetensorsFile.open(join(dir, 'a.safetensors'))).rejects.toThrow(/header length 1000/);
    new DataView(bytes.buffer).setBigUint64(0, 8n, true);
    await writeFile(join(dir, 'a.safetensors'), bytes);
    await expect(SafetensorsFile.open(join(dir, 'a.safetensors'))).rejects.toThrow(/not JSON/);
    await rm(dir, { recursive: true, force: true });
  });
});
