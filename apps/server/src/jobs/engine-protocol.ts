import type {
  CheckpointSummary,
  DistillationConfig,
  DistillationResult,
  DistillationRunOptions,
  EngineErrorCode,
  FineTuningConfig,
  FineTuningResult,
  FineTuningRunOptions,
  Metric,
  Phase,
  Progress,
} from '@distillery/engine';

/**
 * Messages between a job's runner and its engine thread, typed by the engine's own exports. They
 * cross by structured clone, so what a run takes as callbacks and signal stays in the thread.
 */
type ThreadSide = 'signal' | 'onProgress' | 'onLog' | 'onMetric' | 'onPhase' | 'scorer';

export type EngineRequest =
  | { kind: 'distillation'; config: DistillationConfig; options: Omit<DistillationRunOptions, ThreadSide> }
  | { kind: 'fine_tuning'; config: FineTuningConfig; options: Omit<FineTuningRunOptions, ThreadSide> };

export type EngineResult =
  | { kind: 'distillation'; result: DistillationResult }
  | { kind: 'fine_tuning'; result: FineTuningResult };

/** Why a runner stops its engine before the run ends. */
export type StopReason = 'cancelled' | 'deleted' | 'superseded' | 'shutdown';

export type RunnerMessage = { type: 'abort'; reason: StopReason };

export type ThreadMessage =
  | { type: 'phase'; phase: Phase }
  | { type: 'progress'; progress: Progress }
  | { type: 'log'; message: string }
  | { type: 'metric'; metric: Metric }
  | ({ type: 'done' } & EngineResult)
  /** The run threw: the engine's code says why, `param` names the config field when there is one. */
  | { type: 'error'; code: EngineErrorCode; message: string; param?: string }
  /** The run ended because the runner aborted it. */
  | { type: 'stopped'; reason: StopReason };

/** Converting a pretrained checkpoint (a folder) into a stored model at `dest` (`POST /v1/models`). */
export type ImportRequest = { kind: 'import'; src: string; dest: string };

export type ImportMessage =
  | { type: 'imported'; summary: CheckpointSummary }
  /** `invalid`: the engine's CheckpointError, a problem with the upload that `message` names. */
  | { type: 'error'; invalid: boolean; message: string };
