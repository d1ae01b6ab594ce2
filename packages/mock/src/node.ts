/**
 * Node entry point: an MSW server already holding the mock's handlers, with the mock's controls
 * attached as `server.mock`.
 */
import { type SetupServer, setupServer as setupMswServer } from 'msw/node';
import { createMock, type DistilleryMock } from './mock';
import type { MockOptions } from './options';

export * from './index';

export type DistilleryMockServer = SetupServer & { mock: DistilleryMock };

export function setupServer(options: MockOptions = {}): DistilleryMockServer {
  const mock = createMock(options);
  return Object.assign(setupMswServer(...mock.handlers), { mock });
}

export { type MockHttpServer, type MockHttpServerOptions, startMockHttpServer } from './http-server';
