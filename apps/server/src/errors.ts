import type { components } from '@distillery/openapi';

export type ErrorCode = components['schemas']['ErrorCode'];

/** An error the API answers with its own envelope, status and code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly param: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    extra: { param?: string; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = extra.param;
    this.details = extra.details;
    this.headers = extra.headers ?? {};
  }
}

export const notFound = (
  code: 'job_not_found' | 'dataset_not_found' | 'model_not_found' | 'artifact_not_found',
  message: string,
  param: string,
) => new ApiError(404, code, message, { param });

export const methodNotAllowed = (method: string, path: string, allowed: string[]) =>
  new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`, {
    headers: { Allow: allowed.join(', ') },
  });
