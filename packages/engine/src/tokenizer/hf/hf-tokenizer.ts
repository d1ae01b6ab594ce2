import { AddedVocabulary } from './added-vocabulary.ts';
import { BpeModel, maxId } from './bpe-model.ts';
import { readTokenizerConfig, type TokenizerConfig } from './config.ts';
import { buildDecoder } from './decoders.ts';
import { MalformedTokenizerError, UnsupportedTokenizerError } from './errors.ts';
import { isObject, type JsonObject, object } from './json-fields.ts';
import { buildNormalizer, type Normalize, writesMetaspace } from './normalizers.ts';
import { buildPostProcessor, type PostProcessor } from './post-processor.ts';
import { buildPreTokenizer, type PreTokenizer } from './pre-tokenizers.ts';

export type HfTokenizerKind = 'byte-level-bpe' | 'sentencepiece-bpe';

/** Names a token commonly has, for files whose tokenizer_config.json does not say. */
const BOS_NAMES = ['<s>', '<|begin_of_text|>', '<bos>', '<|startoftext|>'];
const EOS_NAMES = ['</s>', '<|end_of_text|>', '<|endoftext|>', '<eos>'];
const PAD_NAMES = ['<pad>', '<|pad|>', '[PAD]'];

/**
 * A Hugging Face `tokenizer.json` tokenizer that encodes and decodes exactly as the Python
 * `tokenizers` library does, for byte-level BPE (GPT-2, Llama 3, SmolLM) and SentencePiece-style
 * BPE with byte fallback (Llama 2, TinyLlama, Mistral). Anything else is refused with an
 * UnsupportedTokenizerError rather than approximated.
 */
export class HfTokenizer {
  readonly kind: HfTokenizerKind;
  /** Max id + 1 over model.vocab and the added tokens. */
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  readonly unkId: number | undefined;
  /** The special added tokens, and bos/eos/pad/unk. */
  readonly specialIds: ReadonlySet<number>;
  readonly chatTemplate: string | undefined;
  private readonly source: { tokenizer: unknown; config: unknown | undefined };
  private readonly model: BpeModel;
  private readonly normalizer: Normalize | null;
  private readonly preTokenizer: PreTokenizer | null;
  private readonly added: AddedVocabulary;
  private readonly postProcessor: PostProcessor | null;
  private readonly decoder: ((tokens: string[]) => string) | null;

  private constructor(tokenizerJson: unknown, tokenizerConfig: unknown) {
    this.source = { tokenizer: tokenizerJson, config: tokenizerConfig };
    const root = object(tokenizerJson, 'tokenizer.json');
    rejectUnsupportedSettings(root);
    this.model = new BpeModel(root.model);
    this.normalizer = buildNormalizer(root.normalizer);
    this.preTokenizer = buildPreTokenizer(root.pre_tokenizer, this.normalizer !== null);
    this.added = new AddedVocabulary(root.added_tokens, this.model, this.normalizer);
    this.postProcessor = buildPostProcessor(root.post_processor);
    this.decoder = buildDecoder(root.decoder);
    this.kind = kindOf(root, this.preTokenizer);
    this.vocabSize = Math.max(maxId(this.model.tokens.keys()), maxId(this.added.ids)) + 1;

    const config = readTokenizerConfig(tokenizerConfig);
    const unk = this.model.unkToken;
    this.bosId = this.configured(
      config,
      'bos',
      () => this.postProcessor?.before[0] ?? this.specialNamed(BOS_NAMES),
    );
    this.eosId = this.configured(
      config,
      'eos',
      () => this.postProcessor?.after.at(-1) ?? this.specialNamed(EOS_NAMES),
    );
    this.padId = this.configured(config, 'pad', () => this.specialNamed(PAD_NAMES));
    this.unkId = this.configured(config, 'unk', () => (unk === null ? undefined : this.tokenToId(unk)));
    const specials = new Set<number>();
    for (const id of this.added.ids) if (this.added.token(id)!.special) specials.add(id);
    for (const id of [this.bosId, this.eosId, this.padId, this.unkId]) if (id !== undefined) specials.add(id);
    this.specialIds = specials;
    this.chatTemplate = config.chatTemplate;
  }

  /** Parsed tokenizer.json and, optionally, tokenizer_config.json. */
  static fromJSON(tokenizerJson: unknown, tokenizerConfig?: unknown): HfTokenizer {
    return new HfTokenizer(tokenizerJson, tokenizerConfig);
  }

