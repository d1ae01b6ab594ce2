import type { Schemas } from '@distillery/openapi';

/** Phases of a job, as the API reports them. */
export type Phase = Schemas['JobPhase'];

export type Progress = Schemas['JobProgress'];

export interface Metric {
  step: number;
  loss: number;
  ce_loss: number;
  kd_loss: number;
  learning_rate: number;
  grad_norm: number;
  tokens_per_second: number;
}

/** What the server's worker hands to a run. Every callback is optional. */
export interface RunOptions {
  /** Where this run keeps checkpoints and outputs. */
  dataDir: string;
  /** Where `local/<id>` models live (default `<dataDir>/models`). */
  modelsDir?: string;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  onLog?: (message: string) => void;
  onMetric?: (m: Metric) => void;
  onPhase?: (phase: Phase) => void;
  /** Checkpoint every N optimizer steps (default 50). */
  checkpointEvery?: number;
}
