import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GgufFile } from '../import/gguf-reader.ts';
import { GgufType, writeGguf } from './gguf-writer.ts';
import { tensorCodec } from './quant-mix.ts';
import { F32, Q8_0 } from './quantize/index.ts';
import { ropeToHalfSplit, ropeToInterleaved } from './rope-permute.ts';
import { ggufToHf, hfToGguf } from './tensor-names.ts';

describe('GGUF writer', () => {
  it('writes a v3 header, metadata and tensors at aligned offsets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'distillery-gguf-'));
    try {
      for (const alignment of [32, 64]) {
        const path = join(dir, `a${alignment}.gguf`);
        const small = Float32Array.from([1, 2, 3]);
        const block = Float32Array.from({ length: 64 }, (_, i) => i / 8);
        await writeGguf(
          path,
          new Map([
            ['general.architecture', { type: GgufType.STRING, value: 'llama' }],
            ['x.count', { type: GgufType.UINT64, value: 5n }],
            ['x.list', { type: GgufType.ARRAY, itemType: GgufType.INT32, value: [-1, 2] }],
          ]),
          [
            { name: 'a', ne: [3], codec: F32, data: async () => new Uint8Array(small.buffer) },
            {
              name: 'b',
              ne: [32, 2],
              codec: Q8_0,
              data: async () => {
                const out = new Uint8Array(68);
                Q8_0.quantize(block, out);
                return out;
              },
            },
          ],
          alignment,
        );
        const bytes = await readFile(path);
        expect(bytes.subarray(0, 4).toString('latin1')).toBe('GGUF');
        expect(bytes.readUInt32LE(4)).toBe(3);
        const f = await GgufFile.open(path);
        try {
          const meta = f.header.metadata;
          expect(meta.get('general.architecture')).toBe('llama');
          expect(meta.get('x.count')).toBe(5n);
          expect(meta.get('x.list')).toEqual([-1, 2]);
          expect(meta.has('general.alignment')).toBe(alignment !== 32);
          for (const t of f.header.tensors) expect(t.offset % alignment).toBe(0);
          expect(await f.readF32(f.tensor('a')!)).toEqual(small);
          const b = await f.readF32(f.tensor('b')!);
          // Q8_0: within half a step (max / 127 / 2) of the original.
          expect(Math.max(...b.map((v, i) => Math.abs(v - block[i]!)))).toBeLessThanOrEqual(
            7.875 / 254 + 1e-3,
          );
        } finally {
          await f.close();
        }
        expect(bytes.length % alignment).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a tensor whose rows do not fit its blocks', async () => {
    await expect(
      writeGguf(join(tmpdir(), 'never.gguf'), new Map(), [
        { name: 'w', ne: [48, 2], codec: Q8_0, data: async () => new Uint8Array(0) },
      ]),
    ).rejects.toThrow(/do not fit Q8_0/);
  });
});

describe('tensor names', () => {
  it('map Hugging Face Llama names to llama.cpp names and back', () => {
    const pairs = [
      ['model.embed_tokens.weight', 'token_embd.weight'],
      ['model.layers.3.self_attn.q_proj.weight', 'blk.3.attn_q.weight'],
      ['model.layers.0.self_attn.o_proj.weight', 'blk.0.attn_output.weight'],
      ['model.layers.1.post_attention_layernorm.weight', 'blk.1.ffn_norm.weight'],
      ['model.layers.1.mlp.down_proj.weight', 'blk.1.ffn_down.weight'],
      ['model.norm.weight', 'output_norm.weight'],
      ['lm_head.weight', 'output.weight'],
    ];
    for (const [hf, gg] of pairs) {
      expect(hfToGguf(hf!)).toBe(gg);
      expect(ggufToHf(gg!)).toBe(hf);
    }
    expect(() => hfToGguf('model.layers.0.mlp.fc.weight')).toThrow();
  });
});

describe('RoPE permutation', () => {
  it('interleaves the halves of each head as convert_hf_to_gguf.py permute does', () => {
    // 2 heads of 4 rows, 1 column: HF rows [h0: a0 a1 b0 b1] → GGUF [a0 b0 a1 b1].
    const w = Float32Array.from([0, 1, 2, 3, 10, 11, 12, 13]);
    expect(ropeToInterleaved(w, 2, 1)).toEqual(Float32Array.from([0, 2, 1, 3, 10, 12, 11, 13]));
    const wide = Float32Array.from({ length: 8 * 3 }, (_, i) => i);
    expect(ropeToHalfSplit(ropeToInterleaved(wide, 2, 3), 2, 3)).toEqual(wide);
  });
});

describe('q4_k_m tensor types', () => {
  const pick = (name: string, ne: number[], nLayers = 32, tied = false) => {
    const layer = /^blk\.(\d+)\./.exec(name);
    return tensorCodec({ name, ne, layer: layer ? Number(layer[1]) : null }, 'q4_k_m', nLayers, tied).name;
  };

  it('follows llama.cpp: Q6_K head, Q6_K attn_v / ffn_down in use_more_bits layers, else Q4_K', () => {
    expect(pick('output.weight', [4096, 32000])).toBe('Q6_K');
    expect(pick('token_embd.weight', [4096, 32000])).toBe('Q4_K');
    expect(pick('token_embd.weight', [4096, 32000], 32, true)).toBe('Q6_K');
    expect(pick('blk.0.attn_q.weight', [4096, 4096])).toBe('Q4_K');
    expect(pick('blk.0.attn_norm.weight', [4096])).toBe('F32');
    // 32 layers: the first 4, the last 4, and every third from layer 6 (6, 9, ..., 27).
    const more = Array.from({ length: 32 }, (_, i) => i).filter(
      (i) => pick(`blk.${i}.ffn_down.weight`, [11008, 4096]) === 'Q6_K',
    );
    expect(more).toEqual([0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31]);
    expect(pick('blk.5.attn_v.weight', [4096, 1024])).toBe('Q4_K');
    expect(pick('blk.6.attn_v.weight', [4096, 1024])).toBe('Q6_K');
    // 2 layers (C integer division: n/8 = 0, 7n/8 = 1): layer 1 gets more bits, layer 0 does not.
    expect(pick('blk.0.ffn_down.weight', [512, 256], 2)).toBe('Q4_K');
    expect(pick('blk.1.ffn_down.weight', [512, 256], 2)).toBe('Q6_K');
  });

  it('falls back where rows are not a multiple of 256, then to F16', () => {
    expect(pick('blk.0.attn_q.weight', [64, 64])).toBe('Q5_0');
    expect(pick('output.weight', [64, 512])).toBe('Q8_0');
    expect(pick('blk.0.ffn_down.weight', [160, 64])).toBe('Q8_0');
    expect(pick('blk.0.attn_q.weight', [48, 48])).toBe('F16');
  });
});