  /** tokenizers' `encode(text, add_special_tokens=addSpecialTokens).ids` (default false). */
  encode(text: string, options: { addSpecialTokens?: boolean } = {}): number[] {
    let pieces = this.added.split(text, this.normalizer);
    if (this.preTokenizer) pieces = this.preTokenizer.run(pieces);
    const ids: number[] = [];
    if (options.addSpecialTokens && this.postProcessor) ids.push(...this.postProcessor.before);
    for (const piece of pieces) {
      if (piece.id !== undefined) ids.push(piece.id);
      else for (const id of this.model.tokenize(piece.text)) ids.push(id);
    }
    if (options.addSpecialTokens && this.postProcessor) ids.push(...this.postProcessor.after);
    return ids;
  }

  /**
   * tokenizers' `decode(ids, skip_special_tokens=skipSpecialTokens)` (default false). An id no
   * token has is an error here (tokenizers skips it silently).
   */
  decode(ids: readonly number[], options: { skipSpecialTokens?: boolean } = {}): string {
    const tokens: string[] = [];
    for (const id of ids) {
      const token = this.added.decodeForm(id) ?? this.model.tokens.get(id);
      if (token === undefined) throw new RangeError(`HfTokenizer.decode: no token has id ${id}`);
      if (!options.skipSpecialTokens || !this.added.isSpecial(token)) tokens.push(token);
    }
    return this.decoder ? this.decoder(tokens) : tokens.join(' ');
  }

  tokenToId(token: string): number | undefined {
    return this.added.idOf(token) ?? this.model.vocab.get(token);
  }

  /** The token's string: an added token's content, else model.vocab's entry (byte-level tokens in GPT-2's alphabet). */
  idToToken(id: number): string | undefined {
    return this.added.token(id)?.content ?? this.model.tokens.get(id);
  }

  /** The objects fromJSON was given, to store beside a model and load again. */
  toJSON(): { tokenizer: unknown; config: unknown | undefined } {
    return { ...this.source };
  }

  /** The config's token (null there means none), else what the tokenizer itself implies. */
  private configured(
    config: TokenizerConfig,
    key: 'bos' | 'eos' | 'pad' | 'unk',
    implied: () => number | undefined,
  ): number | undefined {
    const token = config[key];
    if (token === undefined) return implied();
    if (token === null) return undefined;
    const id = this.tokenToId(token);
    if (id === undefined)
      throw new MalformedTokenizerError(
        `tokenizer_config.json: ${key}_token ${JSON.stringify(token)} is not in tokenizer.json's vocabulary`,
      );
    return id;
  }

  private specialNamed(names: string[]): number | undefined {
    for (const name of names) {
      const id = this.added.idOf(name);
      if (id !== undefined && this.added.token(id)!.special) return id;
    }
    return undefined;
  }
}

function rejectUnsupportedSettings(root: JsonObject): void {
  if (root.version !== undefined && root.version !== '1.0')
    throw new UnsupportedTokenizerError(
      `tokenizer.json: version ${JSON.stringify(root.version)} is not supported (1.0 is)`,
    );
  if (root.truncation !== undefined && root.truncation !== null)
    throw new UnsupportedTokenizerError(
      'tokenizer.json: truncation is not supported (encode would cut the text)',
    );
  const padding = root.padding;
  // A single sequence padded to the batch's longest is itself: only that padding changes nothing.
  const harmless =
    isObject(padding) && padding.strategy === 'BatchLongest' && (padding.pad_to_multiple_of ?? null) === null;
  if (padding !== undefined && padding !== null && !harmless)
    throw new UnsupportedTokenizerError(
      `tokenizer.json: padding ${JSON.stringify(isObject(padding) ? padding.strategy : padding)} is not supported (encode would pad)`,
    );
}

function kindOf(root: JsonObject, preTokenizer: PreTokenizer | null): HfTokenizerKind {
  if (preTokenizer?.byteLevel) return 'byte-level-bpe';
  if (preTokenizer?.metaspace || writesMetaspace(root.normalizer)) return 'sentencepiece-bpe';
  throw new UnsupportedTokenizerError(
    'tokenizer.json: a BPE model without a ByteLevel pre-tokenizer or SentencePiece\'s "▁" (a Metaspace pre-tokenizer, or a Prepend/Replace normalizer writing it) is not supported',
  );
}
