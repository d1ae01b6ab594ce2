/** Messages between the job runner and its engine thread. */
export interface EngineRequest {
  kind: 'distillation' | 'fine_tuning';
  config: Record<string, unknown>;
  options: Record<string, unknown>;
}

export type ThreadMessage =
  | { type: 'phase'; phase: string }
  | { type: 'progress'; progress: Record<string, number> }
  | { type: 'log'; message: string }
  | { type: 'metric'; metric: Record<string, number> }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'error'; name: string; message: string; param?: string; aborted: boolean };
