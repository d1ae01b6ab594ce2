/**
 * Keeps credentials out of everything the server writes: job errors, job logs, webhook payloads and
 * its own log lines. URLs lose their userinfo and query; configured secrets (the OpenAI key, the
 * webhook secret, passwords inside configured URLs) are replaced wherever they appear.
 */

export const REDACTED = '[redacted]';

/** `https://user:pass@host/v1?key=k` → `https://[redacted]@host/v1?[redacted]`; other text as is. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactUrlsIn(raw);
  }
  const userinfo = url.username || url.password ? `${REDACTED}@` : '';
  const query = url.search ? `?${REDACTED}` : '';
  const authority = url.host ? `//${userinfo}${url.host}` : '';
  return `${url.protocol}${authority}${url.pathname}${query}${url.hash ? '#' : ''}`.replace(/#$/, '');
}

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
const URL_QUERY = /\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi;

/** Strips userinfo and query strings from every URL inside free text (an error message, say). */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_USERINFO, `$1${REDACTED}@`).replace(URL_QUERY, `$1?${REDACTED}`);
}

/** The secret parts of a URL: userinfo and query values, raw and percent-decoded. */
function urlSecrets(raw: string | undefined): string[] {
  if (!raw) return [];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const out = [url.password, url.search.slice(1)];
  if (url.password) out.push(url.username);
  for (const [, value] of url.searchParams) out.push(value);
  const decoded = out.map((v) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  });
  return [...out, ...decoded];
}

/** Every secret the server is configured with, as values to scrub from text. */
export function configuredSecrets(env: {
  openaiApiKey?: string | undefined;
  openaiBaseUrl?: string | undefined;
  webhookSecret?: string | undefined;
  databaseUrl?: string | undefined;
}): string[] {
  const values = [
    env.openaiApiKey,
    env.webhookSecret,
    ...urlSecrets(env.openaiBaseUrl),
    ...urlSecrets(env.databaseUrl),
  ];
  const out = new Set<string>();
  // Short values (a user name like `a`) would shred unrelated text; a real secret is longer.
  for (const v of values) if (v && v.length >= 6) out.add(v);
  return [...out].sort((a, b) => b.length - a.length);
}

export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return configuredSecrets({
    openaiApiKey: env.OPENAI_API_KEY,
    openaiBaseUrl: env.OPENAI_BASE_URL,
    webhookSecret: env.DISTILLERY_WEBHOOK_SECRET,
    databaseUrl: env.DATABASE_URL,
  });
}

/** A function that removes URLs' credentials and every given secret from a text. */
export function redactor(secrets: string[]): (text: string) => string {
  return (text) => {
    let out = redactUrlsIn(text);
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}
