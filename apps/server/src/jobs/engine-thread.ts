import { parentPort, workerData } from 'node:worker_threads';
import {
  CheckpointError,
  ConfigError,
  distil,
  type EngineError,
  engineErrorCode,
  fineTune,
  importCheckpoint,
  type RunOptions,
} from '@distillery/engine';
import type {
  EngineRequest,
  EngineResult,
  ImportMessage,
  ImportRequest,
  RunnerMessage,
  StopReason,
  ThreadMessage,
} from './engine-protocol.ts';

/**
 * Runs one engine call off the main thread, so the API and pg-boss heartbeats stay responsive while
 * the CPU backend trains. Progress goes out as messages; an `abort` message aborts the run.
 */
const port = parentPort;
if (!port) throw new Error('engine-thread must run in a worker thread');
const request = workerData as EngineRequest | ImportRequest;
const controller = new AbortController();
let stopReason: StopReason | null = null;
port.on('message', (m: RunnerMessage) => {
  if (m.type === 'abort') {
    stopReason = m.reason;
    controller.abort(new Error(`stopped: ${m.reason}`));
  }
});
const post = (m: ThreadMessage) => port.postMessage(m);
const hooks: Pick<RunOptions, 'signal' | 'onPhase' | 'onProgress' | 'onLog' | 'onMetric'> = {
  signal: controller.signal,
  onPhase: (phase) => post({ type: 'phase', phase }),
  onProgress: (progress) => post({ type: 'progress', progress }),
  onLog: (message) => post({ type: 'log', message }),
  onMetric: (metric) => post({ type: 'metric', metric }),
};

async function run(r: EngineRequest): Promise<EngineResult> {
  if (r.kind === 'distillation')
    return { kind: r.kind, result: await distil(r.config, { ...r.options, ...hooks }) };
  return { kind: r.kind, result: await fineTune(r.config, { ...r.options, ...hooks }) };
}

/** An import reads and writes files, nothing to report on the way: one answer at the end. */
async function runImport(r: ImportRequest): Promise<ImportMessage> {
  try {
    return { type: 'imported', summary: await importCheckpoint(r.src, r.dest) };
  } catch (err) {
    return { type: 'error', invalid: err instanceof CheckpointError, message: (err as Error).message };
  }
}

if (request.kind === 'import') port.postMessage(await runImport(request));
else
  try {
    post({ type: 'done', ...(await run(request)) });
  } catch (err) {
    if (stopReason) post({ type: 'stopped', reason: stopReason });
    else
      post({
        type: 'error',
        code: engineErrorCode(err),
        message: (err as EngineError | Error).message,
        ...(err instanceof ConfigError ? { param: err.param } : {}),
      });
  }
