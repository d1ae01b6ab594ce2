import openapiFetch from 'openapi-fetch';

/**
 * openapi-fetch's CommonJS build sets `exports.default` without `__esModule`, so under Node's CJS
 * interop its default import is the module object rather than the function; unwrap it there.
 */
export const createClient: typeof openapiFetch =
  typeof openapiFetch === 'function'
    ? openapiFetch
    : (openapiFetch as unknown as { default: typeof openapiFetch }).default;
