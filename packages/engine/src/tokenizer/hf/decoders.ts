import { UNICODE_TO_BYTE } from '../byte-unicode.ts';
import { UnsupportedTokenizerError } from './errors.ts';
import { array, char, count, type JsonObject, object, string, typeOf } from './json-fields.ts';
import { pattern } from './normalizers.ts';
import { metaspaceScheme } from './pre-tokenizers.ts';

/** One decoder's `decode_chain`: tokens in, tokens out. */
type Chain = (tokens: string[]) => string[];

const SUPPORTED = 'Sequence, ByteLevel, Metaspace, Replace, ByteFallback, Fuse and Strip are';
const textEncoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is text, as Rust's from_utf8 keeps it.
const lossyUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const strictUtf8 = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
/** What byte_fallback.rs parses: six bytes, `<0x`, two characters `u8::from_str_radix(_, 16)` accepts, `>`. */
const BYTE_TOKEN = /^<0x([0-9A-Fa-f]{2}|\+[0-9A-Fa-f])>$/;

/** The tokenizer.json `decoder` as a function of the token strings; null when there is none. */
export function buildDecoder(json: unknown): ((tokens: string[]) => string) | null {
  if (json === null || json === undefined) return null;
  const chain = build(json, 'tokenizer.json: decoder');
  return (tokens) => chain(tokens).join('');
}

function build(json: unknown, where: string): Chain {
  const o = object(json, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'Sequence': {
      const chains = array(o.decoders, `${where}.decoders`).map((d, i) =>
        build(d, `${where}.decoders[${i}]`),
      );
      return (tokens) => chains.reduce((t, chain) => chain(t), tokens);
    }
    case 'ByteLevel':
      return (tokens) => [lossyUtf8.decode(Uint8Array.from(tokens.flatMap(byteLevelBytes)))];
    case 'Metaspace':
      return metaspace(o, where);
    case 'Replace': {
      const re = pattern(o, where);
      const content = string(o.content, `${where}.content`);
      return (tokens) => tokens.map((t) => t.replace(re, () => content));
    }
    case 'ByteFallback':
      return byteFallback;
    case 'Fuse':
      return (tokens) => [tokens.join('')];
    case 'Strip':
      return strip(o, where);
    default:
      throw new UnsupportedTokenizerError(
        `${where} type ${JSON.stringify(type)} is not supported (${SUPPORTED})`,
      );
  }
}

/** A token's bytes: its characters mapped back through GPT-2's alphabet, or its UTF-8 if one is outside it. */
function byteLevelBytes(token: string): number[] {
  const bytes: number[] = [];
  for (const ch of token) {
    const b = UNICODE_TO_BYTE.get(ch);
    if (b === undefined) return [...textEncoder.encode(token)];
    bytes.push(b);
  }
  return bytes;
}

/** Runs of byte tokens become their text, or one U+FFFD per byte when the run is not valid UTF-8. */
function byteFallback(tokens: string[]): string[] {
  const out: string[] = [];
  let bytes: number[] = [];
  const flush = () => {
    if (!bytes.length) return;
    try {
      out.push(strictUtf8.decode(Uint8Array.from(bytes)));
    } catch {
      out.push(...bytes.map(() => '\ufffd'));
    }
    bytes = [];
  };
  for (const token of tokens) {
    const m = BYTE_TOKEN.exec(token);
    if (m) bytes.push(Number.parseInt(m[1]!, 16));
    else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out;
}

function metaspace(o: JsonObject, where: string): Chain {
  const replacement = char(o.replacement, `${where}.replacement`);
  const scheme = metaspaceScheme(o, where);
  // As metaspace.rs decodes: every replacement character of the first token is dropped, not only a leading one.
  return (tokens) =>
    tokens.map((token, i) => {
      const first = i === 0 && scheme !== 'never';
      let out = '';
      for (const c of token) out += c === replacement ? (first ? '' : ' ') : c;
      return out;
    });
}

function strip(o: JsonObject, where: string): Chain {
  const content = char(o.content, `${where}.content`);
  const start = count(o.start, `${where}.start`);
  const stop = count(o.stop, `${where}.stop`);
  return (tokens) =>
    tokens.map((token) => {
      const chars = [...token];
      let from = 0;
      while (from < start && from < chars.length && chars[from] === content) from++;
      let to = chars.length;
      while (chars.length - to < stop && to > from && chars[to - 1] === content) to--;
      return chars.slice(from, to).join('');
    });
}
