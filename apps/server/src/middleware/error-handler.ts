import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.ts';
import { ApiError, methodNotAllowed } from '../errors.ts';
import { allowedMethods } from '../openapi/spec.ts';

function envelope(c: Context<AppEnv>, err: ApiError) {
  const requestId = c.get('requestId');
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  c.header('x-request-id', requestId);
  return c.json(
    {
      error: {
        code: err.code,
        message: err.message,
        status: err.status,
        ...(err.param ? { param: err.param } : {}),
        ...(err.details ? { details: err.details } : {}),
        request_id: requestId,
      },
    },
    err.status as ContentfulStatusCode,
  );
}

/** Every failure leaves in the spec's envelope; unexpected ones are logged and never leak details. */
export const errorHandler: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return envelope(c, err);
  c.get('logger')?.error({ err }, 'unhandled error');
  return envelope(
    c,
    new ApiError(
      500,
      'internal_error',
      `Internal server error; quote request id ${c.get('requestId')} when reporting it`,
    ),
  );
};

/** 405 with `Allow` for a path the spec has under another method, else 404. */
export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => {
  const allowed = allowedMethods(c.req.path);
  if (allowed.length) return envelope(c, methodNotAllowed(c.req.method, c.req.path, allowed));
  return envelope(
    c,
    new ApiError(404, 'invalid_request', `No route ${c.req.method} ${c.req.path}`, { param: 'path' }),
  );
};
