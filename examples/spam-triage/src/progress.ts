import type { FineTuningJob, Job } from '@distillery/sdk';

const BAR_WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((done / total) * BAR_WIDTH) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

function describe(job: Job | FineTuningJob): string {
  const p = job.progress ?? {};
  const parts = [`${job.status}/${job.phase}`];
  if (job.phase === 'data_generation' && p.prompts_total) {
    parts.push(
      `${bar(p.prompts_done ?? 0, p.prompts_total)} prompts ${p.prompts_done ?? 0}/${p.prompts_total}`,
    );
  } else if (p.training_steps_total) {
    parts.push(
      `${bar(p.training_step ?? 0, p.training_steps_total)} step ${p.training_step ?? 0}/${p.training_steps_total}`,
    );
  }
  if (p.loss !== undefined) parts.push(`loss ${p.loss.toFixed(3)}`);
  if (p.eta_seconds) parts.push(`eta ${Math.round(p.eta_seconds)}s`);
  return parts.join('  ');
}

/**
 * An `onProgress` for `waitForCompletion`: one line redrawn in place on a terminal; elsewhere (CI
 * logs) a line per phase change and per tenth of the training steps, so logs stay short.
 */
export function progressPrinter(label: string, out: NodeJS.WriteStream = process.stdout) {
  let lastKey = '';
  return {
    onProgress(job: Job | FineTuningJob) {
      const line = `  ${label}  ${describe(job)}`;
      if (out.isTTY) {
        out.write(`\r${line.padEnd(out.columns ? out.columns - 1 : 100)}`);
        return;
      }
      const p = job.progress ?? {};
      const tenth = p.training_steps_total
        ? Math.floor(((p.training_step ?? 0) * 10) / p.training_steps_total)
        : 0;
      const key = `${job.status}/${job.phase}/${tenth}`;
      if (key !== lastKey) out.write(`${line}\n`);
      lastKey = key;
    },
    done() {
      if (out.isTTY) out.write('\n');
    },
  };
}
