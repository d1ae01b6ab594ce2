import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The engine's committed import fixtures: Hugging Face folders and GGUF files. */
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
  /** A Q8_0 GGUF of a SentencePiece-style model. */
  sentencepieceGguf: string;
}

const HF_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'];

/** The engine's committed import fixtures, copied into `dir` so that tests may change the folder. */
export async function tinyCheckpoint(dir: string): Promise<Checkpoint> {
  const hfDir = join(dir, 'tiny-llama');
  await mkdir(hfDir, { recursive: true });
  for (const f of [...HF_FILES, 'generation_config.json'])
    await cp(join(FIXTURES, 'smollm-f32', f), join(hfDir, f));
  return {
    hfDir,
    gguf: join(FIXTURES, 'gguf', 'smollm-f16.gguf'),
    sentencepieceGguf: join(FIXTURES, 'gguf', 'sentencepiece-q8_0.gguf'),
  };
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
