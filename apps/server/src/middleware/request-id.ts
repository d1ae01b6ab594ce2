import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { newId } from '../ids.ts';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane), echoes it on the
 * response, logs the request with it and counts it for /metrics.
 */
export function requestId(s: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && SAFE_ID.test(incoming) ? incoming : newId('req');
    c.set('requestId', id);
    const logger = s.logger.child({ request_id: id });
    c.set('logger', logger);
    const started = performance.now();
    try {
      await next();
    } finally {
      c.header('x-request-id', id);
      const ms = performance.now() - started;
      const route = c.req.routePath || 'unmatched';
      s.metrics.observeHttp(c.req.method, route, c.res.status, ms / 1000);
      logger.info(
        { method: c.req.method, path: c.req.path, route, status: c.res.status, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    }
  };
}
