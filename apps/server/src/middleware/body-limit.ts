import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** The 413 of a body (or a download) over `maxBytes`. */
export function payloadTooLarge(maxBytes: number, what = 'Body'): ApiError {
  return new ApiError(413, 'payload_too_large', `${what} exceeds ${maxBytes} bytes`, {
    details: { max_bytes: maxBytes },
  });
}

/**
 * 413 `payload_too_large` above `maxBytes`, whether the client sent a Content-Length or streamed.
 * Requests that `streamed` picks out are left to their route, which streams the body to disk under
 * a limit of its own (a model upload is far larger than any JSON body).
 */
export function bodyLimit(
  maxBytes: number,
  streamed: (c: Pick<Context, 'req'>) => boolean = () => false,
): MiddlewareHandler<AppEnv> {
  const limit = honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw payloadTooLarge(maxBytes);
    },
  });
  return (c, next) => (streamed(c) ? next() : limit(c, next));
}
