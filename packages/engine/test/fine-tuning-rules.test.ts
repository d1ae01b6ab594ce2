/**
 * Fine-tuning with the spec's default hyperparameters learns simple labelled rules it was never
 * tuned for: a preset trained from scratch on 400 synthetic rows must beat the majority class by at
 * least 30 points on 200 held-out rows, for each rule and each of three seeds. The rules: a digit
 * present among five (digits spaced, so that the rule is about digits, not about how BPE merged
 * them), a keyword among random words, and the format of a string (e-mail, phone number or date).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { majorityRate, Rng, runFineTuning } from '../src/index.ts';

interface Row {
  prompt: string;
  label: string;
}

const WORDS =
  'apple river stone cloud paper window garden silver orange market yellow forest candle mirror'.split(' ');
const pick = (rng: Rng, xs: readonly string[]) => xs[rng.int(xs.length)]!;
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(10)).join('');

const RULES: Record<string, (rng: Rng) => Row> = {
  'a digit': (rng) => {
    const n = digits(rng, 5);
    return { prompt: `digits ${n.split('').join(' ')}:`, label: n.includes('7') ? 'yes' : 'no' };
  },
  'a keyword': (rng) => {
    const words = Array.from({ length: 6 }, () => pick(rng, WORDS));
    const urgent = rng.int(2) === 0;
    if (urgent) words[rng.int(words.length)] = pick(rng, ['urgent', 'asap', 'immediately']);
    return { prompt: `message: ${words.join(' ')}`, label: urgent ? 'urgent' : 'normal' };
  },
  'a format': (rng) => {
    const kind = rng.int(3);
    const text = [
      `${pick(rng, WORDS)}@${pick(rng, WORDS)}.com`,
      `${digits(rng, 3)}-${digits(rng, 4)}`,
      `20${digits(rng, 2)}-0${1 + rng.int(9)}-1${rng.int(10)}`,
    ][kind]!;
    return { prompt: `text: ${text}`, label: ['email', 'phone', 'date'][kind]! };
  },
};

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('fine-tuning with the default hyperparameters', () => {
  for (const [rule, make] of Object.entries(RULES)) {
    for (const seed of [1, 2, 3]) {
      it(`learns ${rule} (seed ${seed})`, async () => {
        const rng = new Rng(seed * 101 + rule.length);
        const rows = Array.from({ length: 600 }, () => make(rng));
        const [train, held] = [rows.slice(0, 400), rows.slice(400)];
        const dataDir = await mkdtemp(join(tmpdir(), 'distillery-rules-'));
        dirs.push(dataDir);
        const result = await runFineTuning(
          { base_model: 'distillery-nano', result_model: 'rule', seed, backend: 'cpu' },
          { dataDir, rows: train, validationRows: held },
        );
        expect(result.validation_accuracy! - majorityRate(held)).toBeGreaterThanOrEqual(0.3);
      });
    }
  }
});
