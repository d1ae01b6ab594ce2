import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Distillery } from '../src/index.js';
import { BASE_URL } from './fixtures.js';

/** The MSW server of a test file; handlers are added per test with `server.use`. */
export const server = setupServer();

export function useMockServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** A client aimed at the MSW base URL with a test key. */
export function testClient(options: ConstructorParameters<typeof Distillery>[0] = {}): Distillery {
  return new Distillery({ baseUrl: BASE_URL, apiKey: 'dk_test_abc', ...options });
}
