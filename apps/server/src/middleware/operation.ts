import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AuthContext } from '../context.ts';
import { ApiError, methodNotAllowed } from '../errors.ts';
import { allowedMethods, type InputOf, type OperationId, operationsById } from '../openapi/spec.ts';
import {
  findUnstorableText,
  unstorableTextError,
  validationError,
  validatorsFor,
} from '../openapi/validate.ts';

/** The environment of a route bound to operation `O`: its validated input, typed, as `input`. */
export type OperationEnv<O extends OperationId> = AppEnv & { Variables: { input: InputOf<O> } };

/**
 * Binds a route to its operation in the spec: checks the scope the spec asks for, validates path,
 * query, headers and JSON body against the spec's schemas (filling defaults), and resolves the
 * tenant the request acts on. The handler reads the result with `c.get('input')`, typed for `id`.
 */
export function operation<O extends OperationId>(id: O): MiddlewareHandler<OperationEnv<O>> {
  const op = operationsById.get(id);
  if (!op) throw new Error(`operation ${id} is not in the spec`);
  const v = validatorsFor(id);
  return async (c, next) => {
    // The spec, not the router, decides what a path names: `GET /v1/distillation/estimate` reaches
    // the job route here, but the spec has only POST on that path.
    const allowed = allowedMethods(c.req.path);
    if (allowed.length && !allowed.includes(c.req.method))
      throw methodNotAllowed(c.req.method, c.req.path, allowed);
    const auth = c.get('auth');
    if (op.scope && auth && !auth.scopes.has(op.scope)) {
      throw new ApiError(403, 'forbidden', `This key lacks the ${op.scope} scope`, {
        details: { required_scope: op.scope },
      });
    }
    const path: Record<string, unknown> = { ...c.req.param() };
    if (v.path && !v.path(path)) throw validationError(v.path.errors, 'path');
    const query: Record<string, unknown> = {};
    for (const [k, values] of Object.entries(c.req.queries()))
      query[k] = values.length === 1 ? values[0] : values;
    if (v.query && !v.query(query)) throw validationError(v.query.errors, 'query');
    const header: Record<string, unknown> = {};
    for (const name of v.headerNames.keys()) {
      const value = c.req.header(name);
      if (value !== undefined) header[name] = value;
    }
    if (v.header && !v.header(header)) throw validationError(v.header.errors, 'header', v.headerNames);
    for (const [location, value] of [
      ['path', path],
      ['query', query],
    ] as const) {
      const found = findUnstorableText(value);
      if (found) throw unstorableTextError(found, location);
    }

    let body: unknown;
    let rawBody = '';
    const contentType = c.req.header('content-type') ?? 'application/json';
    // A body of another media type that the operation accepts (a multipart upload) is its route's to read.
    const otherType = v.otherBodyTypes.some((t) => contentType.toLowerCase().startsWith(t));
    if (v.body && !otherType) {
      rawBody = await c.req.text();
      if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
        const accepted = ['application/json', ...v.otherBodyTypes].join(' or ');
        throw new ApiError(400, 'invalid_request', `Send the body as ${accepted}`, {
          param: 'Content-Type',
        });
      }
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new ApiError(400, 'invalid_request', 'The body is not valid JSON', { param: 'body' });
      }
      if (!v.body(body)) throw validationError(v.body.errors, 'body');
      const found = findUnstorableText(body);
      if (found) throw unstorableTextError(found, 'body');
    }
    // Validated against the schemas that the types of InputOf<O> are generated from.
    const input = { path, query, header, body, rawBody, tenantId: resolveTenant(c.get('auth'), query, body) };
    c.set('input', input as unknown as InputOf<O>);
    return next();
  };
}

/** The tenant named by `tenant_id` (query or body), else the caller's; only admins may name another. */
function resolveTenant(auth: AuthContext | undefined, query: Record<string, unknown>, body: unknown): string {
  const fromBody = body && typeof body === 'object' ? (body as { tenant_id?: unknown }).tenant_id : undefined;
  const named = (query.tenant_id ?? fromBody) as string | undefined;
  if (!auth) return named ?? 'default';
  if (named && named !== auth.tenantId && !auth.admin) {
    throw new ApiError(
      403,
      'forbidden',
      `This key belongs to tenant ${auth.tenantId} and cannot act on tenant ${named}`,
      { param: 'tenant_id' },
    );
  }
  return named ?? auth.tenantId;
}
