import { relative } from 'node:path';
import type { TriageResult } from './pipeline.ts';

// `== null`: a result the server could not compute is absent, or null once a job was not evaluated.
const pct = (x: number | null | undefined) => (x == null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null | undefined) => (x == null ? 'n/a' : x.toFixed(2));
const times = (x: number | null | undefined) => (x == null ? 'n/a' : `${x.toFixed(1)}x`);
const evaluated = (x: number | null | undefined) => (x == null ? 'not evaluated' : pct(x));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The quick start's closing table: accuracies, delta and interval, perplexities, compression, files. */
export function resultsTable(r: TriageResult, wallSeconds: number): string {
  const res = r.student.results;
  const [low, high] = res.accuracy_delta_ci95 ?? [];
  const delta = res.accuracy_delta == null ? 'not evaluated' : `${(res.accuracy_delta * 100).toFixed(1)} pp`;
  const interval =
    low == null || high == null ? '' : ` (95% CI ${(low * 100).toFixed(1)} to ${(high * 100).toFixed(1)})`;
  const sizes =
    res.teacher_size_bytes == null || res.student_size_bytes == null
      ? ''
      : ` (${kib(res.teacher_size_bytes)} / ${kib(res.student_size_bytes)})`;
  const rows: Array<[string, string]> = [
    ['held-out mails', String(res.eval_rows ?? 'n/a')],
    ['majority-class rate', pct(r.majorityRate)],
    ['naive Bayes baseline (labelled mail, word counts)', pct(r.naiveBayesRate)],
    [
      `teacher accuracy (${r.teacher.base_model}, ${res.teacher_parameters?.toLocaleString('en')} params)`,
      evaluated(res.teacher_accuracy),
    ],
    [
      `student accuracy (distillery-pico, ${res.student_parameters?.toLocaleString('en')} params)`,
      evaluated(res.student_accuracy),
    ],
    ['accuracy delta', `${delta}${interval}`],
    [
      'gate (threshold -3 pp)',
      res.threshold_passed == null ? 'not evaluated' : res.threshold_passed ? 'passed' : 'failed',
    ],
    ['agreement with teacher', pct(res.agreement_rate)],
    ['perplexity (teacher / student)', `${fixed(res.teacher_perplexity)} / ${fixed(res.student_perplexity)}`],
    ['compression (parameters)', times(res.compression_ratio)],
    ['compression (file bytes)', `${times(res.size_compression_ratio)}${sizes}`],
    ['wall time', `${wallSeconds.toFixed(0)} s`],
  ];
  for (const a of r.artifacts) {
    rows.push([`artifact ${a.format}`, `${relative(process.cwd(), a.path)} (${kib(a.size_bytes)})`]);
  }
  rows.push(['downloaded, sha256 verified', relative(process.cwd(), r.downloaded.path)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
