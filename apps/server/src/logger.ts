import pino from 'pino';
import { redactor, secretsFromEnv } from './services/redact.ts';

/**
 * Structured JSON logs. Credentials never reach them: request headers that carry keys are redacted,
 * nothing in the server logs a key or the webhook secret on purpose, and every line is scrubbed on
 * its way out of URL credentials (userinfo, query strings) and of the secrets the server is
 * configured with (`OPENAI_API_KEY`, `DISTILLERY_WEBHOOK_SECRET`, passwords in `OPENAI_BASE_URL`
 * and `DATABASE_URL`), in case an error message from a library quotes one.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', secrets = secretsFromEnv()) {
  // Inside a JSON line a secret appears JSON-escaped.
  const scrub = redactor([...new Set([...secrets, ...secrets.map((s) => JSON.stringify(s).slice(1, -1))])]);
  return pino({
    level,
    base: { service: 'distillery' },
    redact: {
      paths: [
        'authorization',
        'x-api-key',
        'headers.authorization',
        'headers["x-api-key"]',
        '*.authorization',
        '*["x-api-key"]',
        'key',
        'secret',
      ],
      censor: '[redacted]',
    },
    hooks: { streamWrite: scrub },
  });
}

export type Logger = ReturnType<typeof createLogger>;
