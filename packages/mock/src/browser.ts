/**
 * Browser entry point: an MSW service worker already holding the mock's handlers, with the
 * mock's controls attached as `worker.mock`. Serve MSW's `mockServiceWorker.js` as usual.
 */
import { type SetupWorker, setupWorker as setupMswWorker } from 'msw/browser';
import { createMock, type DistilleryMock } from './mock';
import type { MockOptions } from './options';

export * from './index';

export type DistilleryMockWorker = SetupWorker & { mock: DistilleryMock };

export function setupWorker(options: MockOptions = {}): DistilleryMockWorker {
  const mock = createMock(options);
  return Object.assign(setupMswWorker(...mock.handlers), { mock });
}
