/**
 * What the real server does around every operation, in its order: request id, scenario faults,
 * authentication, rate limiting, scopes, path and query validation, tenant, body size and
 * validation, then the handler; any `ApiError` becomes the spec's error envelope. Every response
 * gets `x-request-id`.
 */
import { HttpResponse } from 'msw';
import { actingTenant, authenticate, type Principal, requireScope } from '../auth';
import type { MockContext } from '../context';
import { type Operation, operation } from '../spec';
import { randomId } from '../util/crypto';
import { ApiError, errorBody } from './errors';
import { coerceQueryValue, firstViolation, validatorAt } from './validation';

export interface Call {
  requestId: string;
  principal: Principal;
  /** The tenant the request acts on. */
  tenant: string;
  /** Mock-clock milliseconds when the request arrived. */
  now: number;
  url: URL;
  /** The JSON body, parsed and validated against the operation's schema (undefined without one). */
  body: unknown;
  /** The raw body bytes, for operations that take a file. */
  raw?: Uint8Array;
}

type Resolver<Info> = (info: Info, call: Call) => Response | Promise<Response>;

/** Wraps a handler's resolver in the server's request pipeline for `operationId`. */
export function endpoint<Info extends { request: Request }>(
  ctx: MockContext,
  operationId: string,
  resolver: Resolver<Info>,
): (info: Info) => Promise<HttpResponse<never>> {
  const op = operation(operationId);
  return async (info) => {
    const requestId = randomId('req_');
    const headers: Record<string, string> = { 'x-request-id': requestId };
    let response: Response;
    try {
      response = await handle(ctx, op, info, requestId, headers, resolver);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(500, 'internal_error', `Internal server error; quote request id ${requestId}`, {
              details: { cause: String(error) },
            });
      Object.assign(headers, apiError.extra.headers);
      response = HttpResponse.json(errorBody(apiError, requestId), { status: apiError.status });
    }
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    ctx.state.count(`${op.method.toUpperCase()} ${op.path} ${response.status}`);
    // Handlers build their bodies with openapi-msw's typed `response()`, so the body was checked
    // there; MSW's resolver type only needs the HttpResponse brand.
    return response as HttpResponse<never>;
  };
}

async function handle<Info extends { request: Request }>(
  ctx: MockContext,
  op: Operation,
  info: Info,
  requestId: string,
  headers: Record<string, string>,
  resolver: Resolver<Info>,
): Promise<Response> {
  const { request } = info;
  const url = new URL(request.url);
  const now = ctx.clock.now();
  if (op.scope === null) {
    const principal = authenticateOptional(request, ctx);
    return resolver(info, { requestId, principal, tenant: principal.tenant, now, url, body: undefined });
  }

  if (op.statuses.has('500') && ctx.scenarios.takeInternalError()) {
    throw new ApiError(500, 'internal_error', `Internal server error; quote request id ${requestId}`);
  }
  const principal = authenticate(request, ctx.state.keys, now);
  limitRate(ctx, principal, headers, now);
  requireScope(principal, op.scope);

  if (op.statuses.has('400')) {
    validatePath(op, (info as { params?: Record<string, unknown> }).params ?? {});
    validateQuery(op, url);
  }
  const tenant = actingTenant(principal, url.searchParams.get('tenant_id'));

  // A body of another media type the operation accepts (a multipart upload) is the handler's to read;
  // a model upload has its own, larger limit, as on the server.
  const contentType = (request.headers.get('content-type') ?? 'application/json').toLowerCase();
  const otherType = op.otherBodyTypes.some((t) => contentType.startsWith(t));
  const maxBytes =
    op.operationId === 'importModel' && otherType ? ctx.options.maxImportBytes : ctx.options.maxBodyBytes;
  let raw: Uint8Array | undefined;
  if (request.body !== null && request.method !== 'GET') {
    const declared = Number(request.headers.get('content-length'));
    if (op.statuses.has('413') && declared > maxBytes) throw tooLarge(maxBytes);
    raw = new Uint8Array(await request.clone().arrayBuffer());
    if (op.statuses.has('413') && raw.byteLength > maxBytes) throw tooLarge(maxBytes);
  }

  let body: unknown;
  if (op.jsonBodyPointer && !otherType) {
    body = parseJson(raw);
    const violation = firstViolation(op.jsonBodyPointer, body);
    if (violation) {
      const inConfig = /^(config|hyperparameters)\./.test(violation.param);
      throw new ApiError(400, inConfig ? 'invalid_config' : 'invalid_request', violation.message, {
        param: violation.param,
      });
    }
    // A create may name its tenant in the body; the same rule applies as for the query.
    const named = (body as { tenant_id?: string }).tenant_id;
    if (named !== undefined) {
      return resolver(info, {
        requestId,
        principal,
        tenant: actingTenant(principal, named),
        now,
        url,
        body,
        raw,
      });
    }
  }
  return resolver(info, { requestId, principal, tenant, now, url, body, ...(raw ? { raw } : {}) });
}

