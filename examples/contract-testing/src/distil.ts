/**
 * The app under test: submits a distillation, waits for it, and decides whether the student is
 * good enough to ship — the decision a release pipeline makes after each training run.
 */
import { type Distillery, JobFailedError } from '@distillery/sdk';

export interface DistilResult {
  jobId: string;
  ship: boolean;
  accuracyDelta: number;
  /** One line for the release log. */
  summary: string;
}

export async function distilAndGate(
  client: Distillery,
  options: {
    name: string;
    teacher: string;
    student: string;
    maxAccuracyDrop: number;
    onPhase?: (phase: string) => void;
  },
): Promise<DistilResult> {
  const job = await client.jobs.create({
    name: options.name,
    config: {
      teacher_model: options.teacher,
      student_model: options.student,
      accuracy_threshold: -options.maxAccuracyDrop,
    },
  });
  try {
    const done = await client.jobs.waitForCompletion(job.id, {
      onProgress: (j) => options.onPhase?.(j.phase),
    });
    const delta = done.results.accuracy_delta ?? Number.NEGATIVE_INFINITY;
    const ship = done.results.threshold_passed === true;
    return {
      jobId: job.id,
      ship,
      accuracyDelta: delta,
      summary: `${options.name}: accuracy ${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} pt → ${ship ? 'ship' : 'hold'}`,
    };
  } catch (error) {
    if (error instanceof JobFailedError) {
      return {
        jobId: job.id,
        ship: false,
        accuracyDelta: Number.NaN,
        summary: `${options.name}: failed in ${error.job.error?.phase ?? error.job.phase} (${error.job.error?.code}) → hold`,
      };
    }
    throw error;
  }
}
