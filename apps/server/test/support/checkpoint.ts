import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BpeTokenizer, CpuBackend, exportModel, LlamaModel, Rng } from '@distillery/engine';

/** The engine's committed import fixtures (a Hugging Face folder and GGUF files), when present. */
const FIXTURES = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'packages',
  'engine',
  'test',
  'fixtures',
  'import',
);

export interface Checkpoint {
  /** A Hugging Face folder: config.json, model.safetensors, tokenizer.json, tokenizer_config.json. */
  hfDir: string;
  /** One GGUF file of a byte-level BPE model. */
  gguf: string;
  /** A Q8_0 GGUF of a SentencePiece-style model (from the engine's fixtures only). */
  sentencepieceGguf?: string;
}

const HF_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'];

/**
 * A tiny real checkpoint in `dir`: the engine's committed fixtures when they exist, else one the
 * engine's own exporter writes (safetensors, config and tokenizer as Hugging Face lays them out, and
 * an F16 GGUF), from a two-layer Llama with a 300-token byte-level BPE.
 */
export async function tinyCheckpoint(dir: string): Promise<Checkpoint> {
  const hfDir = join(dir, 'tiny-llama');
  await mkdir(hfDir, { recursive: true });
  const fixtureHf = join(FIXTURES, 'smollm-f32');
  const fixtureGguf = join(FIXTURES, 'gguf', 'smollm-f16.gguf');
  if (existsSync(join(fixtureHf, 'config.json')) && existsSync(fixtureGguf)) {
    for (const f of [...HF_FILES, 'generation_config.json'])
      if (existsSync(join(fixtureHf, f))) await cp(join(fixtureHf, f), join(hfDir, f));
    const sentencepiece = join(FIXTURES, 'gguf', 'sentencepiece-q8_0.gguf');
    return {
      hfDir,
      gguf: fixtureGguf,
      ...(existsSync(sentencepiece) ? { sentencepieceGguf: sentencepiece } : {}),
    };
  }
  const corpus = 'the quick brown fox jumps over the lazy dog while spam filters read every mail';
  const tokenizer = BpeTokenizer.train([corpus, corpus.toUpperCase()], { vocabSize: 300 });
  const model = new LlamaModel(new CpuBackend(), {
    vocabSize: tokenizer.vocabSize,
    maxSeqLen: 64,
    ropeTheta: 10000,
    normEps: 1e-5,
    dim: 64,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: 2,
    hiddenDim: 160,
    tieEmbeddings: true,
  });
  model.initialize(new Rng(7));
  const out = join(dir, 'export');
  await exportModel(model, tokenizer, { dir: out, quantizationTypes: ['f16'], name: 'tiny-llama' });
  for (const f of HF_FILES) await cp(join(out, f), join(hfDir, f));
  return { hfDir, gguf: join(out, 'model-f16.gguf') };
}

/** A ustar archive by hand, so that a test can put in what `tar` would refuse to write. */
export function tarOf(
  entries: Array<{ name: string; body?: Buffer | string; type?: '0' | '2' | '5' }>,
): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.type ?? '0', 156);
    if (e.type === '2') h.write('/etc/passwd', 157);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
