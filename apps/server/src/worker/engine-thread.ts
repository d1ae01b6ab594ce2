import { parentPort, workerData } from 'node:worker_threads';
import { runDistillation, runFineTuning } from '@distillery/engine';
import type { EngineRequest, ThreadMessage } from './protocol.ts';

/**
 * Runs one engine call off the main thread, so the API and pg-boss heartbeats stay responsive while
 * the CPU backend trains. Progress goes out as messages; an `abort` message aborts the run.
 */
const port = parentPort;
if (!port) throw new Error('engine-thread must run in a worker thread');
const request = workerData as EngineRequest;
const controller = new AbortController();
port.on('message', (m: { type: 'abort'; reason: string }) => {
  if (m.type === 'abort') controller.abort(new Error(m.reason));
});
const post = (m: ThreadMessage) => port.postMessage(m);
const hooks = {
  signal: controller.signal,
  onPhase: (phase: string) => post({ type: 'phase', phase }),
  onProgress: (progress: Record<string, number>) => post({ type: 'progress', progress: { ...progress } }),
  onLog: (message: string) => post({ type: 'log', message }),
  onMetric: (metric: Record<string, number>) => post({ type: 'metric', metric: { ...metric } }),
};

try {
  const result =
    request.kind === 'distillation'
      ? await runDistillation(request.config as never, { ...request.options, ...hooks } as never)
      : await runFineTuning(request.config as never, { ...request.options, ...hooks } as never);
  post({ type: 'done', result: JSON.parse(JSON.stringify(result)) });
} catch (err) {
  const e = err as Error & { param?: string };
  post({
    type: 'error',
    name: e.name,
    message: e.message,
    param: e.param,
    aborted: controller.signal.aborted,
  });
}
