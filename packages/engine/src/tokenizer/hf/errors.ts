/**
 * A tokenizer.json component (or setting) that this engine does not implement. The message names
 * the component and its type; nothing is approximated instead.
 */
export class UnsupportedTokenizerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTokenizerError';
  }
}

/** A tokenizer.json or tokenizer_config.json that breaks the format; the message says what is wrong. */
export class MalformedTokenizerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedTokenizerError';
  }
}
