/**
 * A job run as a pure function of time. A run is planned once (when the job is created or
 * restarted) as a list of phase segments on the mock clock; a job's status, phase, progress and
 * results at any instant are read off that plan. This keeps the simulation deterministic: advancing
 * the clock by an hour in one step gives exactly the state that a hundred small steps would.
 */
import type { Schemas } from '../spec';

export type JobKind = 'distillation' | 'fine_tuning';
export type Phase = Schemas['JobPhase'];
/** The statuses this server returns (`training` is only a legacy filter alias). */
export type Status = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export type Progress = Schemas['JobProgress'];
export type Results = Schemas['JobResults'];

/** Milliseconds each stage of a job takes on the mock clock. */
export interface PhaseTimings {
  /** Time spent `pending` in the queue before a worker picks the job up. */
  queued: number;
  initializing: number;
  data_generation: number;
  curation: number;
  training: number;
  evaluation: number;
  export: number;
}

export const DEFAULT_TIMINGS: PhaseTimings = {
  queued: 1_000,
  initializing: 2_000,
  data_generation: 8_000,
  curation: 3_000,
  training: 20_000,
  evaluation: 3_000,
  export: 3_000,
};

const PIPELINES: Record<JobKind, Phase[]> = {
  distillation: ['initializing', 'data_generation', 'curation', 'training', 'evaluation', 'export'],
  // Fine-tuning has no teacher, so it skips generating and curating samples.
  fine_tuning: ['initializing', 'training', 'evaluation', 'export'],
};

export interface Segment {
  phase: Phase;
  status: 'pending' | 'running';
  start: number;
  end: number;
}

export interface PlannedFailure {
  phase: Phase;
  /** When the job fails: halfway through its phase, so progress in that phase is visible. */
  at: number;
  code: string;
  message: string;
}

export interface Plan {
  kind: JobKind;
  queuedAt: number;
  segments: Segment[];
  /** When the job completes, if nothing stops it first. */
  end: number;
  failure?: PlannedFailure;
  promptsTotal?: number;
  stepsTotal: number;
  /** Evaluation outcome, fixed at planning so that every read agrees. */
  teacherAccuracy: number;
  accuracyDelta: number;
  evalRows: number;
  /** False: no held-out row had a label or completion to score, so there are no accuracies. */
  evaluated: boolean;
  /** Quantizations exported during the export phase, in order. */
  exports: string[];
}

export interface PlanInput {
  kind: JobKind;
  queuedAt: number;
  timings: PhaseTimings;
  /** Multiplies every duration: the "slow job" scenario. */
  slowdown: number;
  promptsTotal?: number;
  stepsTotal: number;
  teacherAccuracy: number;
  accuracyDelta: number;
  evalRows: number;
  /** `false`: the "not evaluated" scenario (default true). */
  evaluated?: boolean;
  exports: string[];
  failure?: { phase: Phase; code: string; message: string };
}

export function planRun(input: PlanInput): Plan {
  const segments: Segment[] = [];
  let at = input.queuedAt;
  const push = (phase: Phase, status: Segment['status'], duration: number) => {
    const length = Math.max(1, Math.round(duration * input.slowdown));
    segments.push({ phase, status, start: at, end: at + length });
    at += length;
  };
  push('initializing', 'pending', input.timings.queued);
  for (const phase of PIPELINES[input.kind]) {
    push(phase, 'running', input.timings[phase as keyof PhaseTimings]);
  }
  let failure: PlannedFailure | undefined;
  if (input.failure) {
    const segment = segments.find((s) => s.status === 'running' && s.phase === input.failure?.phase);
    if (!segment) throw new RangeError(`A ${input.kind} job has no ${input.failure.phase} phase to fail in`);
    failure = { ...input.failure, at: Math.floor((segment.start + segment.end) / 2) };
  }
  return {
    kind: input.kind,
    queuedAt: input.queuedAt,
    segments,
    end: at,
    ...(failure ? { failure } : {}),
    ...(input.promptsTotal !== undefined ? { promptsTotal: input.promptsTotal } : {}),
    stepsTotal: input.stepsTotal,
    teacherAccuracy: input.teacherAccuracy,
    accuracyDelta: input.accuracyDelta,
    evalRows: input.evalRows,
    evaluated: input.evaluated ?? true,
    exports: input.exports,
  };
}

export interface Snapshot {
  status: Status;
  phase: Phase;
  progress: Progress;
  /** Evaluation results, once the evaluation phase has finished. */
  results?: Results;
  error?: { code: string; message: string; phase: Phase };
  /** Share of the run's work done, 0..1: drives cost. */
  fraction: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** The instant this snapshot describes (clamped to when the job stopped). */
  at: number;
}

const segmentOf = (plan: Plan, phase: Phase) =>
  plan.segments.find((s) => s.status === 'running' && s.phase === phase);
