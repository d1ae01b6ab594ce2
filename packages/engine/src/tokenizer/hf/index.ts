export { MalformedTokenizerError, UnsupportedTokenizerError } from './errors.ts';
export { HfTokenizer, type HfTokenizerKind } from './hf-tokenizer.ts';
