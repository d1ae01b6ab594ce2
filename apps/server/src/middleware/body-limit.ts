import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** 413 `payload_too_large` above `maxBytes`, whether the client sent a Content-Length or streamed. */
export function bodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Body exceeds ${maxBytes} bytes`, {
        details: { max_bytes: maxBytes },
      });
    },
  });
}
