import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GgufFile } from '../import/gguf-reader.ts';
import { CODEC_ERROR_BOUNDS, testConfigs, testModel, testTokenizer } from './__fixtures__/models.ts';
import { exportModel } from './export-model.ts';
import { QUANTIZATION_TYPES } from './quant-mix.ts';
import { CODECS_BY_ID } from './quantize/index.ts';
import { ropeToInterleaved } from './rope-permute.ts';
import { hfToGguf } from './tensor-names.ts';

const CHECKER = resolve(import.meta.dirname, '../../test/gguf-py/check_gguf.py');
const python = spawnSync('python3', ['-c', 'import gguf, numpy'], { encoding: 'utf8' });
const available = python.status === 0;
const why = python.error?.message ?? python.stderr?.trim().split('\n').at(-1) ?? 'unknown error';

const raw = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('gguf-py reads our GGUF files', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  if (!available && !process.env.CI) {
    it.skip(
      `skipped: python3 with gguf and numpy is unavailable (${why}); pip install -r test/gguf-py/requirements.txt`,
    );
    return;
  }

  it('opens every export, finds the metadata and tensors, and dequantises as we do', async () => {
    expect(available, `python3 with gguf and numpy is required in CI: ${why}`).toBe(true);
    const tokenizer = testTokenizer();
    const files: unknown[] = [];
    for (const [label, config] of Object.entries(testConfigs(tokenizer.vocabSize))) {
      const dir = await mkdtemp(join(tmpdir(), `distillery-ggufpy-${label}-`));
      dirs.push(dir);
      const model = await testModel(config);
      const weights = await model.getWeights();
      const manifest = await exportModel(model, tokenizer, {
        dir,
        formats: ['gguf'],
        quantizationTypes: [...QUANTIZATION_TYPES],
      });
      // The original weights in GGUF row order (Q and K, and their biases, RoPE-permuted), one raw f32
      // file per tensor.
      const reference = new Map<string, string>();
      for (const e of model.layout.entries) {
        const name = hfToGguf(e.name);
        let w = weights.subarray(e.offset, e.offset + e.size);
        const cols = e.shape[1] ?? 1;
        if (/attn_q\.(weight|bias)$/.test(name)) w = ropeToInterleaved(w, config.nHeads, cols);
        if (/attn_k\.(weight|bias)$/.test(name)) w = ropeToInterleaved(w, config.nKvHeads, cols);
        reference.set(name, join(dir, `${name}.ref.f32`));
        await writeFile(reference.get(name)!, raw(w));
      }
      for (const artifact of manifest) {
        const file = await GgufFile.open(artifact.path);
        const tensors: Record<string, unknown> = {};
        try {
          for (const t of file.header.tensors) {
            const ours = join(dir, `${artifact.quantization}.${t.name}.f32`);
            await writeFile(ours, raw(await file.readF32(t)));
            const type = CODECS_BY_ID.get(t.type)!.name;
            tensors[t.name] = {
              type,
              shape: [...t.ne].reverse(),
              reference: reference.get(t.name),
              ours,
              bound: CODEC_ERROR_BOUNDS[type],
            };
          }
        } finally {
          await file.close();
        }
        files.push({
          path: artifact.path,
          alignment: 32,
          vocab_size: tokenizer.vocabSize,
          n_merges: tokenizer.vocabSize - 256 - tokenizer.specialTokens.length,
          metadata: {
            'general.architecture': 'llama',
            'general.file_type': { f32: 0, f16: 1, q8_0: 7, q4_0: 2, q4_k_m: 15 }[artifact.quantization!],
            'llama.context_length': config.maxSeqLen,
            'llama.embedding_length': config.dim,
            'llama.block_count': config.nLayers,
            'llama.feed_forward_length': config.hiddenDim,
            'llama.attention.head_count': config.nHeads,
            'llama.attention.head_count_kv': config.nKvHeads,
            'llama.rope.freq_base': config.ropeTheta,
            'llama.rope.dimension_count': config.dim / config.nHeads,
            'llama.attention.layer_norm_rms_epsilon': config.normEps,
            'tokenizer.ggml.model': 'gpt2',
            'tokenizer.ggml.pre': 'gpt-2',
            'tokenizer.ggml.bos_token_id': tokenizer.bos,
            'tokenizer.ggml.eos_token_id': tokenizer.eos,
            'tokenizer.ggml.padding_token_id': tokenizer.pad,
          },
          tensors,
        });
      }
    }
    const specPath = join(dirs[0]!, 'spec.json');
    await writeFile(specPath, JSON.stringify({ files }));
    const run = spawnSync('python3', [CHECKER, specPath], { encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    // Every shape, all five file types: 15 files, each reported ok.
    expect(output.match(/^ok /gm)?.length, output).toBe(15);
  });
});
