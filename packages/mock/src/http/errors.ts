import type { Schemas } from '../spec';

export type ErrorCode = Schemas['ErrorCode'];

/**
 * Thrown anywhere inside a handler; the request pipeline turns it into the spec's error envelope
 * with the request's id, so handlers never build error bodies by hand.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      param?: string;
      details?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type ErrorType = NonNullable<Schemas['Error']['type']>;

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'insufficient_quota',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  409: 'conflict_error',
  413: 'invalid_request_error',
  416: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** OpenAI's error type for a status, as the server puts it in every envelope so that OpenAI's clients read it. */
export function errorType(status: number): ErrorType {
  return status >= 500 ? 'server_error' : (TYPE_BY_STATUS[status] ?? 'invalid_request_error');
}

export function errorBody(error: ApiError, requestId: string): Schemas['ErrorResponse'] {
  return {
    error: {
      code: error.code,
      type: errorType(error.status),
      message: error.message,
      status: error.status,
      ...(error.extra.param !== undefined ? { param: error.extra.param } : {}),
      ...(error.extra.details !== undefined ? { details: error.extra.details } : {}),
      request_id: requestId,
    },
  };
}

export const jobNotFound = (id: string) =>
  new ApiError(404, 'job_not_found', `No job ${id}`, { param: 'job_id' });
export const datasetNotFound = (id: string, param = 'dataset_id') =>
  new ApiError(404, 'dataset_not_found', `No dataset ${id}`, { param });
