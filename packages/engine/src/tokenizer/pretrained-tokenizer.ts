import { HfTokenizer } from './hf/index.ts';
import type { PretrainedTokenizerJSON, Tokenizer } from './tokenizer.ts';

/**
 * A checkpoint's own Hugging Face tokenizer in the engine's sequence roles. eos is the model's end
 * of text (required: generation stops on it); bos is its begin-of-text token where it has one, else
 * eos, as GPT-2-style models start documents; pad is its pad token, else eos (padding is masked out
 * of the loss either way); the prompt/completion separator is the model's newline token, so a
 * pretrained model reads `prompt\ncompletion` as ordinary text rather than a token it never saw.
 */
export class PretrainedTokenizer implements Tokenizer {
  readonly hf: HfTokenizer;
  readonly bos: number;
  readonly eos: number;
  readonly pad: number;
  readonly sep: number;

  constructor(hf: HfTokenizer, where = 'tokenizer') {
    this.hf = hf;
    if (hf.eosId === undefined)
      throw new Error(
        `${where}: the tokenizer names no eos_token (tokenizer_config.json), which generation stops on`,
      );
    this.eos = hf.eosId;
    this.bos = hf.bosId ?? hf.eosId;
    this.pad = hf.padId ?? hf.eosId;
    const newline = hf.encode('\n');
    this.sep = newline.length === 1 ? newline[0]! : hf.eosId;
  }

  static fromJSON(json: PretrainedTokenizerJSON, where?: string): PretrainedTokenizer {
    return new PretrainedTokenizer(HfTokenizer.fromJSON(json.tokenizer, json.config), where);
  }

  get vocabSize(): number {
    return this.hf.vocabSize;
  }

  /**
   * Hugging Face tokenizers always read added tokens written in the text as themselves; without
   * `allowSpecial`, a special token's text is encoded piecewise instead, so data cannot inject one.
   */
  encode(text: string, allowSpecial = true): number[] {
    if (allowSpecial) return this.hf.encode(text);
    const out: number[] = [];
    for (const piece of this.withoutSpecials(text)) out.push(...this.hf.encode(piece));
    return out;
  }

  decode(ids: readonly number[], keepSpecial = false): string {
    return this.hf.decode(ids, { skipSpecialTokens: !keepSpecial });
  }

  toJSON(): PretrainedTokenizerJSON {
    const { tokenizer, config } = this.hf.toJSON();
    return config === undefined
      ? { type: 'hugging-face', tokenizer }
      : { type: 'hugging-face', tokenizer, config };
  }

  /** Splits `text` so that no piece contains a whole special token's text. */
  private *withoutSpecials(text: string): Generator<string> {
    const specials = [...this.hf.specialIds].map((id) => this.hf.idToToken(id)!).filter((s) => s.length > 1);
    let rest = text;
    for (;;) {
      let cut = -1;
      for (const s of specials) {
        const at = rest.indexOf(s);
        if (at >= 0 && (cut < 0 || at < cut)) cut = at;
      }
      if (cut < 0) break;
      yield rest.slice(0, cut + 1);
      rest = rest.slice(cut + 1);
    }
    if (rest) yield rest;
  }
}
