import type { Schemas } from '../openapi/spec.ts';

const WIDTH = 30;

/** One status line: a bar over training steps (or prompts while generating), phase and loss. */
export function progressLine(job: Schemas['DistillationJob']): string {
  const p = job.progress;
  const [done, total] =
    p.training_steps_total && (job.phase === 'training' || (p.training_step ?? 0) > 0)
      ? [p.training_step ?? 0, p.training_steps_total]
      : [p.prompts_done ?? 0, p.prompts_total ?? 0];
  const fraction = job.status === 'completed' ? 1 : total ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  const extra = [
    total ? `${done}/${total}` : '',
    p.loss !== undefined ? `loss ${p.loss.toFixed(4)}` : '',
    p.eta_seconds ? `eta ${Math.round(p.eta_seconds)}s` : '',
  ].filter(Boolean);
  return `${bar} ${String(Math.round(fraction * 100)).padStart(3)}% ${job.status}/${job.phase} ${extra.join(' ')}`.trimEnd();
}
