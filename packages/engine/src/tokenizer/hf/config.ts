import { MalformedTokenizerError } from './errors.ts';
import { array, isObject, object, string } from './json-fields.ts';

/** What the engine reads from tokenizer_config.json; a token field is undefined when absent, null when set to null. */
export interface TokenizerConfig {
  bos: string | null | undefined;
  eos: string | null | undefined;
  pad: string | null | undefined;
  unk: string | null | undefined;
  chatTemplate: string | undefined;
}

const WHERE = 'tokenizer_config.json';

export function readTokenizerConfig(json: unknown): TokenizerConfig {
  if (json === undefined || json === null)
    return { bos: undefined, eos: undefined, pad: undefined, unk: undefined, chatTemplate: undefined };
  const o = object(json, WHERE);
  return {
    bos: token(o.bos_token, 'bos_token'),
    eos: token(o.eos_token, 'eos_token'),
    pad: token(o.pad_token, 'pad_token'),
    unk: token(o.unk_token, 'unk_token'),
    chatTemplate: chatTemplate(o.chat_template),
  };
}

/** A token as transformers writes it: its content, or an AddedToken dict holding the content. */
function token(value: unknown, key: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return value;
  if (isObject(value)) return string(value.content, `${WHERE}: ${key}.content`);
  throw new MalformedTokenizerError(`${WHERE}: ${key} must be a string or an AddedToken object`);
}

/** A template string, or from a list of named templates the one named "default". */
function chatTemplate(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  const named = array(value, `${WHERE}: chat_template`).map((t, i) => {
    const o = object(t, `${WHERE}: chat_template[${i}]`);
    return {
      name: string(o.name, `${WHERE}: chat_template[${i}].name`),
      template: string(o.template, `${WHERE}: chat_template[${i}].template`),
    };
  });
  return named.find((t) => t.name === 'default')?.template;
}
