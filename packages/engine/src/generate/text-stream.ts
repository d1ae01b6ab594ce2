import type { Tokenizer } from '../tokenizer/tokenizer.ts';

/** The replacement character a decoder writes for the bytes of a character not complete yet. */
const INCOMPLETE = '\uFFFD';

/**
 * The text of a generated sequence as its tokens arrive, released only once final: a token that
 * ends inside a multi-byte character waits for the rest of its bytes, and text that could still be
 * the start of a stop string waits until it is not. A completed stop string ends the text before it.
 *
 * Tokens are decoded in a short window behind the newest (as vLLM's incremental detokenizer does):
 * the text of the window minus the text of its already-released tokens, so that decoders which
 * treat a sequence's first token apart (SentencePiece's leading space) give the same text as one
 * decode of the whole, at a cost independent of the sequence's length.
 */
export class TextStream {
  private readonly tokenizer: Tokenizer;
  private readonly stops: string[];
  private readonly tokens: number[] = [];
  /** The window starts at `prefix`; the tokens before `read` are decoded and released. */
  private prefix = 0;
  private read = 0;
  /** Decoded text held back as a possible start of a stop string. */
  private pending = '';
  /** Everything released so far. */
  text = '';

  constructor(tokenizer: Tokenizer, stop: readonly string[]) {
    this.tokenizer = tokenizer;
    this.stops = stop.filter((s) => s.length > 0);
  }

  /** Adds a token; returns the text it made final and whether a stop string completed. */
  push(token: number): { text: string; stopped: boolean } {
    this.tokens.push(token);
    const before = this.tokenizer.decode(this.tokens.slice(this.prefix, this.read));
    const after = this.tokenizer.decode(this.tokens.slice(this.prefix));
    if (after.length <= before.length || after.endsWith(INCOMPLETE)) return { text: '', stopped: false };
    this.prefix = this.read;
    this.read = this.tokens.length;
    const text = this.pending + after.slice(before.length);
    const cut = this.firstStop(text);
    if (cut >= 0) return { text: this.release(text.slice(0, cut), ''), stopped: true };
    const hold = this.heldFrom(text);
    return { text: this.release(text.slice(0, hold), text.slice(hold)), stopped: false };
  }

  /**
   * The end of the sequence: what was held back, with the bytes of an unfinished character as the
   * decoder writes them, cut before a stop string they complete.
   */
  flush(): string {
    const before = this.tokenizer.decode(this.tokens.slice(this.prefix, this.read));
    const text = this.pending + this.tokenizer.decode(this.tokens.slice(this.prefix)).slice(before.length);
    const cut = this.firstStop(text);
    this.prefix = this.read = this.tokens.length;
    return this.release(cut >= 0 ? text.slice(0, cut) : text, '');
  }

  private release(text: string, pending: string): string {
    this.pending = pending;
    this.text += text;
    return text;
  }

  /** Where the earliest complete stop string starts in `text`, or -1. */
  private firstStop(text: string): number {
    let first = -1;
    for (const s of this.stops) {
      const at = text.indexOf(s);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }

  /** Where the longest suffix of `text` that some stop string starts with begins (text.length if none). */
  private heldFrom(text: string): number {
    const longest = Math.max(0, ...this.stops.map((s) => s.length));
    for (let at = Math.max(0, text.length - longest + 1); at < text.length; at++) {
      const tail = text.slice(at);
      if (this.stops.some((s) => s.startsWith(tail))) return at;
    }
    return text.length;
  }
}