const share = (segment: Segment | undefined, at: number) =>
  !segment ? 0 : Math.min(1, Math.max(0, (at - segment.start) / (segment.end - segment.start)));

/** Instants where something discrete happens (a status or phase change), in order. */
export function boundaries(plan: Plan, cancelledAt?: number): number[] {
  const stop = Math.min(
    cancelledAt ?? Number.POSITIVE_INFINITY,
    plan.failure?.at ?? Number.POSITIVE_INFINITY,
  );
  const points = plan.segments.map((s) => s.end).filter((b) => b < stop);
  if (Number.isFinite(stop)) points.push(stop);
  return points;
}

export function training(plan: Plan): Segment {
  return segmentOf(plan, 'training')!;
}

/** The instant training reached `step`, for metric timestamps. */
export function stepTime(plan: Plan, step: number): number {
  const seg = training(plan);
  return Math.round(seg.start + ((seg.end - seg.start) * step) / plan.stepsTotal);
}

export function evaluate(plan: Plan, t: number, cancelledAt?: number): Snapshot {
  const failAt = plan.failure?.at ?? Number.POSITIVE_INFINITY;
  let status: Status | undefined;
  let at = t;
  if (cancelledAt !== undefined && t >= cancelledAt) {
    status = 'cancelled';
    at = cancelledAt;
  } else if (t >= failAt) {
    status = 'failed';
    at = failAt;
  } else if (t >= plan.end) {
    status = 'completed';
    at = plan.end;
  }

  const queued = plan.segments[0]!;
  const current = plan.segments.find((s) => at >= s.start && at < s.end);
  const phase: Phase = status === 'completed' ? 'done' : (current?.phase ?? 'initializing');
  status ??= current?.status ?? 'running';
  const startedAt = at >= queued.end ? queued.end : null;
  const finishedAt = status === 'completed' || status === 'failed' || status === 'cancelled' ? at : null;

  const progress: Progress = {};
  if (startedAt !== null) {
    if (plan.promptsTotal !== undefined) {
      progress.prompts_done = Math.floor(plan.promptsTotal * share(segmentOf(plan, 'data_generation'), at));
      progress.prompts_total = plan.promptsTotal;
    }
    const step = Math.floor(plan.stepsTotal * share(segmentOf(plan, 'training'), at));
    progress.training_step = step;
    progress.training_steps_total = plan.stepsTotal;
    if (step > 0) progress.loss = lossAt(plan, step);
    if (finishedAt === null) progress.eta_seconds = Math.ceil((plan.end - at) / 1000);
    else if (status === 'completed') progress.eta_seconds = 0;
  }

  const evaluation = segmentOf(plan, 'evaluation')!;
  const snapshot: Snapshot = {
    status,
    phase,
    progress,
    fraction: share({ phase, status: 'running', start: queued.end, end: plan.end }, at),
    startedAt,
    finishedAt,
    at,
  };
  if (at >= evaluation.end) snapshot.results = resultsOf(plan);
  if (status === 'failed' && plan.failure) {
    snapshot.error = { code: plan.failure.code, message: plan.failure.message, phase: plan.failure.phase };
  }
  return snapshot;
}

function resultsOf(plan: Plan): Results {
  // As the engine reports a run whose held-out rows have nothing to score answers against: no
  // accuracies, no delta, no interval, no agreement, and a gate that cannot pass.
  if (!plan.evaluated) return { evaluated: false, eval_rows: 0, threshold_passed: false };
  const teacher = plan.teacherAccuracy;
  const student = Math.min(1, Math.max(0, teacher + plan.accuracyDelta));
  const delta = round(student - teacher, 4);
  // The paired 95% interval shrinks with the square root of the rows evaluated.
  const halfWidth = round(1.96 * Math.sqrt((teacher * (1 - teacher) + 0.01) / plan.evalRows), 4);
  return {
    evaluated: true,
    teacher_accuracy: round(teacher, 4),
    student_accuracy: round(student, 4),
    accuracy_delta: delta,
    accuracy_delta_ci95: [round(delta - halfWidth, 4), round(delta + halfWidth, 4)],
    eval_rows: plan.evalRows,
    agreement_rate: round(Math.min(1, 1 - Math.abs(delta) - 0.01), 4),
    // A more accurate model is less surprised by the right answers.
    teacher_perplexity: round(1 + 4 * (1 - teacher), 3),
    student_perplexity: round(1 + 4 * (1 - student), 3),
  };
}

/** A decaying loss curve; the same step always has the same loss. */
export function lossAt(plan: Plan, step: number): number {
  const floor = plan.kind === 'distillation' ? 0.35 : 0.1;
  const wiggle = 0.01 * Math.sin(step * 1.7);
  return round(floor + 2.1 * Math.exp((-4 * step) / plan.stepsTotal) + wiggle, 4);
}

export const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
