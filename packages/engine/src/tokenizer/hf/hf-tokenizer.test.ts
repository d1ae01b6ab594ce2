import { describe, expect, it } from 'vitest';
import { edited, FIXTURE_NAMES, fixture, type Json, unreachableToken } from './__fixtures__/tokenizers.ts';
import { HfTokenizer, MalformedTokenizerError, UnsupportedTokenizerError } from './index.ts';

const load = (name: string) => HfTokenizer.fromJSON(fixture(name), fixture(name, 'tokenizer_config.json'));
const unsupported = (json: Json, message: string | RegExp) => {
  expect(() => HfTokenizer.fromJSON(json)).toThrow(UnsupportedTokenizerError);
  expect(() => HfTokenizer.fromJSON(json)).toThrow(message);
};
const malformed = (json: unknown, message: string | RegExp, config?: unknown) => {
  expect(() => HfTokenizer.fromJSON(json, config)).toThrow(MalformedTokenizerError);
  expect(() => HfTokenizer.fromJSON(json, config)).toThrow(message);
};

describe('HfTokenizer', () => {
  it('loads the four fixtures: kind, 1,024 ids, special tokens', () => {
    const kinds = FIXTURE_NAMES.map((name) => [name, load(name).kind, load(name).vocabSize]);
    expect(kinds).toEqual([
      ['gpt2', 'byte-level-bpe', 1024],
      ['llama3', 'byte-level-bpe', 1024],
      ['smollm', 'byte-level-bpe', 1024],
      ['sentencepiece', 'sentencepiece-bpe', 1024],
    ]);
    const llama3 = load('llama3');
    expect(llama3.tokenToId('<|begin_of_text|>')).toBe(1014);
    expect(llama3.idToToken(1023)).toBe('<|eot_id|>');
    expect([...llama3.specialIds].sort((a, b) => a - b)).toEqual([
      1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023,
    ]);
    const sp = load('sentencepiece');
    expect(sp.idToToken(3)).toBe('<0x00>');
    expect(sp.tokenToId('<0xFF>')).toBe(258);
    expect([...sp.specialIds].sort((a, b) => a - b)).toEqual([0, 1, 2]);
  });

  it('adds BOS only when asked, and only where the post-processor says', () => {
    expect(load('llama3').encode('')).toEqual([]);
    expect(load('llama3').encode('', { addSpecialTokens: true })).toEqual([1014]);
    expect(load('sentencepiece').encode('', { addSpecialTokens: true })).toEqual([1]);
    expect(load('smollm').encode('', { addSpecialTokens: true })).toEqual([]);
    const sp = load('sentencepiece');
    expect(sp.encode('hi', { addSpecialTokens: true })).toEqual([1, ...sp.encode('hi')]);
  });

  it('splits special tokens out of the text and skips them when decoding if asked', () => {
    const smollm = load('smollm');
    const ids = smollm.encode('<|im_start|>user\nHi<|im_end|>');
    expect(ids[0]).toBe(1);
    expect(ids.at(-1)).toBe(2);
    expect(smollm.decode(ids)).toBe('<|im_start|>user\nHi<|im_end|>');
    expect(smollm.decode(ids, { skipSpecialTokens: true })).toBe('user\nHi');
  });

  it('round-trips text through byte-level BPE, and through byte fallback', () => {
    const text = "Grüße, 世界! 👍🏽 it's 2024\t\n  ";
    for (const name of ['gpt2', 'llama3', 'smollm'])
      expect(load(name).decode(load(name).encode(text))).toBe(text);
    // Strip(" ", 1, 0) takes the space Metaspace put in front back off.
    expect(load('sentencepiece').decode(load('sentencepiece').encode(text))).toBe(text);
  });

  it('honours ignore_merges: a vocabulary word is one token even when its merges would split it', () => {
    expect(HfTokenizer.fromJSON(unreachableToken(true)).encode(' thect')).toEqual([1014]);
    expect(HfTokenizer.fromJSON(unreachableToken(false)).encode(' thect')).not.toContain(1014);
  });

  it('reads bos, eos, pad, unk and the chat template from tokenizer_config.json', () => {
    const smollm = load('smollm');
    expect([smollm.bosId, smollm.eosId, smollm.padId, smollm.unkId]).toEqual([1, 2, 2, 0]);
    expect(smollm.chatTemplate).toContain("'<|im_start|>' + message['role']");
    // AddedToken dicts, and pad_token null.
    const sp = load('sentencepiece');
    expect([sp.bosId, sp.eosId, sp.padId, sp.unkId]).toEqual([1, 2, undefined, 0]);
    expect(sp.chatTemplate).toContain('[INST]');
    const named = HfTokenizer.fromJSON(fixture('gpt2'), {
      chat_template: [
        { name: 'tool_use', template: 'tools' },
        { name: 'default', template: 'plain' },
      ],
    });
    expect(named.chatTemplate).toBe('plain');
    expect(
      HfTokenizer.fromJSON(fixture('gpt2'), { chat_template: [{ name: 'rag', template: 'x' }] }).chatTemplate,
    ).toBe(undefined);
  });

  it('falls back on the post-processor and the added tokens without tokenizer_config.json', () => {
    const llama3 = HfTokenizer.fromJSON(fixture('llama3'));
    expect([llama3.bosId, llama3.eosId, llama3.padId, llama3.unkId, llama3.chatTemplate]).toEqual([
      1014,
      1015,
      undefined,
      undefined,
      undefined,
    ]);
    const sp = HfTokenizer.fromJSON(fixture('sentencepiece'));
    expect([sp.bosId, sp.eosId, sp.unkId]).toEqual([1, 2, 0]);
    const gpt2 = HfTokenizer.fromJSON(fixture('gpt2'));
    expect([gpt2.bosId, gpt2.eosId]).toEqual([undefined, 0]);
    // null in the config says there is none: no fallback.
    expect(HfTokenizer.fromJSON(fixture('llama3'), { bos_token: null }).bosId).toBe(undefined);
  });

  it('stores its inputs with toJSON and loads them back with fromJSON', () => {
    for (const name of FIXTURE_NAMES) {
      const original = load(name);
      const stored = JSON.parse(JSON.stringify(original.toJSON()));
      expect(stored).toEqual({ tokenizer: fixture(name), config: fixture(name, 'tokenizer_config.json') });
      const again = HfTokenizer.fromJSON(stored.tokenizer, stored.config);
      const text = 'Subject: <s> re: 12345 café\n\n<|endoftext|>';
      expect(again.encode(text, { addSpecialTokens: true })).toEqual(
        original.encode(text, { addSpecialTokens: true }),
      );
      expect([
        again.kind,
        again.vocabSize,
        again.bosId,
        again.eosId,
        again.padId,
        again.chatTemplate,
      ]).toEqual([
        original.kind,
        original.vocabSize,
        original.bosId,
        original.eosId,
        original.padId,
        original.chatTemplate,
      ]);
    }
    expect(HfTokenizer.fromJSON(fixture('gpt2')).toJSON().config).toBe(undefined);
  });

  it('refuses an id no token has when decoding', () => {
    expect(() => load('gpt2').decode([5, 1024])).toThrow(RangeError);
  });

  it('refuses models other than BPE, naming the type', () => {
    unsupported(
      { model: { type: 'WordPiece', vocab: {}, unk_token: '[UNK]' } },
      'tokenizer.json: model type "WordPiece" is not supported (byte-level BPE and SentencePiece-style BPE are)',
    );
    unsupported({ model: { type: 'Unigram', vocab: [] } }, 'model type "Unigram" is not supported');
    unsupported({ model: { type: 'WordLevel', vocab: {} } }, 'model type "WordLevel"');
  });

  it('refuses components and settings it does not implement, naming them', () => {
    unsupported(
      edited('gpt2', (j) => {
        j.pre_tokenizer = { type: 'Whitespace' };
      }),
      'tokenizer.json: pre_tokenizer type "Whitespace" is not supported',
    );
    unsupported(
      edited('smollm', (j) => {
        (j.pre_tokenizer as { pretokenizers: Json[] }).pretokenizers.push({
          type: 'Punctuation',
          behavior: 'Isolated',
        });
      }),
      'tokenizer.json: pre_tokenizer.pretokenizers[2] type "Punctuation" is not supported',
    );
    unsupported(
      edited('gpt2', (j) => {
        j.normalizer = { type: 'NFKC' };
      }),
      'tokenizer.json: normalizer type "NFKC" is not supported',
    );
    unsupported(
      edited('gpt2', (j) => {
        j.decoder = { type: 'WordPiece', prefix: '##', cleanup: true };
      }),
      'tokenizer.json: decoder type "WordPiece" is not supported',
    );
    unsupported(
      edited('gpt2', (j) => {
        j.post_processor = { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0] };
      }),
      'tokenizer.json: post_processor type "RobertaProcessing" is not supported',
    );
    unsupported(
      edited('llama3', (j) => {
        (j.pre_tokenizer as { pretokenizers: Json[] }).pretokenizers[0]!.pattern = {
          Regex: '\\p{Han}+|\\s+',
        };
      }),
      /pattern "\\\\p\{Han\}\+\|\\\\s\+" uses \\p\{…\} with something other than a general category/,
    );
    unsupported(
      edited('llama3', (j) => {
        (j.pre_tokenizer as { pretokenizers: Json[] }).pretokenizers[0]!.behavior = 'Sideways';
      }),
      'behavior "Sideways" is not supported',
    );
    unsupported(
      edited('gpt2', (j) => {
        j.truncation = { max_length: 512, strategy: 'LongestFirst', stride: 0, direction: 'Right' };
      }),
      'tokenizer.json: truncation is not supported',
    );
    unsupported(
      edited('gpt2', (j) => {
        j.padding = { strategy: { Fixed: 128 }, pad_id: 0, pad_token: '<|endoftext|>' };
      }),
      'tokenizer.json: padding {"Fixed":128} is not supported',
    );
    unsupported(
      edited('gpt2', (j) => {
        (j.model as Json).dropout = 0.1;
      }),
      'tokenizer.json: model.dropout 0.1 is not supported',
    );
    unsupported(
      edited('sentencepiece', (j) => {
        j.normalizer = { type: 'Prepend', prepend: '▁' };
      }),
      'Metaspace with prepend_scheme "first" after a normalizer',
    );
    unsupported(
      edited('sentencepiece', (j) => {
        j.pre_tokenizer = null;
      }),
      'a BPE model without a ByteLevel pre-tokenizer',
    );
  });

  it('names what is wrong in a malformed file', () => {
    malformed('not an object', 'tokenizer.json must be an object');
    malformed({ model: { type: 'BPE', merges: [] } }, 'tokenizer.json: model.vocab is missing');
    malformed(
      edited('gpt2', (j) => {
        (j.model as { merges: unknown[] }).merges.push(['Ġ', 'nowhere']);
      }),
      'tokenizer.json: model.merges[767] ("Ġ nowhere") needs "nowhere", which is not in model.vocab',
    );
    malformed(
      edited('gpt2', (j) => {
        (j.model as { merges: unknown[] }).merges.push('a b c');
      }),
      'tokenizer.json: model.merges[767] ("a b c") is not a pair of tokens',
    );
    malformed(
      edited('gpt2', (j) => {
        (j.model as { vocab: Record<string, unknown> }).vocab.x = 'seven';
      }),
      'tokenizer.json: model.vocab["x"] must be a non-negative integer',
    );
    malformed(
      edited('gpt2', (j) => {
        j.added_tokens = [{ id: 0, content: '<|endoftext|>', special: true }];
      }),
      'tokenizer.json: added_tokens[0].single_word must be a boolean',
    );
    malformed(
      edited('sentencepiece', (j) => {
        ((j.post_processor as Json).single as Json[]).unshift({ SpecialToken: { id: '<bos>', type_id: 0 } });
      }),
      'tokenizer.json: post_processor.single[0] names the special token "<bos>", which special_tokens lacks',
    );
    malformed(fixture('gpt2'), 'tokenizer_config.json: bos_token "<s>" is not in', { bos_token: '<s>' });
    malformed(fixture('gpt2'), 'tokenizer_config.json: eos_token must be a string or an AddedToken object', {
      eos_token: 7,
    });
  });
});
