/**
 * A mock server for a test file, with every response it produces checked against the spec:
 * a response that drifts from the contract fails the test that caused it.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { setupServer } from '../../src/node';
import type { MockOptions } from '../../src/options';
import { type Checked, checkResponse } from './contract';

export const BASE = 'http://localhost:8000';

/** Every operation and status seen across the files that use the harness, for coverage assertions. */
export const observed = new Set<string>();

export function useMockServer(options: MockOptions = {}) {
  const server = setupServer(options);
  let checks: Array<Promise<Checked>> = [];
  server.events.on('response:mocked', ({ request, response }) => {
    checks.push(checkResponse(request.method, request.url, response));
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    // Event streams are checked once they end; a test leaves none open past its own end.
    const timeout = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 500));
    const results = await Promise.all(checks.map((check) => Promise.race([check, timeout])));
    checks = [];
    server.mock.reset();
    const problems: string[] = [];
    for (const result of results) {
      if (result === 'open') continue;
      observed.add(`${result.operationId} ${result.status}`);
      problems.push(...result.problems);
    }
    expect(problems, 'responses that break the spec').toEqual([]);
  });
  afterAll(() => server.close());
  return server;
}

/** `fetch` against the mock's base URL, with JSON bodies. */
export async function api(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${BASE}${path}`, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

export async function apiJson<T = Record<string, unknown>>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
) {
  const response = await api(path, init);
  return { response, status: response.status, body: (await response.json()) as T };
}
