import type { ErrorBody, FineTuningJob, Job } from '../types.js';

export interface DistilleryErrorFields {
  status?: number | undefined;
  code?: string | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
}

/** Base of every error this SDK throws: `catch (e) { if (e instanceof DistilleryError) … }`. */
export class DistilleryError extends Error {
  /** HTTP status, when the error came from a response. */
  readonly status: number | undefined;
  /** Machine-readable code from the error envelope, e.g. `invalid_config`. */
  readonly code: string | undefined;
  /** The field, parameter or header at fault, e.g. `config.bond_beta` or `line 17`. */
  readonly param: string | undefined;
  /** The response's `x-request-id`: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, fields: DistilleryErrorFields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.status = fields.status;
    this.code = fields.code;
    this.param = fields.param;
    this.requestId = fields.requestId;
    this.details = fields.details;
  }
}

/** The server answered with a 4xx or 5xx. Subclasses name the status family. */
export class APIError extends DistilleryError {
  declare readonly status: number;
  /** Response headers, e.g. `RateLimit-Remaining`. */
  readonly headers: Headers;
  /** OpenAI's error type for the status (`invalid_request_error`, `not_found_error`, `server_error`…), when sent. */
  readonly type: string | undefined;

  constructor(
    message: string,
    fields: DistilleryErrorFields & { status: number; headers: Headers; type?: string | undefined },
  ) {
    super(message, fields);
    this.headers = fields.headers;
    this.type = fields.type;
  }
}

export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class InsufficientCreditsError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
export class ConflictError extends APIError {}
export class PayloadTooLargeError extends APIError {}
export class UnprocessableEntityError extends APIError {}
export class RateLimitError extends APIError {}
export class InternalServerError extends APIError {}

/** The request never got a response: DNS, refused connection, reset socket. Retried automatically. */
export class APIConnectionError extends DistilleryError {}
/** No response headers within `timeout` milliseconds. Retried automatically. */
export class APITimeoutError extends APIConnectionError {}
/** The caller's `AbortSignal` fired; `cause` is the signal's reason. */
export class APIUserAbortError extends DistilleryError {}

type AnyJob = Job | FineTuningJob;

/** A job this SDK waited on ended in `failed`; `code`/`message` come from `job.error`. */
export class JobFailedError<J extends AnyJob = AnyJob> extends DistilleryError {
  constructor(readonly job: J) {
    const reason = job.error ? `${job.error.code}: ${job.error.message}` : 'no error reported';
    super(`Job ${job.id} failed in phase ${job.error?.phase ?? job.phase} (${reason})`, {
      code: job.error?.code,
    });
  }
}

/** A job this SDK waited on ended in `cancelled`. */
export class JobCancelledError<J extends AnyJob = AnyJob> extends DistilleryError {
  constructor(readonly job: J) {
    super(`Job ${job.id} was cancelled in phase ${job.phase}`, { code: 'job_cancelled' });
  }
}

/** `waitForCompletion` ran past its `timeout`; `job` is the last state seen. */
export class WaitTimeoutError<J extends AnyJob = AnyJob> extends DistilleryError {
  constructor(
    readonly job: J,
    readonly timeoutMs: number,
  ) {
    super(`Job ${job.id} is still ${job.status} (${job.phase}) after ${timeoutMs} ms`, {
      code: 'wait_timeout',
    });
  }
}

/** A downloaded artifact's sha256 differs from the one the server reported; nothing was written. */
export class ChecksumMismatchError extends DistilleryError {
  constructor(
    readonly expected: string,
    readonly actual: string,
    requestId: string | undefined,
  ) {
    super(`Artifact checksum mismatch: expected sha256 ${expected}, got ${actual}`, {
      code: 'checksum_mismatch',
      requestId,
    });
  }
}

/** A webhook's signature, timestamp or headers did not verify. */
export class WebhookVerificationError extends DistilleryError {}

const classByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientCreditsError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function errorClassFor(status: number): typeof APIError {
  if (status >= 500) return InternalServerError;
  return classByStatus[status] ?? APIError;
}

function envelopeOf(body: unknown): Partial<ErrorBody> | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  return typeof error === 'object' && error !== null ? (error as Partial<ErrorBody>) : undefined;
}

/** Builds the typed error for a non-2xx response from its `{"error": {…}}` envelope. Consumes the body. */
export async function errorFromResponse(response: Response): Promise<APIError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return errorFromBody(response.status, response.headers, parsed, text, response.statusText);
}

/**
 * The typed error of an error envelope: a 4xx/5xx body, or an `{"error": {…}}` event that ends a
 * stream which had started with a 200 (then the envelope's own `status` names the class).
 */
export function errorFromBody(
  status: number,
  headers: Headers,
  parsed: unknown,
  text = '',
  statusText = '',
): APIError {
  const envelope = envelopeOf(parsed);
  const requestId = envelope?.request_id ?? headers.get('x-request-id') ?? undefined;
  const message = envelope?.message ?? (text.trim().slice(0, 500) || `${status} ${statusText}`.trim());
  const ErrorClass = errorClassFor(status);
  return new ErrorClass(`${status} ${message}`, {
    status,
    code: envelope?.code,
    param: envelope?.param,
    details: envelope?.details,
    requestId,
    headers,
    type: envelope?.type,
  });
}
