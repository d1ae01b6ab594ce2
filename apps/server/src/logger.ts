import pino from 'pino';

/**
 * Structured JSON logs. Credentials never reach them: request headers that carry keys are redacted,
 * and nothing else in the server logs a key or the webhook secret.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
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
  });
}

export type Logger = ReturnType<typeof createLogger>;
