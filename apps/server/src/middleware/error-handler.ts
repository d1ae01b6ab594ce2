import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../context.ts';
import { ApiError, methodNotAllowed } from '../errors.ts';
import { allowedMethods, type Schemas } from '../openapi/spec.ts';

/** OpenAI's error type for a status, so that OpenAI's clients read the envelope as theirs. */
export function openAiErrorType(status: number): Schemas['Error']['type'] {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'insufficient_quota';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 409) return 'conflict_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The envelope's body: `{error: {code, type, message, status, param?, details?, request_id}}`. */
export function errorBody(requestId: string, err: ApiError): Schemas['ErrorResponse'] {
  return {
    error: {
      code: err.code,
      type: openAiErrorType(err.status),
      message: err.message,
      status: err.status,
      ...(err.param ? { param: err.param } : {}),
      ...(err.details ? { details: err.details } : {}),
      request_id: requestId,
    },
  };
}

function envelope(c: Context<AppEnv>, err: ApiError) {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  c.header('x-request-id', c.get('requestId'));
  return c.json(errorBody(c.get('requestId'), err), err.status as ContentfulStatusCode);
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
