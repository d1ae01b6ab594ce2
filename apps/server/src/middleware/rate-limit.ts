import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { PUBLIC_PATHS } from './auth.ts';

/**
 * Fixed one-minute windows per key (per client address in loopback mode), in memory: each server
 * process limits what it serves. Every response carries the RateLimit-* headers.
 */
export function rateLimit(limitPerMinute: number): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path) || limitPerMinute <= 0) return next();
    const now = Date.now();
    const who = c.get('auth')?.keyId ?? c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
    let w = windows.get(who);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      windows.set(who, w);
      if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k);
    }
    w.count++;
    const reset = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
    const headers = {
      'RateLimit-Limit': String(limitPerMinute),
      'RateLimit-Remaining': String(Math.max(0, limitPerMinute - w.count)),
      'RateLimit-Reset': String(reset),
    };
    if (w.count > limitPerMinute) {
      throw new ApiError(
        429,
        'rate_limited',
        `Rate limit of ${limitPerMinute} requests per minute exceeded; retry in ${reset} s`,
        {
          headers: { ...headers, 'Retry-After': String(reset) },
        },
      );
    }
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}
