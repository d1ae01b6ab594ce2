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

export function errorBody(error: ApiError, requestId: string): Schemas['ErrorResponse'] {
  return {
    error: {
      code: error.code,
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
