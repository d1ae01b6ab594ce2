import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Json = Record<string, unknown>;

export const FIXTURE_NAMES = ['gpt2', 'llama3', 'smollm', 'sentencepiece'] as const;
const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/tokenizers');

/** A freshly parsed fixture file (test/fixtures/tokenizers/<name>/), safe to edit. */
export function fixture(
  name: string,
  file: 'tokenizer.json' | 'tokenizer_config.json' = 'tokenizer.json',
): Json {
  return JSON.parse(readFileSync(join(FIXTURES, name, file), 'utf8'));
}

/** A fixture's tokenizer.json, changed. */
export function edited(name: string, change: (json: Json) => void): Json {
  const json = fixture(name);
  change(json);
  return json;
}

/**
 * Llama 3's fixture plus "Ġthect" (merge "Ġth ect", id 1014, in place of the special tokens),
 * which its merges alone split as "Ġthe" "ct": only ignore_merges makes " thect" one token.
 */
export function unreachableToken(ignoreMerges: boolean): Json {
  return edited('llama3', (j) => {
    const model = j.model as { vocab: Record<string, number>; merges: string[][]; ignore_merges: boolean };
    j.added_tokens = [];
    j.post_processor = null;
    model.vocab.Ġthect = 1014;
    model.merges.push(['Ġth', 'ect']);
    model.ignore_merges = ignoreMerges;
  });
}
