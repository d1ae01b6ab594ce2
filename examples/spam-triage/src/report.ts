import { relative } from 'node:path';
import type { TriageResult } from './pipeline.ts';

const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** The closing table of the quick start: accuracies, delta with its interval, compression, files. */
export function resultsTable(r: TriageResult, wallSeconds: number): string {
  const res = r.student.results;
  const [low, high] = res.accuracy_delta_ci95 ?? [];
  const delta = res.accuracy_delta === undefined ? 'n/a' : `${(res.accuracy_delta * 100).toFixed(1)} pp`;
  const interval =
    low === undefined || high === undefined
      ? ''
      : ` (95% CI ${(low * 100).toFixed(1)} to ${(high * 100).toFixed(1)})`;
  const rows: Array<[string, string]> = [
    ['held-out mails', String(res.eval_rows ?? 'n/a')],
    ['majority-class rate', pct(r.majorityRate)],
    [
      `teacher accuracy (${r.teacher.base_model}, ${res.teacher_parameters?.toLocaleString('en')} params)`,
      pct(res.teacher_accuracy),
    ],
    [
      `student accuracy (distillery-pico, ${res.student_parameters?.toLocaleString('en')} params)`,
      pct(res.student_accuracy),
    ],
    ['accuracy delta', `${delta}${interval}`],
    ['gate (threshold -3 pp)', res.threshold_passed ? 'passed' : 'failed'],
    ['agreement with teacher', pct(res.agreement_rate)],
    ['compression', res.compression_ratio === undefined ? 'n/a' : `${res.compression_ratio.toFixed(1)}x`],
    ['wall time', `${wallSeconds.toFixed(0)} s`],
  ];
  for (const a of r.artifacts) {
    rows.push([
      `artifact ${a.format}`,
      `${relative(process.cwd(), a.path)} (${(a.size_bytes / 1024).toFixed(1)} KiB)`,
    ]);
  }
  rows.push(['downloaded, sha256 verified', relative(process.cwd(), r.downloaded.path)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
