import { MalformedTokenizerError, UnsupportedTokenizerError } from './errors.ts';

/*
 * The `tokenizers` library compiles Split/Replace patterns with Oniguruma (Ruby syntax, UTF-8).
 * JavaScript's classes differ from Oniguruma's in places, so patterns are translated, not reused:
 *   \s  Oniguruma: U+0009–U+000D, U+0085 and the Z categories (JavaScript adds U+FEFF, lacks U+0085)
 *   \d  Oniguruma: any Nd digit (JavaScript: ASCII only)
 *   \w  Oniguruma: L, M, N and Pc (JavaScript: ASCII only)
 *   .   Oniguruma: anything but \n (JavaScript also stops at \r, U+2028, U+2029)
 *   ^ $ Oniguruma: always line anchors, at \n only
 * Anything outside the subset below is refused rather than guessed.
 */
const SPACE = '\\t-\\r\\x85\\p{Z}';
const WORD = '\\p{L}\\p{M}\\p{N}\\p{Pc}';
const GENERAL_CATEGORIES = new Map(
  'L LC Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'
    .split(' ')
    .map((c) => [c.toLowerCase(), c]),
);
/** ASCII sequences that one character case-folds to (ß → ss, ﬁ → fi, ﬆ → st, …): Oniguruma's `(?i)` matches them, JavaScript's does not. */
const MULTI_CHAR_FOLDS = /ss|st|ff|fi|fl/i;
const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/');

/** Compiles an Oniguruma pattern from tokenizer.json as an equivalent global Unicode RegExp. */
export function onigRegExp(pattern: string, where: string): RegExp {
  const source = translate(pattern, (what) => {
    throw new UnsupportedTokenizerError(
      `${where} pattern ${JSON.stringify(pattern)} uses ${what}, which is not supported`,
    );
  });
  try {
    return new RegExp(source, 'gu');
  } catch (e) {
    // Oniguruma would not compile it either (an unbalanced parenthesis, say).
    throw new MalformedTokenizerError(
      `${where} pattern ${JSON.stringify(pattern)} is not valid: ${(e as Error).message}`,
    );
  }
}

/** A global RegExp matching `text` literally. */
export function literalRegExp(text: string): RegExp {
  return new RegExp([...text].map((c) => (SYNTAX_CHARS.has(c) ? `\\${c}` : c)).join(''), 'gu');
}

function translate(pattern: string, refuse: (what: string) => never): string {
  const cps = [...pattern];
  let out = '';
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    const atClassStart = classStart;
    classStart = false;
    const quantifier = !inClass && (c === '*' || c === '+' || c === '?' || c === '{');
    if (c === '\\') {
      const { text, length } = translateEscape(cps, i + 1, inClass, refuse);
      out += text;
      i += length;
    } else if (inClass) {
      if (c === ']' && atClassStart) refuse('an empty class or a class opening with ]');
      else if (c === ']') inClass = false;
      else if (c === '[') refuse('a nested or POSIX bracket class');
      else if (c === '&' && cps[i + 1] === '&') refuse('a class intersection (&&)');
      else if (c === '^' && atClassStart) classStart = true;
      out += c === ']' || c === '-' || c === '^' ? c : literal(c, true);
    } else if (c === '[') {
      inClass = true;
      classStart = true;
      out += '[';
    } else if (c === '(') {
      const header = groupHeader(cps, i, refuse);
      out += header;
      i += [...header].length - 1;
    } else if (c === '{') {
      const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(cps.slice(i, i + 24).join(''));
      if (m && (m[1] || m[3])) {
        out += `{${m[1] || '0'}${m[2] ?? ''}${m[3] ?? ''}}`;
        i += m[0].length - 1;
      } else out += '\\{';
    } else out += OUTSIDE_CLASS[c] ?? c;
    if (quantifier && out.at(-1) !== '{' && cps[i + 1] === '+') refuse('a possessive quantifier');
  }
  if (inClass) refuse('an unterminated class');
  return out;
}

