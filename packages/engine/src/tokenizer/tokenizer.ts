import { BpeTokenizer, type TokenizerJSON } from './bpe-tokenizer.ts';
import { PretrainedTokenizer } from './pretrained-tokenizer.ts';

/** A Hugging Face tokenizer as stored beside an imported model: its own files, unchanged. */
export interface PretrainedTokenizerJSON {
  type: 'hugging-face';
  /** tokenizer.json */
  tokenizer: unknown;
  /** tokenizer_config.json, where the checkpoint had one. */
  config?: unknown;
}

export type StoredTokenizer = TokenizerJSON | PretrainedTokenizerJSON;

/**
 * What training, evaluation and generation need of a tokenizer. Sequences are laid out
 * `bos prompt sep completion eos` and padded with `pad`; the engine's own tokenizer has a special
 * token for each role, a pretrained one maps them onto its own tokens (see PretrainedTokenizer).
 */
export interface Tokenizer {
  readonly vocabSize: number;
  /** Token ids of `text`, nothing added; special tokens written in the text are read as such only with `allowSpecial`. */
  encode(text: string, allowSpecial?: boolean): number[];
  /** Text of `ids`; special tokens are dropped unless `keepSpecial`. */
  decode(ids: readonly number[], keepSpecial?: boolean): string;
  readonly bos: number;
  readonly eos: number;
  readonly pad: number;
  readonly sep: number;
  toJSON(): StoredTokenizer;
}

/** The tokenizer a stored model was saved with. */
export function tokenizerFromJSON(json: StoredTokenizer, where?: string): Tokenizer {
  return json.type === 'hugging-face'
    ? PretrainedTokenizer.fromJSON(json, where)
    : BpeTokenizer.fromJSON(json);
}
