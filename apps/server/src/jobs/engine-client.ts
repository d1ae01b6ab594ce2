import { Worker } from 'node:worker_threads';
import type { Metric, Phase, Progress } from '@distillery/engine';
import type {
  EngineRequest,
  ImportMessage,
  ImportRequest,
  RunnerMessage,
  StopReason,
  ThreadMessage,
} from './engine-protocol.ts';

// The thread entry sits beside this module: src/jobs/*.ts in development, dist/*.js when built.
const THREAD_URL = new URL(
  import.meta.url.endsWith('.ts') ? './engine-thread.ts' : './engine-thread.js',
  import.meta.url,
);
/** How long the engine gets to stop on its own after an abort before its thread is terminated. */
const ABORT_GRACE_MS = 10_000;

export interface EngineEvents {
  onPhase(phase: Phase): void;
  onProgress(progress: Progress): void;
  onLog(message: string): void;
  onMetric(metric: Metric): void;
}

/** How a run ended: its result, the engine's error (with its code), or stopped by `stop`. */
export type EngineOutcome = Extract<ThreadMessage, { type: 'done' | 'error' | 'stopped' }>;

export interface EngineRun {
  /** Settles once the run ends; rejects only when the thread itself broke. */
  readonly outcome: Promise<EngineOutcome>;
  /** Asks the engine to stop; the first reason given is the one reported. */
  stop(reason: StopReason): void;
  /** Ends the thread now, whatever it is doing. */
  terminate(): Promise<void>;
}

/** Runs one engine call in its own thread, forwarding what it reports as it happens. */
export function startEngine(request: EngineRequest, events: EngineEvents): EngineRun {
  const thread = new Worker(THREAD_URL, { workerData: request });
  let stopReason: StopReason | null = null;
  const outcome = new Promise<EngineOutcome>((resolve, reject) => {
    thread.on('message', (m: ThreadMessage) => {
      switch (m.type) {
        case 'phase':
          return events.onPhase(m.phase);
        case 'progress':
          return events.onProgress(m.progress);
        case 'log':
          return events.onLog(m.message);
        case 'metric':
          return events.onMetric(m.metric);
        default:
          return resolve(m);
      }
    });
    thread.on('error', reject);
    thread.on('exit', (code) => {
      // Terminated after an abort that the engine did not honour in time.
      if (stopReason) resolve({ type: 'stopped', reason: stopReason });
      else reject(new Error(`engine thread exited with code ${code}`));
    });
  });
  return {
    outcome,
    stop(reason) {
      if (stopReason) return;
      stopReason = reason;
      thread.postMessage({ type: 'abort', reason } satisfies RunnerMessage);
      setTimeout(() => void thread.terminate(), ABORT_GRACE_MS).unref();
    },
    async terminate() {
      await thread.terminate();
    },
  };
}

/**
 * Converts the checkpoint folder `src` into a stored model at `dest` in an engine thread, so that the
 * API stays responsive while gigabytes are read and written. Settles with the engine's answer; rejects
 * only when the thread itself broke.
 */
export function importInThread(src: string, dest: string): Promise<ImportMessage> {
  const thread = new Worker(THREAD_URL, {
    workerData: { kind: 'import', src, dest } satisfies ImportRequest,
  });
  return new Promise<ImportMessage>((resolve, reject) => {
    thread.once('message', (m: ImportMessage) => {
      resolve(m);
      void thread.terminate();
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`engine thread exited with code ${code}`)));
  });
}