const OUTSIDE_CLASS: Record<string, string> = {
  '.': '[^\\n]',
  '^': '(?<![^\\n])',
  $: '(?![^\\n])',
  '}': '\\}',
  ']': '\\]',
};

/** The translation of the escape whose letter is cps[i], and how many code points it spans from there. */
function translateEscape(
  cps: string[],
  i: number,
  inClass: boolean,
  refuse: (what: string) => never,
): { text: string; length: number } {
  const e = cps[i];
  const ahead = cps.slice(i + 1, i + 40).join('');
  const one = (text: string) => ({ text, length: 1 });
  switch (e) {
    case undefined:
      return refuse('a trailing backslash');
    case 's':
      return one(inClass ? SPACE : `[${SPACE}]`);
    case 'S':
      return one(inClass ? refuse('\\S inside a class') : `[^${SPACE}]`);
    case 'w':
      return one(inClass ? WORD : `[${WORD}]`);
    case 'W':
      return one(inClass ? refuse('\\W inside a class') : `[^${WORD}]`);
    case 'd':
      return one('\\p{Nd}');
    case 'D':
      return one('\\P{Nd}');
    case 'p':
    case 'P': {
      const m = /^\{(\^?)([A-Za-z_ ]+)\}/.exec(ahead);
      const name = m && GENERAL_CATEGORIES.get(m[2]!.replace(/[_ ]/g, '').toLowerCase());
      if (!m || !name) return refuse(`\\${e}{…} with something other than a general category`);
      const negated = (e === 'P') !== (m[1] === '^');
      return { text: `\\${negated ? 'P' : 'p'}{${name}}`, length: 1 + m[0].length };
    }
    case 'x': {
      const m = /^\{([0-9A-Fa-f]{1,6})\}|^[0-9A-Fa-f]{2}/.exec(ahead);
      if (!m) return refuse('a malformed \\x escape');
      return { text: m[1] ? `\\u{${m[1]}}` : `\\x${m[0]}`, length: 1 + m[0].length };
    }
    case 'u': {
      const m = /^[0-9A-Fa-f]{4}/.exec(ahead);
      return m ? { text: `\\u${m[0]}`, length: 5 } : refuse('a malformed \\u escape');
    }
    case 't':
    case 'n':
    case 'r':
    case 'f':
    case 'v':
      return one(`\\${e}`);
    default:
      return /[0-9A-Za-z]/.test(e) ? refuse(`the escape \\${e}`) : one(literal(e, inClass));
  }
}

/** A literal character as JavaScript's `u` mode accepts it. */
function literal(c: string, inClass: boolean): string {
  return SYNTAX_CHARS.has(c) || (inClass && c === '-') ? `\\${c}` : c;
}

/** The opening of the group at cps[i], as JavaScript spells it. */
function groupHeader(cps: string[], i: number, refuse: (what: string) => never): string {
  if (cps[i + 1] !== '?') return '(';
  const m = /^\(\?(?::|=|!|<=|<!|i:)/.exec(cps.slice(i, i + 8).join(''));
  if (!m) return refuse(`the group syntax ${JSON.stringify(cps.slice(i, i + 4).join(''))}`);
  if (m[0] === '(?i:') {
    const body = cps.slice(i + 4, closingParen(cps, i)).join('');
    if (MULTI_CHAR_FOLDS.test(body)) refuse('(?i:…) over letters that one character case-folds to (ß → ss)');
    if (/\\[pPwWdDsS]|\[/.test(body)) refuse('(?i:…) over a class');
  }
  return m[0];
}

function closingParen(cps: string[], open: number): number {
  let depth = 0;
  for (let i = open; i < cps.length; i++) {
    if (cps[i] === '\\') i++;
    else if (cps[i] === '(') depth++;
    else if (cps[i] === ')' && --depth === 0) return i;
  }
  return cps.length;
}
