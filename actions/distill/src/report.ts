import * as core from '@actions/core';
import type { Artifact, Job } from '@distillery/sdk';

const percent = (value: number | undefined) => (value === undefined ? 'n/a' : `${(value * 100).toFixed(2)}%`);
const signedPercent = (value: number | undefined) =>
  value === undefined ? 'n/a' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)} pp`;
const times = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(1)}×`);
const fixed = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(2));

/** One log line per change while waiting. */
export function progressLine(job: Job): string {
  const { progress } = job;
  const parts = [`status=${job.status}`, `phase=${job.phase}`];
  if (progress.prompts_total) parts.push(`prompts ${progress.prompts_done ?? 0}/${progress.prompts_total}`);
  if (progress.training_steps_total) {
    parts.push(`step ${progress.training_step ?? 0}/${progress.training_steps_total}`);
  }
  if (progress.loss !== undefined) parts.push(`loss ${progress.loss.toFixed(4)}`);
  if (progress.eta_seconds) parts.push(`eta ${Math.round(progress.eta_seconds)}s`);
  return parts.join(' ');
}

export function artifactUrls(artifacts: Artifact[]): Record<string, string> {
  return Object.fromEntries(artifacts.map((artifact) => [artifact.format, artifact.download_url]));
}

/** Why the gate fails, or undefined when it passes. A job that could not be evaluated never passes. */
export function gateFailure(results: Job['results'], threshold: number): string | undefined {
  if (results.evaluated === false) {
    return 'The job was not evaluated: none of its held-out rows has a label or completion to score answers against, so there is no accuracy delta to gate on. Add labelled rows, or point eval_dataset_id at a labelled dataset.';
  }
  if (results.threshold_passed) return undefined;
  return `Accuracy delta ${results.accuracy_delta} is below the threshold ${threshold}: the student lost too much accuracy. Train longer, pick a larger student, or relax accuracy-threshold.`;
}

export function setJobOutputs(job: Job, urls: Record<string, string>): void {
  const { results } = job;
  core.setOutput('status', job.status);
  core.setOutput('teacher-accuracy', results.teacher_accuracy ?? '');
  core.setOutput('student-accuracy', results.student_accuracy ?? '');
  core.setOutput('accuracy-delta', results.accuracy_delta ?? '');
  core.setOutput('compression-ratio', results.compression_ratio ?? '');
  core.setOutput('threshold-passed', results.threshold_passed ?? '');
  core.setOutput('artifact-urls', JSON.stringify(urls));
  core.exportVariable('DISTILLERY_ARTIFACT_URLS', JSON.stringify(urls));
}

export async function writeSummary(job: Job, threshold: number, artifacts: Artifact[]): Promise<void> {
  const { results } = job;
  const gate =
    results.evaluated === false
      ? '❌ not evaluated'
      : results.threshold_passed
        ? '✅ passed'
        : '❌ below threshold';
  core.summary.addHeading(`Distillation ${job.name ?? job.id}: ${job.status}`, 2).addTable([
    [
      { data: 'Metric', header: true },
      { data: 'Value', header: true },
    ],
    ['Job', job.id],
    ['Teacher accuracy', percent(results.teacher_accuracy)],
    ['Student accuracy', percent(results.student_accuracy)],
    ['Accuracy delta', signedPercent(results.accuracy_delta)],
    ['Threshold', `${signedPercent(threshold)} (${gate})`],
    ['Agreement with teacher', percent(results.agreement_rate)],
    ['Compression (parameters)', times(results.compression_ratio)],
    ['Compression (file bytes)', times(results.size_compression_ratio)],
    [
      'Perplexity (teacher / student)',
      `${fixed(results.teacher_perplexity)} / ${fixed(results.student_perplexity)}`,
    ],
    ['Held-out rows', String(results.eval_rows ?? 'n/a')],
  ]);
  if (artifacts.length > 0) {
    core.summary.addHeading('Artifacts', 3).addTable([
      [
        { data: 'Format', header: true },
        { data: 'Size', header: true },
        { data: 'sha256', header: true },
      ],
      ...artifacts.map((artifact) => [
        `<a href="${artifact.download_url}">${artifact.format}</a>`,
        `${(artifact.size_bytes / 1024).toFixed(1)} KiB`,
        `<code>${artifact.checksum_sha256.slice(0, 16)}…</code>`,
      ]),
    ]);
  }
  await core.summary.write();
}