/** Public operations still learn who calls when a key is sent, but never refuse (nor count a use). */
function authenticateOptional(request: Request, ctx: MockContext): Principal {
  try {
    return authenticate(request, ctx.state.keys);
  } catch {
    return { id: 'anonymous', tenant: 'default', scopes: new Set(), admin: false, keyId: null };
  }
}

function limitRate(ctx: MockContext, principal: Principal, headers: Record<string, string>, now: number) {
  const forced = ctx.scenarios.takeRateLimit();
  const config = ctx.options.rateLimit;
  if (forced !== undefined) {
    Object.assign(headers, {
      'RateLimit-Limit': String(config ? config.limit : 0),
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(forced),
    });
    throw rateLimited(forced, config ? config.limit : 0);
  }
  if (!config) return;
  const window = ctx.state.hit(principal.id, config.limit, config.windowSeconds * 1000, now);
  Object.assign(headers, {
    'RateLimit-Limit': String(config.limit),
    'RateLimit-Remaining': String(window.remaining),
    'RateLimit-Reset': String(window.resetSeconds),
  });
  if (!window.allowed) throw rateLimited(window.resetSeconds, config.limit);
}

function rateLimited(retryAfter: number, limit: number) {
  return new ApiError(
    429,
    'rate_limited',
    `Rate limit of ${limit} requests per window exceeded; retry in ${retryAfter} s`,
    { headers: { 'Retry-After': String(retryAfter) } },
  );
}

const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `Body exceeds ${maxBytes} bytes`, {
    details: { max_bytes: maxBytes },
  });

function parseJson(raw: Uint8Array | undefined): unknown {
  const text = raw ? new TextDecoder().decode(raw) : '';
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON', { param: 'body' });
  }
}

/** Path parameters against their schemas, as the server does: `DELETE /v1/keys/nope` is a 400 naming `key_id`. */
function validatePath(op: Operation, params: Record<string, unknown>) {
  for (const param of op.pathParams) {
    const raw = params[param.name];
    if (typeof raw !== 'string') continue;
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Left as sent: the schema judges it.
    }
    if (validatorAt(param.schemaPointer)(value)) continue;
    const violation = firstViolation(param.schemaPointer, value, param.name);
    throw new ApiError(400, 'invalid_request', violation?.message ?? `${param.name} is invalid`, {
      param: param.name,
    });
  }
}

function validateQuery(op: Operation, url: URL) {
  for (const param of op.query) {
    const raw = url.searchParams.get(param.name);
    if (raw === null) continue;
    const value = coerceQueryValue(raw, param.schema);
    if (validatorAt(param.schemaPointer)(value)) continue;
    const violation = firstViolation(param.schemaPointer, value, param.name);
    throw new ApiError(400, 'invalid_request', violation?.message ?? `${param.name} is invalid`, {
      param: param.name,
    });
  }
}
